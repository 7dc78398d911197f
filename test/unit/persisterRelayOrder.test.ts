/**
 * The persister lets a batch's relayed frames leave (their sockets uncork at the end of the tick) before it
 * starts the next commit: on SQLite a commit runs synchronously on the event loop, so starting it first would
 * hold every relayed update on the server for one more commit. Real SQLite file, real Connection objects
 * over a socket and transport that record what happens.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Duplex } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { openSqliteStore } from '../../server/storage/sqlite'
import type { Store } from '../../server/storage/store'
import { Connection } from '../../server/sync/connection'
import { type DurableTarget, Persister } from '../../server/sync/persister'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A connection whose socket and TCP stream log sends and the moment corked frames are written. */
function recordingConnection(name: string, events: string[]): Connection {
  const socket = {
    OPEN: 1,
    readyState: 1,
    send: (frame: Uint8Array) => events.push(`send ${name} ${frame[0]}`),
  } as unknown as WebSocket
  const conn = new Connection(socket, 'doc', 'write', {
    id: name,
    name,
    color: '#000',
    sessionId: name,
    mayEditDraft: true,
  })
  conn.batchWritesOn({ cork: () => {}, uncork: () => events.push(`written ${name}`) } as unknown as Duplex)
  return conn
}

describe('persister', () => {
  it("writes a relayed batch's frames before it starts the next commit", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yardstick-persister-'))
    dirs.push(dir)
    const store = openSqliteStore(join(dir, 'db.sqlite'))
    const events: string[] = []
    const reader = recordingConnection('reader', events)
    const writer = recordingConnection('writer', events)
    let commits = 0
    let persister: Persister
    const target: DurableTarget = {
      name: 'doc',
      applyDurable: (_origin, update) => reader.send(update),
    }
    // The store as it is, except that each commit is logged, and a second update arrives during the first.
    const observed: Store = Object.create(store)
    observed.appendUpdates = (updates) => {
      const n = ++commits
      events.push(`commit ${n}`)
      const done = store.appendUpdates(updates)
      if (n === 1) persister.enqueueUpdate(target, writer, Uint8Array.of(2))
      return done
    }
    persister = new Persister(observed)
    persister.enqueueUpdate(target, writer, Uint8Array.of(1))
    await persister.drain()
    await new Promise((resolve) => setImmediate(resolve))

    expect(events).toEqual([
      'commit 1',
      'send reader 1',
      'written reader',
      'commit 2',
      'send reader 2',
      'written reader',
    ])
    await store.close()
  })
})
