/**
 * Live co-authoring through a real server with stock y-websocket clients: convergence, late joiners,
 * awareness, "saved" acknowledgements and room eviction.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadConfig } from '../../server/config'
import { readAwarenessUpdate } from '../../server/sync/wire'
import { MessageType } from '../../shared/protocol/messages'
import { createProject, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, openRawSocket, waitFor, waitForSynced } from '../helpers/clients'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

const xmlOf = (doc: Y.Doc) => doc.getXmlFragment('guideline').toString()
const sortedJson = (value: Record<string, unknown>) => JSON.stringify(Object.entries(value).sort())

describe('sync server with stock y-websocket clients', () => {
  it('converges concurrent edits of a Y.XmlFragment and a Y.Map', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const a = connectClient(server.url, project, { user: owner })
    const b = connectClient(server.url, project, { user: owner })
    await Promise.all([waitForSynced(a), waitForSynced(b)])

    // Concurrent edits: both write before either sees the other's changes.
    const para = (text: string) => {
      const p = new Y.XmlElement('paragraph')
      const t = new Y.XmlText()
      t.insert(0, text)
      p.insert(0, [t])
      return p
    }
    a.doc.transact(() => {
      a.doc.getXmlFragment('guideline').insert(0, [para('from A')])
      a.doc.getMap('rubric').set('title', 'A title')
      a.doc.getMap('rubric').set('threshold', 0.8)
    })
    b.doc.transact(() => {
      b.doc.getXmlFragment('guideline').insert(0, [para('from B')])
      b.doc.getMap('rubric').set('title', 'B title')
      b.doc.getMap('rubric').set('instructions', 'Be kind')
    })
    await waitFor(
      () =>
        xmlOf(a.doc) === xmlOf(b.doc) && xmlOf(a.doc).includes('from A') && xmlOf(a.doc).includes('from B'),
      {
        message: 'fragments converge',
      },
    )
    await waitFor(
      () => sortedJson(a.doc.getMap('rubric').toJSON()) === sortedJson(b.doc.getMap('rubric').toJSON()),
      {
        message: 'maps converge',
      },
    )
    const rubric = a.doc.getMap('rubric').toJSON()
    expect(rubric.threshold).toBe(0.8)
    expect(rubric.instructions).toBe('Be kind')
    expect(['A title', 'B title']).toContain(rubric.title)
    // Project creation seeded a heading; it is there exactly once.
    expect(xmlOf(a.doc).match(/Test project/g)).toHaveLength(1)
  })

  it('gives a late joiner the full state', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const a = connectClient(server.url, project, { user: owner })
    await waitForSynced(a)
    const text = a.doc.getText('notes')
    for (let i = 0; i < 200; i++) text.insert(text.length, `line ${i}\n`)
    await waitFor(async () => (await server.store.docStats(project)).updateCount >= 200)
    const late = connectClient(server.url, project, { user: owner })
    await waitForSynced(late)
    await waitFor(() => late.doc.getText('notes').toString() === text.toString())
    expect(xmlOf(late.doc)).toContain('Test project')
  })

  it("removes a closed client's awareness for the others", async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const a = connectClient(server.url, project, { user: owner, name: 'Ada' })
    const b = connectClient(server.url, project, { user: owner, name: 'Bo' })
    await Promise.all([waitForSynced(a), waitForSynced(b)])
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), { message: 'B sees A' })
    // The name shown is the account's, whatever the client claimed ('Ada').
    expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user).toEqual({
      id: owner.id,
      name: owner.name,
      color: '#2563eb',
    })
    // A late joiner gets the current states too.
    const c = connectClient(server.url, project, { user: owner, name: 'Cy' })
    await waitFor(() => c.provider.awareness.getStates().has(a.doc.clientID), { message: 'C sees A' })
    // Close A's socket without a clean awareness removal: the server must remove it.
    a.provider.shouldConnect = false
    a.provider.ws?.close()
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), { message: 'A gone for B' })
    await waitFor(() => !c.provider.awareness.getStates().has(a.doc.clientID), { message: 'A gone for C' })
    expect(b.provider.awareness.getStates().has(c.doc.clientID)).toBe(true)
  })

  it('acknowledges a save request only after the preceding updates are durable', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const raw = openRawSocket(server.url, project, { user: owner })
    await raw.opened
    const source = new Y.Doc()
    const updates: Uint8Array[] = []
    source.on('update', (u: Uint8Array) => updates.push(u))
    for (let i = 0; i < 50; i++) source.getText('t').insert(i, 'x')
    const before = (await server.store.docStats(project)).updateCount
    for (const update of updates) {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, MessageType.sync)
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, update)
      raw.socket.send(encoding.toUint8Array(e))
    }
    const request = encoding.createEncoder()
    encoding.writeVarUint(request, MessageType.saveRequest)
    encoding.writeVarUint(request, 7)
    raw.socket.send(encoding.toUint8Array(request))
    const isSaved = (frame: Uint8Array) => {
      const d = decoding.createDecoder(frame)
      return decoding.readVarUint(d) === MessageType.saved && decoding.readVarUint(d) === 7
    }
    let countAtAck = -1
    await waitFor(async () => {
      if (countAtAck < 0 && raw.received.some(isSaved))
        countAtAck = (await server.store.docStats(project)).updateCount
      return countAtAck >= 0
    })
    expect(countAtAck).toBe(before + 50)
    raw.socket.close()
  })

  it('answers query-awareness with every current state', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const a = connectClient(server.url, project, { user: owner, name: 'Ada' })
    await waitForSynced(a)
    await waitFor(() => server.registry.rooms.get(project)?.awareness.size === 1)
    const raw = openRawSocket(server.url, project, { user: owner })
    await raw.opened
    raw.received.length = 0
    raw.socket.send(new Uint8Array([MessageType.queryAwareness]))
    await waitFor(() => raw.received.some((f) => f[0] === MessageType.awareness))
    const reply = raw.received.find((f) => f[0] === MessageType.awareness)!
    const d = decoding.createDecoder(reply)
    decoding.readVarUint(d)
    const entries = readAwarenessUpdate(decoding.readVarUint8Array(d))
    expect(entries.map((e) => [e.clientId, JSON.parse(e.state)])).toEqual([
      [a.doc.clientID, { user: { id: owner.id, name: owner.name, color: '#2563eb' } }],
    ])
    raw.socket.close()
  })

  it('loads the stored document before answering: the first frame is SyncStep1 with the stored state', async () => {
    const server = await startTestServer({ roomGraceMs: 0 })
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const writer = connectClient(server.url, project, { user: owner })
    await waitForSynced(writer)
    writer.doc.getText('body').insert(0, 'stored text')
    await waitFor(async () => (await server.store.docStats(project)).updateCount >= 2)
    writer.destroy()
    await waitFor(() => server.registry.stats().rooms === 0, { message: 'room evicted' })
    const raw = openRawSocket(server.url, project, { user: owner })
    await waitFor(() => raw.received.length > 0)
    const first = decoding.createDecoder(raw.received[0]!)
    expect(decoding.readVarUint(first)).toBe(MessageType.sync)
    expect(decoding.readVarUint(first)).toBe(0)
    const stateVector = Y.decodeStateVector(decoding.readVarUint8Array(first))
    expect(stateVector.get(writer.doc.clientID)).toBe(writer.doc.getText('body').length)
    raw.socket.close()
  })

  it('keeps an idle client connected past the stock client’s 30 s silence timeout', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const idle = connectClient(server.url, project, { user: owner })
    await waitForSynced(idle)
    const statuses: string[] = []
    idle.provider.on('status', ({ status }: { status: string }) => statuses.push(status))
    await new Promise((resolve) => setTimeout(resolve, 34_000))
    expect(statuses).toEqual([])
    expect(idle.provider.wsconnected).toBe(true)
  }, 45_000)

  it('leaves no room in memory after 1,000 open/close cycles on distinct documents', async () => {
    // 1,000 upgrades in seconds from one address is beyond the upgrade budget (tested in upgradeLimits.test.ts).
    const server = await startTestServer({
      roomGraceMs: 0,
      upgradeLimits: { ...loadConfig({}).upgradeLimits, upgradesPerMinute: 0 },
    })
    const owner = await setupOwner(server)
    const ids: string[] = []
    for (let i = 0; i < 1000; i++) {
      const id = `doc-${i}`
      await server.store.createProject({ id, name: id })
      await server.store.setRole(id, owner.id, 'owner')
      ids.push(id)
    }
    const batch = 50
    for (let i = 0; i < ids.length; i += batch) {
      await Promise.all(
        ids.slice(i, i + batch).map(async (id) => {
          const client = connectClient(server.url, id, { user: owner })
          await waitForSynced(client)
          client.destroy()
        }),
      )
    }
    await waitFor(() => server.registry.stats().rooms === 0, {
      message: 'all rooms evicted',
      timeout: 20_000,
    })
    expect(server.registry.stats()).toEqual({ rooms: 0, connections: 0 })
  })
})
