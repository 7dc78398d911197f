/**
 * A failing store (a real SQLite error: a trigger that aborts every insert into the update log, as a full
 * disk would) keeps the room in memory, relays nothing that is not durable, tells the writer "not saved"
 * (never "saved"), logs the error, retries, and saves everything once the store works again.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadDoc } from '../../server/sync/storedDoc'
import { MessageType } from '../../shared/protocol/messages'
import { createProject, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, openRawSocket, waitFor, waitForSynced } from '../helpers/clients'
import { failWrites } from '../helpers/failingWrites'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'
import { saveRequest, typeOf, updateFrame } from '../helpers/syncFrames'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

describe('a failing store', () => {
  it('says "not saved", relays nothing, retries, and saves everything once the store works again', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const watcher = connectClient(server.url, project, { user: owner })
    await waitForSynced(watcher)
    const writer = openRawSocket(server.url, project, { user: owner })
    await writer.opened

    const restoreWrites = failWrites(server.dataDir)
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'precious words')
    writer.socket.send(updateFrame(Y.encodeStateAsUpdate(doc)))
    writer.socket.send(saveRequest(1))
    await waitFor(() => writer.received.some((m) => typeOf(m) === MessageType.notSaved), {
      message: 'a notSaved message',
    })
    // Not durable, so not relayed, and never acknowledged.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(watcher.doc.getText('t').toString()).toBe('')
    expect(writer.received.some((m) => typeOf(m) === MessageType.saved)).toBe(false)
    expect(server.registry.rooms.has(project)).toBe(true)

    restoreWrites()
    await waitFor(() => writer.received.some((m) => typeOf(m) === MessageType.saved), {
      message: 'the saved reply after the store recovered',
    })
    await waitFor(() => watcher.doc.getText('t').toString() === 'precious words')
    const { doc: rebuilt } = await loadDoc(server.store, project)
    expect(rebuilt.getText('t').toString()).toBe('precious words')
  })

  it('never sends the extension message to a stock client that does not ask for saves', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const stock = openRawSocket(server.url, project, { user: owner })
    await stock.opened
    const restoreWrites = failWrites(server.dataDir)
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'x')
    stock.socket.send(updateFrame(Y.encodeStateAsUpdate(doc)))
    await new Promise((resolve) => setTimeout(resolve, 500))
    restoreWrites()
    await server.registry.persister.drain()
    expect(stock.received.map(typeOf).filter((t) => t >= 100)).toEqual([])
  })
})
