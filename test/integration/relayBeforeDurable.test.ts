/**
 * SYNC_RELAY=before-durable, the opt-in mode the fan-out benchmark measures: a checked update reaches the
 * room's other clients before it is written, "saved" still waits for the write, a failing store makes the
 * server fall back to relaying after the write (nothing new is relayed that the store cannot hold), comments
 * are never relayed early, a commit that hangs stops the early relay, a crash's lost edit comes back from a co-editor without taking its author's client
 * id, and the default stays after-durable.
 */
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadConfig } from '../../server/config'
import { EARLY_RELAY_MAX_COMMIT_MS } from '../../server/sync/persister'
import { loadDoc } from '../../server/sync/storedDoc'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { MessageType } from '../../shared/protocol/messages'
import { createProject, inviteUser, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, openRawSocket, waitFor, waitForSynced } from '../helpers/clients'
import { addParagraph, openDesk, person, threadOn } from '../helpers/comments'
import { failWrites } from '../helpers/failingWrites'
import { dropSchemas, freshSchema, TEST_DATABASE_URL } from '../helpers/postgres'
import { removeTempDirs, spawnServer, startTestServer, stopAllServers } from '../helpers/server'
import { storedDoc } from '../helpers/storedDoc'
import { saveRequest, typeOf, updateFrame } from '../helpers/syncFrames'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
  await dropSchemas()
})

const count = (messages: Uint8Array[], type: number) => messages.filter((m) => typeOf(m) === type).length
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The text `t` of a document as the SQLite file holds it. */
const storedText = async (dataDir: string, docName: string) =>
  (await storedDoc(dataDir, docName)).getText('t').toString()

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

    const restoreWrites = failWrites(server.dataDir)
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
    await sleep(300)
    expect(watcher.doc.getText('t').toString()).toBe('first')
    expect(count(writer.received, MessageType.saved)).toBe(0)

    restoreWrites()
    await waitFor(() => count(writer.received, MessageType.saved) === 2, { message: 'both saved replies' })
    await waitFor(() => watcher.doc.getText('t').toString() === 'first second')
    const { doc: rebuilt } = await loadDoc(server.store, project)
    expect(rebuilt.getText('t').toString()).toBe('first second')

    // Written again, the store lets the mode relay early once more.
    expect(server.registry.persister.relaysBeforeDurable).toBe(true)
  })

  it('stops relaying early once a commit has hung for a second (PostgreSQL, the update log locked)', async () => {
    const schema = await freshSchema()
    const databaseUrl = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`
    const server = await startTestServer({ syncRelay: 'before-durable', databaseUrl })
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const watcher = connectClient(server.url, project, { user: owner })
    await waitForSynced(watcher)
    const writer = openRawSocket(server.url, project, { user: owner })
    await writer.opened

    // Another session holds the update log, so the next commit waits (as behind a stalled database).
    const locker = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` })
    await locker.connect()
    await locker.query('BEGIN')
    await locker.query('LOCK TABLE doc_updates IN ACCESS EXCLUSIVE MODE')
    const doc = new Y.Doc()
    const sent: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => sent.push(update))
    doc.getText('t').insert(0, 'first')
    writer.socket.send(updateFrame(sent[0]!))
    await waitFor(() => watcher.doc.getText('t').toString() === 'first', { message: 'the early relay' })

    // A second later the commit still hangs: the next update waits for its write.
    await sleep(EARLY_RELAY_MAX_COMMIT_MS + 200)
    doc.getText('t').insert(5, ' second')
    writer.socket.send(updateFrame(sent[1]!))
    await sleep(300)
    expect(watcher.doc.getText('t').toString()).toBe('first')

    await locker.query('COMMIT')
    await locker.end()
    await waitFor(() => watcher.doc.getText('t').toString() === 'first second', {
      message: 'relayed once written',
    })
  })

  it('relays comments only after the write (a co-editor could not resend a lost comment: comments are written as yourself)', async () => {
    const server = await startTestServer({ syncRelay: 'before-durable' })
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const lead = await inviteUser(server.url, owner, project, 'lead', 'Lee Lead')
    const writer = await openDesk(server.url, project, owner)
    const watcher = await openDesk(server.url, project, lead)
    addParagraph(writer.draft.doc, 'Answers must be concise.')
    await waitFor(() => watcher.draft.doc.getXmlFragment('guideline').toString().includes('concise'))
    await server.registry.persister.drain()

    const restoreWrites = failWrites(server.dataDir)
    threadOn(writer.draft.doc, writer.comments.doc, 'concise', person(owner), 'Define concise.')
    await sleep(300)
    expect(watcher.comments.doc.getMap('threads').size).toBe(0)
    restoreWrites()
    await waitFor(() => watcher.comments.doc.getMap('threads').size === 1, {
      message: 'the thread, once written',
    })
  })

  it('after a kill -9, a co-editor resends the lost edit, and its author keeps its client id', async () => {
    const env = { SYNC_RELAY: 'before-durable' }
    const server = await spawnServer({ env })
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const lead = await inviteUser(server.url, owner, project, 'lead', 'Lee Lead')
    const coEditor = connectClient(server.url, project, { user: lead })
    await waitForSynced(coEditor)

    // The owner's edit is relayed to the co-editor while the store cannot write it, then the server dies.
    const ownerDoc = new Y.Doc()
    const ownerTab = connectClient(server.url, project, { user: owner, doc: ownerDoc })
    await waitForSynced(ownerTab)
    const restoreWrites = failWrites(server.dataDir)
    ownerDoc.getText('t').insert(0, 'from the owner')
    await waitFor(() => coEditor.doc.getText('t').toString() === 'from the owner', {
      message: 'the early relay',
    })
    ownerTab.destroy()
    server.child.kill('SIGKILL')
    await server.exited
    restoreWrites()
    expect(await storedText(server.dataDir, project)).toBe('')

    // Restarted on the same port, the co-editor's provider reconnects and resends what the server lacks.
    await spawnServer({ dataDir: server.dataDir, env: { ...env, PORT: String(server.port) } })
    await waitFor(async () => (await storedText(server.dataDir, project)) === 'from the owner', {
      message: 'the resent edit stored',
      timeout: 20_000,
    })

    // The owner's tab reconnects late, after the co-editor's resend, with its document (and client id) as it was.
    const back = connectClient(server.url, project, { user: owner, doc: ownerDoc })
    const closes: number[] = []
    back.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closes.push(event.code)
    })
    await waitForSynced(back)
    await sleep(200)
    ownerDoc.getText('t').insert(14, ' again')
    await waitFor(() => coEditor.doc.getText('t').toString() === 'from the owner again', {
      message: "the owner's next edit",
    })
    expect(closes).not.toContain(CloseCode.badUpdate)
  })
})
