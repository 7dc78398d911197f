/**
 * Who may open and change a draft over the sync socket: anonymous and cross-origin sockets are refused,
 * reviewers are read-only at the protocol level, annotators cannot open the draft, awareness cannot be
 * forged, and membership changes reach open sockets at once.
 */
import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { RunningServer } from '../../server/server'
import { writeAwarenessUpdate } from '../../server/sync/wire'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { MessageType } from '../../shared/protocol/messages'
import { api, createProject, inviteUser, login, setupOwner, type TestUser } from '../helpers/accounts'
import { connectClient, destroyAllClients, openRawSocket, waitFor, waitForSynced } from '../helpers/clients'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

let server: RunningServer
let owner: TestUser
let project: string

beforeEach(async () => {
  server = await startTestServer()
  owner = await setupOwner(server)
  project = await createProject(server.url, owner)
})

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

function syncFrame(subType: number, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.sync)
  encoding.writeVarUint(e, subType)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

describe('sync access', () => {
  it('closes anonymous sockets with 4401 and loads no document', async () => {
    const raw = openRawSocket(server.url, project)
    expect(await raw.closed).toEqual({ code: CloseCode.unauthenticated, reason: CloseReason.unauthenticated })
    const bogus = openRawSocket(server.url, project, { headers: { cookie: 'ys_session=forged-token' } })
    expect((await bogus.closed).code).toBe(CloseCode.unauthenticated)
    expect(server.registry.stats().rooms).toBe(0)
  })

  it('closes sockets from another origin with 4403 and loads no document', async () => {
    const raw = openRawSocket(server.url, project, {
      user: owner,
      headers: { origin: 'https://evil.example' },
    })
    expect(await raw.closed).toEqual({ code: CloseCode.forbidden, reason: CloseReason.badOrigin })
    // The same origin is fine.
    const same = connectClient(server.url, project, { user: owner, headers: { origin: server.url } })
    await waitForSynced(same)
    expect(server.registry.stats().rooms).toBe(1)
  })

  it('answers a non-member as if the document did not exist', async () => {
    const elsewhere = await createProject(server.url, owner, 'Elsewhere')
    const stranger = await inviteUser(server.url, owner, elsewhere, 'lead', 'Stan Stranger')
    const raw = openRawSocket(server.url, project, { user: stranger })
    expect(await raw.closed).toEqual({ code: CloseCode.unknownDocument, reason: CloseReason.unknownDocument })
  })

  it('does not let an annotator open the draft', async () => {
    const annotator = await inviteUser(server.url, owner, project, 'annotator', 'Ann Annotator')
    const raw = openRawSocket(server.url, project, { user: annotator })
    expect(await raw.closed).toEqual({ code: CloseCode.forbidden, reason: CloseReason.noDraftAccess })
    expect(raw.received.length).toBe(0)
    expect(server.registry.stats().rooms).toBe(0)
  })

  it('keeps a reviewer read-only at the protocol level while they still receive live changes', async () => {
    const reviewer = await inviteUser(server.url, owner, project, 'reviewer', 'Rae Reviewer')
    const lead = connectClient(server.url, project, { user: owner })
    const review = connectClient(server.url, project, { user: reviewer })
    await Promise.all([waitForSynced(lead), waitForSynced(review)])
    expect(review.doc.getXmlFragment('guideline').toString()).toContain('Test project')

    // The stock client sends the reviewer's local edit as an Update frame…
    review.doc.getText('body').insert(0, 'REVIEWER EDIT ')
    // …and a raw socket sends both frame kinds by hand.
    const raw = openRawSocket(server.url, project, { user: reviewer })
    await raw.opened
    const forged = new Y.Doc()
    forged.getMap('rubric').set('forged', true)
    raw.socket.send(syncFrame(2, Y.encodeStateAsUpdate(forged)))
    raw.socket.send(syncFrame(1, Y.encodeStateAsUpdate(forged)))

    // Live changes from the lead still reach the reviewer.
    lead.doc.getText('body').insert(0, 'lead text')
    await waitFor(() => review.doc.getText('body').toString().includes('lead text'))
    await waitFor(async () => (await server.store.docStats(project)).updateCount >= 2)
    expect(lead.doc.getText('body').toString()).toBe('lead text')
    expect(lead.doc.getMap('rubric').has('forged')).toBe(false)
    const room = server.registry.rooms.get(project)!
    expect(room.doc.getText('body').toString()).toBe('lead text')

    // Nothing of it was stored: a restart shows the lead's text only.
    destroyAllClients()
    raw.socket.close()
    const dataDir = server.dataDir
    await server.stop()
    const restarted = await startTestServer({ dataDir })
    const after = connectClient(restarted.url, project, { user: owner })
    await waitForSynced(after)
    expect(after.doc.getText('body').toString()).toBe('lead text')
    expect(after.doc.getMap('rubric').has('forged')).toBe(false)
  })

  it('ignores awareness states for a clientID that another connection owns', async () => {
    const lead = await inviteUser(server.url, owner, project, 'lead', 'Lee Lead')
    const victim = connectClient(server.url, project, { user: owner })
    const watcher = connectClient(server.url, project, { user: lead })
    await Promise.all([waitForSynced(victim), waitForSynced(watcher)])
    victim.provider.awareness.setLocalStateField('cursor', 'victim-cursor')
    const victimId = victim.doc.clientID
    await waitFor(() => watcher.provider.awareness.getStates().get(victimId)?.cursor === 'victim-cursor')

    const raw = openRawSocket(server.url, project, { user: lead })
    await raw.opened
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, MessageType.awareness)
    encoding.writeVarUint8Array(
      e,
      writeAwarenessUpdate([
        {
          clientId: victimId,
          clock: 1_000,
          state: JSON.stringify({ cursor: 'forged', user: { name: 'Forger' } }),
        },
      ]),
    )
    raw.socket.send(encoding.toUint8Array(e))
    const removal = encoding.createEncoder()
    encoding.writeVarUint(removal, MessageType.awareness)
    encoding.writeVarUint8Array(
      removal,
      writeAwarenessUpdate([{ clientId: victimId, clock: 1_001, state: 'null' }]),
    )
    raw.socket.send(encoding.toUint8Array(removal))

    // A later, legitimate change from the victim still arrives, and the forged state never did.
    victim.provider.awareness.setLocalStateField('cursor', 'victim-cursor-2')
    await waitFor(() => watcher.provider.awareness.getStates().get(victimId)?.cursor === 'victim-cursor-2')
    expect(watcher.provider.awareness.getStates().get(victimId)?.user).toMatchObject({ name: owner.name })
    expect(
      server.registry.rooms
        .get(project)!
        .awareness.all()
        .find((a) => a.clientId === victimId)?.state,
    ).toContain('victim-cursor-2')
  })

  it('cuts a removed member’s socket and makes a demoted lead read-only at once', async () => {
    const lead = await inviteUser(server.url, owner, project, 'lead', 'Lou Lead')
    const second = await inviteUser(server.url, owner, project, 'lead', 'Sam Second')
    const watcher = connectClient(server.url, project, { user: owner })
    const removed = openRawSocket(server.url, project, { user: lead })
    const demoted = connectClient(server.url, project, { user: second })
    await Promise.all([removed.opened, waitForSynced(watcher), waitForSynced(demoted)])

    const del = await api(server.url, `/api/projects/${project}/members/${lead.id}`, {
      method: 'DELETE',
      user: owner,
    })
    expect(del.status).toBe(204)
    expect(await removed.closed).toEqual({ code: CloseCode.forbidden, reason: CloseReason.accessRevoked })

    const patch = await api(server.url, `/api/projects/${project}/members/${second.id}`, {
      method: 'PATCH',
      user: owner,
      body: { role: 'reviewer' },
    })
    expect(patch.status).toBe(200)
    await waitFor(() =>
      [...server.registry.rooms.get(project)!.conns].every(
        (c) => c.user.id !== second.id || c.access === 'read',
      ),
    )
    demoted.doc.getText('body').insert(0, 'after demotion')
    watcher.doc.getText('body').insert(0, 'owner text')
    await waitFor(() => demoted.doc.getText('body').toString().includes('owner text'))
    expect(watcher.doc.getText('body').toString()).toBe('owner text')
  })

  it('closes the sockets of a session when it signs out, and only those', async () => {
    const other = await login(server.url, owner)
    const leaving = openRawSocket(server.url, project, { user: owner })
    const staying = connectClient(server.url, project, { user: other })
    await Promise.all([leaving.opened, waitForSynced(staying)])
    expect((await api(server.url, '/api/auth/logout', { user: owner, body: {} })).status).toBe(204)
    expect(await leaving.closed).toEqual({
      code: CloseCode.unauthenticated,
      reason: CloseReason.sessionEnded,
    })
    staying.doc.getText('body').insert(0, 'still here')
    await waitFor(() => server.registry.rooms.get(project)!.doc.getText('body').toString() === 'still here')
  })
})
