/**
 * Who receives comments: owners, leads and reviewers read and write the comments document (reviewers still
 * cannot change the draft at the protocol level); annotators, strangers and anonymous sockets get no comment
 * data over any channel — their sockets are closed before a byte is sent, and the comment routes refuse them.
 * A reviewer demoted to annotator loses an open comments socket at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../server/server'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { commentsDocName } from '../../shared/protocol/docNames'
import { readThreads } from '../../shared/ydoc/commentsDoc'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { api, apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { connectClient, destroyAllClients, openRawSocket, waitFor, waitForSynced } from '../helpers/clients'
import { addParagraph, threadOn } from '../helpers/comments'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

let server: RunningServer
let owner: TestUser
let reviewer: TestUser
let annotator: TestUser
let project: string

beforeEach(async () => {
  server = await startTestServer()
  owner = await setupOwner(server)
  project = await createProject(server.url, owner)
  reviewer = await inviteUser(server.url, owner, project, 'reviewer', 'Rae Reviewer')
  annotator = await inviteUser(server.url, owner, project, 'annotator', 'Ann Annotator')
})

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

const MARK = 'SECRETCOMMENT'

describe('comment access', () => {
  it('lets a reviewer comment while their edits to the draft text are dropped', async () => {
    const lead = connectClient(server.url, project, { user: owner })
    const leadComments = connectClient(server.url, commentsDocName(project), { user: owner })
    const draft = connectClient(server.url, project, { user: reviewer })
    const comments = connectClient(server.url, commentsDocName(project), { user: reviewer })
    await Promise.all([lead, leadComments, draft, comments].map((c) => waitForSynced(c)))
    addParagraph(lead.doc, 'Be concise.')
    await waitFor(() => guidelineFragment(draft.doc).toString().includes('concise'))

    addParagraph(draft.doc, 'REVIEWER TEXT EDIT')
    threadOn(draft.doc, comments.doc, 'concise', { id: reviewer.id, name: reviewer.name }, `${MARK} why?`)
    await waitFor(() => readThreads(leadComments.doc).length === 1, { message: 'lead sees the thread' })
    // The server handles a socket's frames in order: once the reviewer's next awareness frame reaches the
    // lead, the update frame before it has been handled (and dropped).
    draft.provider.awareness.setLocalStateField('marker', 'after-edit')
    await waitFor(() =>
      [...lead.provider.awareness.getStates().values()].some((state) => state.marker === 'after-edit'),
    )
    await waitFor(async () => (await server.store.docStats(commentsDocName(project))).updateCount >= 1)

    // The draft never took the reviewer's paragraph: not live, not stored.
    const check = connectClient(server.url, project, { user: owner })
    await waitForSynced(check)
    expect(guidelineFragment(check.doc).toString()).toContain('concise')
    expect(guidelineFragment(check.doc).toString()).not.toContain('REVIEWER TEXT EDIT')
    expect(guidelineFragment(lead.doc).toString()).not.toContain('REVIEWER TEXT EDIT')
    expect(server.registry.rooms.get(project)!.doc.getXmlFragment('guideline').toString()).not.toContain(
      'REVIEWER TEXT EDIT',
    )
  })

  it('sends an annotator no comment data over the socket or any route', async () => {
    const writer = connectClient(server.url, commentsDocName(project), { user: owner })
    const draft = connectClient(server.url, project, { user: owner })
    await Promise.all([waitForSynced(writer), waitForSynced(draft)])
    addParagraph(draft.doc, 'Be concise.')
    threadOn(draft.doc, writer.doc, 'concise', { id: owner.id, name: owner.name }, `${MARK} open`)
    await waitFor(async () => (await server.store.docStats(commentsDocName(project))).updateCount >= 1)

    // The comments socket is closed with 4403 before anything is sent; so is the draft's.
    for (const doc of [commentsDocName(project), project]) {
      const raw = openRawSocket(server.url, doc, { user: annotator })
      const closed = await raw.closed
      expect(closed.code).toBe(CloseCode.forbidden)
      expect(raw.received).toEqual([])
    }
    const raw = openRawSocket(server.url, commentsDocName(project), { user: annotator })
    expect(await raw.closed).toEqual({ code: CloseCode.forbidden, reason: CloseReason.noCommentAccess })

    // Anonymous sockets and members of other projects are refused as usual.
    expect((await openRawSocket(server.url, commentsDocName(project)).closed).code).toBe(
      CloseCode.unauthenticated,
    )
    const elsewhere = await createProject(server.url, owner, 'Elsewhere')
    const stranger = await inviteUser(server.url, owner, elsewhere, 'lead', 'Stan Stranger')
    expect((await openRawSocket(server.url, commentsDocName(project), { user: stranger }).closed).code).toBe(
      CloseCode.unknownDocument,
    )

    // Every comment route refuses the annotator; the routes that exist for them carry no comment text.
    for (const path of ['people', 'summary']) {
      const response = await api(server.url, `/api/projects/${project}/comments/${path}`, { user: annotator })
      expect(response.status).toBe(403)
    }
    for (const path of ['', '/members', '/versions']) {
      const response = await api(server.url, `/api/projects/${project}${path}`, { user: annotator })
      expect(await response.text()).not.toContain(MARK)
    }
    // The reviewer, by contrast, gets the people they can mention.
    const people = await apiJson<{ people: { id: string }[] }>(
      server.url,
      `/api/projects/${project}/comments/people`,
      { user: reviewer },
    )
    expect(people.people.map((p) => p.id).sort()).toEqual([owner.id, reviewer.id].sort())
  })

  it('closes a reviewer’s open comments socket when they are demoted to annotator', async () => {
    const raw = openRawSocket(server.url, commentsDocName(project), { user: reviewer })
    await raw.opened
    await waitFor(() => raw.received.length > 0, { message: 'reviewer receives the comments sync step' })
    const response = await api(server.url, `/api/projects/${project}/members/${reviewer.id}`, {
      method: 'PATCH',
      user: owner,
      body: { role: 'annotator' },
    })
    expect(response.status).toBe(200)
    expect(await raw.closed).toEqual({ code: CloseCode.forbidden, reason: CloseReason.accessRevoked })
    const again = openRawSocket(server.url, commentsDocName(project), { user: reviewer })
    expect((await again.closed).code).toBe(CloseCode.forbidden)
  })
})
