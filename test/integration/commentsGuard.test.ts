/**
 * The server enforces who may change what in the comments document, whatever a modified client sends: a
 * commenter's own threads, comments and resolutions go through; editing someone else's comment, writing as
 * someone else, removing comments or marking another person's mentions as seen closes that socket with 4403
 * and leaves the stored document unchanged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { commentsDocName } from '../../shared/protocol/docNames'
import {
  addReply,
  editComment,
  markMentionsSeen,
  readThreads,
  setResolved,
  threadsMap,
} from '../../shared/ydoc/commentsDoc'
import { createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { connectClient, destroyAllClients, type TestClient, waitFor, waitForSynced } from '../helpers/clients'
import { addParagraph, comment, threadOn } from '../helpers/comments'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

let url: string
let owner: TestUser
let reviewer: TestUser
let project: string
let draft: TestClient
let reviewerComments: TestClient
let threadId: string

beforeEach(async () => {
  const server = await startTestServer()
  url = server.url
  owner = await setupOwner(server)
  project = await createProject(server.url, owner)
  reviewer = await inviteUser(server.url, owner, project, 'reviewer', 'Rae Reviewer')
  draft = connectClient(url, project, { user: owner })
  reviewerComments = connectClient(url, commentsDocName(project), { user: reviewer })
  await Promise.all([waitForSynced(draft), waitForSynced(reviewerComments)])
  addParagraph(draft.doc, 'Answers should be concise.')
  threadId = threadOn(
    draft.doc,
    reviewerComments.doc,
    'concise',
    { id: reviewer.id, name: reviewer.name },
    'Short, or free of needless words?',
  )
  await waitFor(async () => readThreads(await storedComments()).length === 1, {
    message: 'the thread stored',
  })
})

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

/** The comments document as a newly connecting client receives it. */
async function storedComments(): Promise<Y.Doc> {
  const fresh = connectClient(url, commentsDocName(project), { user: owner })
  await waitForSynced(fresh)
  fresh.destroy()
  return fresh.doc
}

/** The owner's comments socket; resolves with its close code once the server closes it. */
async function ownerComments(): Promise<{ client: TestClient; closed: Promise<number> }> {
  const client = connectClient(url, commentsDocName(project), { user: owner })
  await waitForSynced(client)
  const closed = new Promise<number>((resolve) =>
    client.provider.on('connection-close', (event) => resolve(event?.code ?? 0)),
  )
  return { client, closed }
}

const ownerPerson = () => ({ id: owner.id, name: owner.name })
const reviewerPerson = () => ({ id: reviewer.id, name: reviewer.name })

describe('comment authorship on the server', () => {
  it("accepts a reply and a resolution as oneself, on someone else's thread", async () => {
    const { client } = await ownerComments()
    addReply(client.doc, threadId, comment(ownerPerson(), 'Free of needless words.'))
    setResolved(client.doc, threadId, true, ownerPerson(), new Date().toISOString())
    await waitFor(async () => {
      const [thread] = readThreads(await storedComments())
      return thread?.resolved === true && thread.comments.length === 2
    })
  })

  it("refuses editing someone else's comment: the socket closes with 4403 and nothing is stored", async () => {
    const { client, closed } = await ownerComments()
    const [thread] = readThreads(client.doc)
    editComment(client.doc, threadId, thread!.comments[0]!.id, {
      body: 'I never asked anything',
      mentions: [],
      at: new Date().toISOString(),
    })
    expect(await closed).toBe(CloseCode.forbidden)
    const [stored] = readThreads(await storedComments())
    expect(stored!.comments[0]!.body).toBe('Short, or free of needless words?')
  })

  it('refuses writing a comment as someone else', async () => {
    const { client, closed } = await ownerComments()
    addReply(client.doc, threadId, comment(reviewerPerson(), 'Forged: I withdraw my question'))
    expect(await closed).toBe(CloseCode.forbidden)
    expect(readThreads(await storedComments())[0]!.comments).toHaveLength(1)
  })

  it('refuses removing a comment outright, and resolving as someone else', async () => {
    const first = await ownerComments()
    const comments = threadsMap(first.client.doc).get(threadId)!.get('comments') as Y.Array<unknown>
    comments.delete(0, 1)
    expect(await first.closed).toBe(CloseCode.forbidden)
    const second = await ownerComments()
    setResolved(second.client.doc, threadId, true, reviewerPerson(), new Date().toISOString())
    expect(await second.closed).toBe(CloseCode.forbidden)
    const [stored] = readThreads(await storedComments())
    expect(stored!.comments).toHaveLength(1)
    expect(stored!.resolved).toBe(false)
  })

  it("refuses marking someone else's mentions as seen", async () => {
    const { client, closed } = await ownerComments()
    markMentionsSeen(client.doc, reviewer.id, ['some-comment'])
    expect(await closed).toBe(CloseCode.forbidden)
  })
})
