/**
 * Durability of the update log with the server in a child process: a clean SIGTERM restart keeps
 * everything, and `kill -9` during continuous editing loses nothing any other client had received. The
 * kill -9 check is also run against a server with the test-only fault `relay-before-durable`
 * (server/sync/faultInjection.ts), where it must find losses: proof that it can catch the bug it names.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { createProject, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, type TestClient, waitFor, waitForSynced } from '../helpers/clients'
import {
  type ChildServer,
  removeTempDirs,
  spawnServer,
  startTestServer,
  stopAllServers,
} from '../helpers/server'
import { storedDoc } from '../helpers/storedDoc'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

const itemsOf = (doc: Y.Doc) => doc.getArray<string>('log').toArray()

/**
 * Five clients append items every few ms until the server is killed with SIGKILL; returns what each had
 * received from the others by then and which of those items the store does not hold.
 */
async function killDuringEdits(env: Record<string, string> = {}) {
  const server = await spawnServer({ env })
  const owner = await setupOwner(server)
  const project = await createProject(server.url, owner)
  const clients: TestClient[] = []
  const seenFromOthers: Set<string>[] = []
  for (let i = 0; i < 5; i++) {
    const client = connectClient(server.url, project, { user: owner })
    const seen = new Set<string>()
    client.doc.getArray<string>('log').observe((event) => {
      if (event.transaction.local) return
      for (const delta of event.changes.delta) {
        for (const item of (delta.insert as string[] | undefined) ?? []) {
          if (!item.startsWith(`c${i}-`)) seen.add(item)
        }
      }
    })
    clients.push(client)
    seenFromOthers.push(seen)
  }
  await Promise.all(clients.map((c) => waitForSynced(c)))

  // Every client appends an item every few ms until the server dies.
  let counter = 0
  const timers = clients.map((client, i) =>
    setInterval(() => client.doc.getArray<string>('log').push([`c${i}-${counter++}`]), 3),
  )
  await waitFor(() => seenFromOthers.every((seen) => seen.size >= 100), {
    message: 'edits flowing',
    timeout: 20_000,
  })
  server.child.kill('SIGKILL')
  await server.exited
  // Freeze what each client had received before the kill.
  const received = seenFromOthers.map((seen) => new Set(seen))
  for (const t of timers) clearInterval(t)

  const stored = new Set(itemsOf(await storedDoc(server.dataDir, project)))
  const missing = received.flatMap((seen) => [...seen].filter((item) => !stored.has(item)))
  return { server, project, clients, received, missing }
}

/**
 * Restarts the killed server on its port; the providers reconnect, everyone converges on every item, and the
 * store ends up holding every item any client holds (they resend what the server lacks).
 */
async function restartAndConverge(server: ChildServer, project: string, clients: TestClient[]) {
  const restarted = await spawnServer({ dataDir: server.dataDir, env: { PORT: String(server.port) } })
  expect(restarted.port).toBe(server.port)
  const allItems = new Set(clients.flatMap((c) => itemsOf(c.doc)))
  await waitFor(
    () => clients.every((c) => c.provider.synced && new Set(itemsOf(c.doc)).size === allItems.size),
    { message: 'clients converge after restart', timeout: 20_000 },
  )
  const first = JSON.stringify(itemsOf(clients[0]!.doc))
  for (const c of clients) expect(JSON.stringify(itemsOf(c.doc))).toBe(first)
  await waitFor(
    async () => {
      const restored = new Set(itemsOf(await storedDoc(server.dataDir, project)))
      return [...allItems].every((item) => restored.has(item))
    },
    { message: 'store has every item after reconnect' },
  )
}

describe('durability', () => {
  it('keeps everything across SIGTERM and restart on the same DATA_DIR', async () => {
    const server = await spawnServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const a = connectClient(server.url, project, { user: owner })
    await waitForSynced(a)
    const text = a.doc.getText('body')
    for (let i = 0; i < 300; i++) text.insert(text.length, `${i} `)
    a.doc.getMap('rubric').set('title', 'Helpfulness')
    const expected = text.toString()
    // Another client seeing the full text means the server has made all of it durable.
    const b = connectClient(server.url, project, { user: owner })
    await waitFor(
      () =>
        b.doc.getText('body').toString() === expected &&
        b.doc.getMap('rubric').get('title') === 'Helpfulness',
    )
    a.destroy()
    b.destroy()

    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)

    const restarted = await spawnServer({ dataDir: server.dataDir })
    const c = connectClient(restarted.url, project, { user: owner })
    await waitForSynced(c)
    expect(c.doc.getText('body').toString()).toBe(expected)
    expect(c.doc.getMap('rubric').get('title')).toBe('Helpfulness')
    expect(c.doc.getXmlFragment('guideline').toString()).toContain('Test project')
  })

  it('loses nothing any other client received when killed with SIGKILL during edits from 5 clients', async () => {
    const { server, project, clients, received, missing } = await killDuringEdits()
    expect(missing).toEqual([])
    expect(received.every((seen) => seen.size >= 100)).toBe(true)
    await restartAndConverge(server, project, clients)
  })

  it('catches the bug it names: with the server relaying before writing (a test-only fault), it finds losses', async () => {
    // No compaction: it snapshots the whole in-memory document, which would make relayed updates durable early.
    const { received, missing } = await killDuringEdits({
      YARDSTICK_FAULT: 'relay-before-durable',
      COMPACT_AFTER_UPDATES: '1000000',
    })
    expect(received.every((seen) => seen.size >= 100)).toBe(true)
    // The same check as above, `expect(missing).toEqual([])`, fails under the fault.
    expect(missing.length).toBeGreaterThan(0)
  })

  it('refuses to start with a fault switched on outside tests, or an unknown fault', async () => {
    await expect(
      spawnServer({ env: { YARDSTICK_FAULT: 'relay-before-durable', NODE_ENV: 'production' } }),
    ).rejects.toThrow(/YARDSTICK_FAULT=relay-before-durable is for tests only/)
    await expect(spawnServer({ env: { YARDSTICK_FAULT: 'lose-everything' } })).rejects.toThrow(
      /unknown YARDSTICK_FAULT=lose-everything/,
    )
  })
})

describe('compaction', () => {
  it('never loses an update that arrives while it runs', async () => {
    const server = await startTestServer({ compactAfterUpdates: 25 })
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const writers = [
      connectClient(server.url, project, { user: owner }),
      connectClient(server.url, project, { user: owner }),
    ]
    const reader = connectClient(server.url, project, { user: owner })
    await Promise.all([...writers, reader].map((c) => waitForSynced(c)))
    for (let round = 0; round < 40; round++) {
      for (const [i, w] of writers.entries()) {
        w.doc.getArray<string>('log').push([`w${i}-${round}`])
        w.doc.getText('body').insert(0, `${i}${round} `)
      }
      await new Promise((resolve) => setImmediate(resolve))
    }
    await waitFor(() => itemsOf(reader.doc).length === 80, { message: 'reader has all 80 items' })
    const room = server.registry.rooms.get(project)!
    await room.settled()
    const stats = await server.store.docStats(project)
    expect(stats.snapshotBytes).toBeGreaterThan(0)
    expect(stats.updateCount).toBeLessThan(160)
    const dataDir = server.dataDir
    for (const c of [...writers, reader]) c.destroy()
    await server.stop()
    const doc = await storedDoc(dataDir, project)
    expect(new Set(itemsOf(doc))).toEqual(new Set(itemsOf(reader.doc)))
    expect(doc.getText('body').toString()).toBe(reader.doc.getText('body').toString())
  })
})
