/**
 * The server enforces the shared comment schema, whatever a modified client sends (issue 17, point 4): the
 * review's reproduction — a reviewer's comment of 1,048,589 characters full of NUL, BEL and ESC — written
 * through a stock y-websocket client that skips the client-side cleaning closes that socket with 4422 and a
 * reason, nothing of it is stored or relayed, and the other people on the document carry on unharmed. An
 * honest client's comment with the same characters is cleaned before it is sent, and accepted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { commentsDocName } from '../../shared/protocol/docNames'
import { addReply, readThreads, threadsMap } from '../../shared/ydoc/commentsDoc'
import { createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { connectClient, destroyAllClients, type TestClient, waitFor, waitForSynced } from '../helpers/clients'
import { addParagraph, comment, threadOn } from '../helpers/comments'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

let url: string
let owner: TestUser
let reviewer: TestUser
let project: string
let ownerComments: TestClient
let threadId: string

beforeEach(async () => {
  const server = await startTestServer()
  url = server.url
  owner = await setupOwner(server)
  project = await createProject(server.url, owner)
  reviewer = await inviteUser(server.url, owner, project, 'reviewer', 'Rae Reviewer')
  const draft = connectClient(url, project, { user: owner })
  ownerComments = connectClient(url, commentsDocName(project), { user: owner })
  await Promise.all([waitForSynced(draft), waitForSynced(ownerComments)])
  addParagraph(draft.doc, 'Answers should be concise.')
  threadId = threadOn(draft.doc, ownerComments.doc, 'concise', { id: owner.id, name: owner.name }, 'Short?')
  await waitFor(async () => readThreads(await storedComments()).length === 1, {
    message: 'the thread stored',
  })
})

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

async function storedComments(): Promise<Y.Doc> {
  const fresh = connectClient(url, commentsDocName(project), { user: owner })
  await waitForSynced(fresh)
  fresh.destroy()
  return fresh.doc
}

/** The reviewer's comments socket, and its close event once the server closes it. */
async function reviewerComments() {
  const client = connectClient(url, commentsDocName(project), { user: reviewer })
  await waitForSynced(client)
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    client.provider.on('connection-close', (event) =>
      resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' }),
    ),
  )
  return { client, closed }
}

/** A reply written straight into the Y.Map, as a modified client would (no cleaning, no length cut). */
function rawReply(doc: Y.Doc, body: string, mentions: unknown = []): void {
  const map = new Y.Map<unknown>()
  doc.transact(() => {
    map.set('id', 'forged-1')
    map.set('author', { id: reviewer.id, name: reviewer.name, color: '' })
    map.set('body', body)
    map.set('mentions', mentions)
    map.set('createdAt', new Date().toISOString())
    map.set('editedAt', null)
    map.set('deleted', false)
    ;(threadsMap(doc).get(threadId)!.get('comments') as Y.Array<unknown>).push([map])
  })
}

describe('comment content on the server', () => {
  it("refuses the review's 1,048,589-character NUL/BEL/ESC comment with 4422; peers are unharmed", async () => {
    const hostile = `${'x\u0000\u0007\u001b'.repeat(262_147)}a`
    expect(hostile).toHaveLength(1_048_589)
    const { client, closed } = await reviewerComments()
    rawReply(client.doc, hostile)
    const close = await closed
    expect(close.code).toBe(CloseCode.badUpdate)
    expect(close.reason).toBe('a comment is at most 4000 characters')
    // Nothing reached the owner, who is still connected and can still reply.
    expect(readThreads(ownerComments.doc)[0]!.comments).toHaveLength(1)
    expect(ownerComments.provider.wsconnected).toBe(true)
    addReply(
      ownerComments.doc,
      threadId,
      comment({ id: owner.id, name: owner.name }, 'Free of needless words.'),
    )
    await waitFor(async () => readThreads(await storedComments())[0]?.comments.length === 2, {
      message: "the owner's reply stored",
    })
    const stored = readThreads(await storedComments())[0]!.comments
    expect(stored.map((c) => c.body)).toEqual(['Short?', 'Free of needless words.'])
  })

  it('refuses control characters, bidi overrides and malformed mentions in a short comment', async () => {
    for (const [body, mentions] of [
      ['ring \u0007 the bell', []],
      ['file.\u202etxt.exe', []],
      ['hello', ['<img src=x>']],
    ] as const) {
      const { client, closed } = await reviewerComments()
      rawReply(client.doc, body, mentions)
      expect((await closed).code).toBe(CloseCode.badUpdate)
      client.destroy()
    }
    expect(readThreads(await storedComments())[0]!.comments).toHaveLength(1)
  })

  it("accepts an honest client's comment with the same characters: cleaned before it is sent", async () => {
    const { client } = await reviewerComments()
    addReply(
      client.doc,
      threadId,
      comment({ id: reviewer.id, name: reviewer.name }, 'ring \u0007 the \u202ebell'),
    )
    await waitFor(async () => readThreads(await storedComments())[0]?.comments.length === 2, {
      message: 'the reply stored',
    })
    expect(readThreads(await storedComments())[0]!.comments[1]!.body).toBe('ring  the bell')
    expect(client.provider.wsconnected).toBe(true)
  })
})
