/**
 * Yjs client ids are bound to the account that first uses them (issue 17, point 6): a second stock
 * y-websocket client, signed in as someone else, that reuses another writer's client id — whether that
 * writer has already typed or is only present — is closed with 4422 before anything it wrote is stored or
 * relayed. The owner of the id keeps working, also after reconnecting on a new socket with the same id
 * (y-websocket keeps the document's client id across reconnects). Resending changes the server already holds,
 * as a client does when its local copy loads while its socket is open, is no claim on their ids.
 */
import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { MessageType } from '../../shared/protocol/messages'
import { createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { connectClient, destroyAllClients, type TestClient, waitFor, waitForSynced } from '../helpers/clients'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

let url: string
let owner: TestUser
let lead: TestUser
let project: string

beforeEach(async () => {
  const server = await startTestServer()
  url = server.url
  owner = await setupOwner(server)
  project = await createProject(server.url, owner)
  lead = await inviteUser(server.url, owner, project, 'lead', 'Lee Lead')
})

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

/** A stock client on the draft (its presence set, as the editor does). */
function clientAs(user: TestUser): TestClient {
  return connectClient(url, project, { user, name: user.name })
}

/**
 * Runs `edit` on the client's document as Yjs client `clientId`, as a modified client would (a stock one
 * picks a new id when it sees its own id in changes it receives), then goes back to its own id.
 */
function writeAs(client: TestClient, clientId: number, edit: (doc: Y.Doc) => void): void {
  const own = client.doc.clientID
  client.doc.clientID = clientId
  try {
    edit(client.doc)
  } finally {
    client.doc.clientID = own
  }
}

function closeOf(client: TestClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    client.provider.on('connection-close', (event) =>
      resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' }),
    ),
  )
}

/** The draft's text as a newly connecting client receives it. */
async function storedText(): Promise<string> {
  const fresh = clientAs(owner)
  await waitForSynced(fresh)
  fresh.destroy()
  return fresh.doc.getText('t').toString()
}

describe('Yjs client ids belong to the account that first uses them', () => {
  it("refuses a second account's updates written as another writer's client id; the owner carries on", async () => {
    const victim = clientAs(owner)
    await waitForSynced(victim)
    victim.doc.getText('t').insert(0, 'mine ')
    await waitFor(async () => (await storedText()) === 'mine ', { message: "the owner's text stored" })

    const impostor = clientAs(lead)
    await waitForSynced(impostor)
    const closed = closeOf(impostor)
    writeAs(impostor, victim.doc.clientID, (doc) => doc.getText('t').insert(5, 'forged '))
    expect(await closed).toEqual({ code: CloseCode.badUpdate, reason: CloseReason.clientIdTaken })

    victim.doc.getText('t').insert(5, 'still mine')
    await waitFor(async () => (await storedText()) === 'mine still mine', {
      message: 'the owner keeps writing',
    })
    expect(victim.doc.getText('t').toString()).toBe('mine still mine')
    expect(victim.provider.wsconnected).toBe(true)
  })

  it("binds a present writer's id before it has typed anything", async () => {
    const victim = clientAs(owner)
    await waitForSynced(victim)
    await waitFor(() => victim.provider.awareness.getStates().size >= 1)
    // The server has the owner's presence for that id (it relays it to a newcomer).
    const watcher = clientAs(lead)
    await waitFor(() => watcher.provider.awareness.getStates().has(victim.doc.clientID), {
      message: "the owner's presence relayed",
    })
    const impostor = clientAs(lead)
    await waitForSynced(impostor)
    const closed = closeOf(impostor)
    writeAs(impostor, victim.doc.clientID, (doc) => doc.getText('t').insert(0, 'forged'))
    expect((await closed).code).toBe(CloseCode.badUpdate)
    expect(await storedText()).toBe('')
  })

  it('lets the same account write as its id again from a new socket (a reconnect)', async () => {
    const writer = clientAs(owner)
    await waitForSynced(writer)
    writer.doc.getText('t').insert(0, 'before ')
    await waitFor(async () => (await storedText()) === 'before ', { message: 'first text stored' })
    writer.provider.disconnect()
    writer.provider.connect()
    await waitForSynced(writer)
    writer.doc.getText('t').insert(7, 'after')
    await waitFor(async () => (await storedText()) === 'before after', {
      message: 'text after reconnect stored',
    })
    // Later another socket of the same account writes as that id (e.g. changes kept on the device): accepted.
    const id = writer.doc.clientID
    writer.destroy()
    const sameAccount = clientAs(owner)
    await waitForSynced(sameAccount)
    writeAs(sameAccount, id, (doc) => doc.getText('t').insert(12, '!'))
    await waitFor(async () => (await storedText()) === 'before after!', {
      message: 'same account, other socket',
    })
    expect(sameAccount.provider.wsconnected).toBe(true)
  })

  it("accepts a resend of another writer's changes the server already holds (a local copy loading late)", async () => {
    const writer = clientAs(owner)
    await waitForSynced(writer)
    writer.doc.getText('t').insert(0, 'owner text ')
    await waitFor(async () => (await storedText()) === 'owner text ', { message: "the owner's text stored" })

    const reader = clientAs(lead)
    await waitForSynced(reader)
    expect(reader.doc.getText('t').toString()).toBe('owner text ')
    // The whole document as one update, the owner's structs included, as y-indexeddb replays it.
    const resend = encoding.createEncoder()
    encoding.writeVarUint(resend, MessageType.sync)
    syncProtocol.writeUpdate(resend, Y.encodeStateAsUpdate(reader.doc))
    reader.provider.ws?.send(encoding.toUint8Array(resend))
    reader.doc.getText('t').insert(11, 'and lead text')
    await waitFor(async () => (await storedText()) === 'owner text and lead text', {
      message: "the lead's own change stored after the resend",
    })
    expect(reader.provider.wsconnected).toBe(true)
  })
})
