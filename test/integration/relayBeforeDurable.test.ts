/**
 * SYNC_RELAY=before-durable, the opt-in mode the fan-out benchmark measures: a checked update reaches the
 * room's other clients before it is written, "saved" still waits for the write, a failing store makes the
 * server fall back to relaying after the write (nothing new is relayed that the store cannot hold), and the
 * default stays after-durable.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadConfig } from '../../server/config'
import { MessageType } from '../../shared/protocol/messages'
import { createProject, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, openRawSocket, waitFor, waitForSynced } from '../helpers/clients'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}
const updateFrame = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint8Array(e, update)
  })
const saveRequest = (id: number) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.saveRequest)
    encoding.writeVarUint(e, id)
  })
const typeOf = (message: Uint8Array) => decoding.readVarUint(decoding.createDecoder(message))
const count = (messages: Uint8Array[], type: number) => messages.filter((m) => typeOf(m) === type).length

describe('SYNC_RELAY=before-durable', () => {
  it('is off unless asked for, and refuses an unknown mode', () => {
    expect(loadConfig({}).syncRelay).toBe('after-durable')
    expect(loadConfig({ SYNC_RELAY: 'before-durable' }).syncRelay).toBe('before-durable')
    expect(() => loadConfig({ SYNC_RELAY: 'eventually' })).toThrow(
      'SYNC_RELAY must be one of after-durable, before-durable, got "eventually"',
    )
  })

  it('relays before the write, says saved only after it, and relays nothing new while the store fails', async () => {
    const server = await startTestServer({ syncRelay: 'before-durable' })
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const watcher = connectClient(server.url, project, { user: owner })
    await waitForSynced(watcher)
    const writer = openRawSocket(server.url, project, { user: owner })
    await writer.opened

    const db = new Database(join(server.dataDir, 'yardstick.sqlite'))
    db.exec(`CREATE TRIGGER disk_full BEFORE INSERT ON doc_updates
             BEGIN SELECT RAISE(ABORT, 'database or disk is full (simulated)'); END`)
    const doc = new Y.Doc()
    const sent: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => sent.push(update))
    doc.getText('t').insert(0, 'first')
    writer.socket.send(updateFrame(sent[0]!))
    writer.socket.send(saveRequest(1))
    // Relayed at once although the store cannot write it: the mode's loss window, here held open.
    await waitFor(() => watcher.doc.getText('t').toString() === 'first', { message: 'the early relay' })
    await waitFor(() => count(writer.received, MessageType.notSaved) > 0, { message: 'a notSaved message' })

    // The store is failing now, so the next update waits for its write like in the default mode.
    doc.getText('t').insert(5, ' second')
    writer.socket.send(updateFrame(sent[1]!))
    writer.socket.send(saveRequest(2))
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(watcher.doc.getText('t').toString()).toBe('first')
    expect(count(writer.received, MessageType.saved)).toBe(0)

    db.exec('DROP TRIGGER disk_full')
    db.close()
    await waitFor(() => count(writer.received, MessageType.saved) === 2, { message: 'both saved replies' })
    await waitFor(() => watcher.doc.getText('t').toString() === 'first second')
    const stored = await server.store.loadDoc(project)
    const rebuilt = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(rebuilt, stored.snapshot.data)
    for (const u of stored.updates) Y.applyUpdate(rebuilt, u.data)
    expect(rebuilt.getText('t').toString()).toBe('first second')

    // Written again, the store lets the mode relay early once more.
    expect(server.registry.persister.relaysBeforeDurable).toBe(true)
  })
})
