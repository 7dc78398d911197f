/**
 * Updates the server cannot apply as they are, from clients that are out of step. A client that answers with a state vector the server has since moved past (it reconnected while its
 * earlier writes were still queued) sends a struct overlapping what the server now holds. The server refuses
 * that update with 4001, a code the stock client retries, and the client converges on its next connection. An update built on changes the server never received (Yjs
 * would hold it as pending) is refused the same way and leaves the document as it was.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { createProject, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, openRawSocket, waitFor, waitForSynced } from '../helpers/clients'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'
import { updateFrame } from '../helpers/syncFrames'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

describe('an update from a stale state vector', () => {
  it('closes with 4001 (retried by the client), changes nothing, and the client then converges', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const author = new Y.Doc()
    const text = author.getText('t')
    text.insert(0, 'first part ')
    const watcher = connectClient(server.url, project, { user: owner })
    await waitForSynced(watcher)
    // The server stores the first part (as if written just before the author's reconnect).
    const early = openRawSocket(server.url, project, { user: owner })
    await early.opened
    early.socket.send(updateFrame(Y.encodeStateAsUpdate(author)))
    await waitFor(() => watcher.doc.getText('t').toString() === 'first part ')

    // The author typed on and answers as if the server had nothing of it: one struct across both parts.
    text.insert(text.length, 'second part')
    const stale = openRawSocket(server.url, project, { user: owner })
    await stale.opened
    stale.socket.send(updateFrame(Y.encodeStateAsUpdate(author)))
    expect(await stale.closed).toEqual({ code: CloseCode.resyncNeeded, reason: CloseReason.resyncNeeded })
    expect(watcher.doc.getText('t').toString()).toBe('first part ')

    // On its next connection the stock client sends from the server's state vector, which fits.
    const reconnected = connectClient(server.url, project, { user: owner, doc: author })
    await waitForSynced(reconnected)
    await waitFor(() => watcher.doc.getText('t').toString() === 'first part second part')
  })

  it('refuses with 4001 an update built on changes the server never received, and stays as it was', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const watcher = connectClient(server.url, project, { user: owner })
    await waitForSynced(watcher)
    const unseen = new Y.Doc()
    unseen.getText('t').insert(0, 'never sent ')
    const builder = new Y.Doc()
    Y.applyUpdate(builder, Y.encodeStateAsUpdate(unseen))
    builder.getText('t').insert(builder.getText('t').length, 'built on it')
    // Only the builder's own change, which needs the unseen text: Yjs would hold it as pending.
    const dependent = Y.encodeStateAsUpdate(builder, Y.encodeStateVector(unseen))
    const before = (await server.store.loadDoc(project)).updates.length
    const raw = openRawSocket(server.url, project, { user: owner })
    await raw.opened
    raw.socket.send(updateFrame(dependent))
    expect(await raw.closed).toEqual({ code: CloseCode.resyncNeeded, reason: CloseReason.resyncNeeded })
    await server.registry.persister.drain()
    expect((await server.store.loadDoc(project)).updates.length).toBe(before)
    expect(watcher.doc.getText('t').toString()).toBe('')
  })
})
