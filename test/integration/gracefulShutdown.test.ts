/**
 * Graceful shutdown under load: SIGTERM while four clients type and ask for "saved" acknowledgements. The
 * server closes every socket with 1001 "going away" (so clients reconnect), exits 0 within a bounded time,
 * and after a restart holds every update it acknowledged.
 */
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { createProject, setupOwner } from '../helpers/accounts'
import { ChaosClient } from '../helpers/chaosClient'
import { waitFor } from '../helpers/clients'
import { sameDocument } from '../helpers/docCompare'
import { removeTempDirs, spawnServer, stopAllServers } from '../helpers/server'

afterAll(async () => {
  await stopAllServers()
  removeTempDirs()
})

/** Generous: the drain takes milliseconds; this only catches a shutdown that hangs. */
const EXIT_WITHIN_MS = 15_000

describe('graceful shutdown', () => {
  it('under load: closes with 1001, exits 0 in bounded time, keeps everything acknowledged', async () => {
    const server = await spawnServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const typists = Array.from(
      { length: 4 },
      () =>
        new ChaosClient(
          () => server.url,
          project,
          owner.cookie,
          () => 0.5,
        ),
    )
    await Promise.all(typists.map((t) => t.connect()))
    let typing = true
    const loops = typists.map(async (t, i) => {
      for (let n = 0; typing && t.connected; n++) {
        t.doc.getText('body').insert(0, `${i}:${n} `)
        t.flush()
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    })
    await waitFor(() => typists.every((t) => t.acked.size > 20), { message: 'typists acknowledged' })

    const started = Date.now()
    server.child.kill('SIGTERM')
    const code = await server.exited
    const tookMs = Date.now() - started
    typing = false
    await Promise.all(loops)
    expect(code).toBe(0)
    expect(tookMs).toBeLessThan(EXIT_WITHIN_MS)
    for (const t of typists) expect(t.closeCodes).toEqual([CloseCode.goingAway])

    const restarted = await spawnServer({ dataDir: server.dataDir })
    const observer = new ChaosClient(
      () => restarted.url,
      project,
      owner.cookie,
      () => 0.5,
    )
    await observer.connect()
    await waitFor(() => {
      observer.deliver()
      return observer.doc.getText('body').length > 0
    })
    const acked = typists.flatMap((t) => [...t.acked])
    expect(acked.length).toBeGreaterThan(80)
    for (const update of acked) {
      const copy = new Y.Doc()
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(observer.doc))
      Y.applyUpdate(copy, update)
      expect(sameDocument(copy, observer.doc)).toBe(true)
    }
    observer.drop()
  })
})
