/**
 * SYNC_RELAY=before-durable in the persister: rooms may relay early only while no commit has hung for
 * EARLY_RELAY_MAX_COMMIT_MS and no update held back for its write is still queued — so an early relay never
 * overtakes an update that waits for its write. Real SQLite file; its commits are held at a gate.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { openSqliteStore } from '../../server/storage/sqlite'
import type { Store } from '../../server/storage/store'
import { Connection } from '../../server/sync/connection'
import { type DurableTarget, EARLY_RELAY_MAX_COMMIT_MS, Persister } from '../../server/sync/persister'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('persister, before-durable mode', () => {
  it('stops early relays while a commit hangs and until the update held back meanwhile is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yardstick-persister-'))
    dirs.push(dir)
    const store = openSqliteStore(join(dir, 'db.sqlite'))
    const socket = { OPEN: 1, readyState: 1, send: () => {} } as unknown as WebSocket
    const writer = new Connection(socket, 'doc', 'write', {
      id: 'w',
      name: 'w',
      color: '#000',
      sessionId: 'w',
      mayEditDraft: true,
    })
    const written: string[] = []
    const target: DurableTarget = {
      name: 'doc',
      applyDurable: (_origin, update, _seq, relayed) =>
        written.push(`${update[0]} ${relayed ? 'early' : 'after'}`),
    }
    // The store as it is, except that each commit waits until the test opens its gate.
    const gates: (() => void)[] = []
    const gated: Store = Object.create(store)
    gated.appendUpdates = async (updates) => {
      await new Promise<void>((resolve) => gates.push(resolve))
      return store.appendUpdates(updates)
    }
    const persister = new Persister(gated, { relayBeforeDurable: true })

    expect(persister.relaysBeforeDurable).toBe(true)
    persister.enqueueUpdate(target, writer, Uint8Array.of(1), 0, true)
    await sleep(EARLY_RELAY_MAX_COMMIT_MS + 100)
    // The first commit has hung for over a second: the next update waits for its write.
    expect(persister.relaysBeforeDurable).toBe(false)
    persister.enqueueUpdate(target, writer, Uint8Array.of(2), 0, false)

    gates.shift()!()
    await sleep(50)
    // The second commit has just started, but update 2 is still waiting for it: still no early relay.
    expect(written).toEqual(['1 early'])
    expect(gates).toHaveLength(1)
    expect(persister.relaysBeforeDurable).toBe(false)

    gates.shift()!()
    await persister.drain()
    expect(written).toEqual(['1 early', '2 after'])
    expect(persister.relaysBeforeDurable).toBe(true)
    await store.close()
  })
})
