/**
 * Comment threads over real y-websocket clients and a real server: anchors follow their words through
 * concurrent edits by two leads, deleted text leaves a detached thread that an undo re-attaches everywhere,
 * offline replies merge, undoing text edits never touches comments, and open threads are counted at publish
 * without any comment reaching the published version.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { commentsDocName } from '../../shared/protocol/docNames'
import type { VersionSummary } from '../../shared/schema/version'
import { reanchorUndone, resolveTextAnchor, type TextAnchor } from '../../shared/ydoc/commentAnchors'
import { addReply, readThreads, setAnchor, setResolved } from '../../shared/ydoc/commentsDoc'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { api, apiJson, createProject, inviteUser, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, waitFor, waitForSynced } from '../helpers/clients'
import { addParagraph, comment, openDesk, person, textNodeWith, threadOn } from '../helpers/comments'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

const SENTENCE = 'Answers must be concise and accurate.'

async function setup() {
  const server = await startTestServer()
  const owner = await setupOwner(server)
  const project = await createProject(server.url, owner, 'Commented project')
  const lead = await inviteUser(server.url, owner, project, 'lead', 'Lee Lead')
  const reviewer = await inviteUser(server.url, owner, project, 'reviewer', 'Rae Reviewer')
  return { server, owner, project, lead, reviewer }
}

function anchorText(draft: Y.Doc, comments: Y.Doc, threadId: string): string | null {
  const thread = readThreads(comments).find((t) => t.id === threadId)
  if (thread?.anchor.kind !== 'text') throw new Error('no such text thread')
  const resolved = resolveTextAnchor(draft, thread.anchor)
  return resolved.state === 'attached' ? resolved.text : null
}

const plain = (doc: Y.Doc) => textNodeWith(doc, 'accurate').toString()

describe('comment anchors', () => {
  it('stay on the right words while two leads edit the sentence concurrently', async () => {
    const { server, owner, project, lead, reviewer } = await setup()
    const a = await openDesk(server.url, project, owner)
    const b = await openDesk(server.url, project, lead)
    const r = await openDesk(server.url, project, reviewer)
    addParagraph(a.draft.doc, SENTENCE)
    await waitFor(() => guidelineFragment(r.draft.doc).toString().includes('concise'))

    // The reviewer anchors a thread on "concise"; the leads see it.
    const id = threadOn(
      r.draft.doc,
      r.comments.doc,
      'concise',
      person(reviewer),
      'Short, or no needless words?',
    )
    await waitFor(() => readThreads(a.comments.doc).length === 1 && readThreads(b.comments.doc).length === 1)

    // Both leads go offline and edit the same sentence, including right at both edges of the anchored word.
    a.draft.provider.disconnect()
    b.draft.provider.disconnect()
    const aText = textNodeWith(a.draft.doc, 'concise')
    aText.insert(0, 'All ')
    aText.insert(aText.toString().indexOf('concise'), 'very ')
    const bText = textNodeWith(b.draft.doc, 'concise')
    bText.insert(bText.toString().indexOf('concise') + 'concise'.length, ', clear')
    bText.insert(bText.toString().indexOf('accurate'), 'medically ')
    expect(anchorText(a.draft.doc, a.comments.doc, id)).toBe('concise')
    expect(anchorText(b.draft.doc, b.comments.doc, id)).toBe('concise')
    a.draft.provider.connect()
    b.draft.provider.connect()

    const merged = 'All answers must be very concise, clear and medically accurate.'
    await waitFor(() => [a, b, r].every((d) => plain(d.draft.doc).toLowerCase() === merged.toLowerCase()), {
      message: 'everyone has the merged sentence',
    })
    for (const desk of [a, b, r]) expect(anchorText(desk.draft.doc, desk.comments.doc, id)).toBe('concise')

    // A fresh client after a restart resolves the stored anchor to the same word.
    destroyAllClients()
    const dataDir = server.dataDir
    await server.stop()
    const restarted = await startTestServer({ dataDir })
    const fresh = await openDesk(restarted.url, project, owner)
    expect(anchorText(fresh.draft.doc, fresh.comments.doc, id)).toBe('concise')
  })

  it('keeps a thread listed as detached when its words are deleted, and an undo re-attaches it for everyone', async () => {
    const { server, owner, project, reviewer } = await setup()
    const a = await openDesk(server.url, project, owner)
    const r = await openDesk(server.url, project, reviewer)
    addParagraph(a.draft.doc, SENTENCE)
    await waitFor(() => guidelineFragment(r.draft.doc).toString().includes('concise'))
    const id = threadOn(r.draft.doc, r.comments.doc, 'must be concise', person(reviewer), 'Why "must"?')
    await waitFor(() => readThreads(a.comments.doc).length === 1)
    expect(anchorText(a.draft.doc, a.comments.doc, id)).toBe('must be concise')

    // The lead deletes the anchored words (and a bit around them) with an undo manager like the editor's.
    const undo = new Y.UndoManager(guidelineFragment(a.draft.doc))
    const node = textNodeWith(a.draft.doc, 'concise')
    const at = node.toString().indexOf('s must')
    node.delete(at, 's must be concise'.length)
    await waitFor(() => plain(r.draft.doc) === 'Answer and accurate.')
    expect(anchorText(r.draft.doc, r.comments.doc, id)).toBeNull()
    const listed = readThreads(r.comments.doc)
    expect(listed.map((t) => t.id)).toEqual([id])
    expect(listed[0]!.comments[0]!.body).toBe('Why "must"?')

    // Undo brings the words back as new items; the undoing client re-anchors, so the reviewer sees it too.
    undo.undo()
    const thread = readThreads(a.comments.doc)[0]!
    const moved = reanchorUndone(a.draft.doc, thread.anchor as TextAnchor)
    expect(moved).not.toBeNull()
    setAnchor(a.comments.doc, id, moved!)
    await waitFor(() => anchorText(r.draft.doc, r.comments.doc, id) === 'must be concise', {
      message: 'thread re-attached for the reviewer',
    })
    // Text undo never removed or changed any comment.
    expect(readThreads(r.comments.doc)[0]!.comments.map((c) => c.body)).toEqual(['Why "must"?'])
  })

  it('detaches a thread whose whole paragraph is deleted', async () => {
    const { server, owner, project } = await setup()
    const a = await openDesk(server.url, project, owner)
    addParagraph(a.draft.doc, SENTENCE)
    const id = threadOn(a.draft.doc, a.comments.doc, 'accurate', person(owner), 'Accurate by whose standard?')
    const fragment = guidelineFragment(a.draft.doc)
    fragment.delete(fragment.length - 1, 1)
    expect(anchorText(a.draft.doc, a.comments.doc, id)).toBeNull()
    expect(readThreads(a.comments.doc)).toHaveLength(1)
  })
})

describe('comment threads', () => {
  it('merge replies written offline by a reviewer and a lead, in both orders, durably', async () => {
    const { server, project, lead, reviewer } = await setup()
    const l = await openDesk(server.url, project, lead)
    const r = await openDesk(server.url, project, reviewer)
    addParagraph(l.draft.doc, SENTENCE)
    await waitFor(() => guidelineFragment(r.draft.doc).toString().includes('concise'))
    const id = threadOn(r.draft.doc, r.comments.doc, 'concise', person(reviewer), 'Short or tight?')
    await waitFor(() => readThreads(l.comments.doc).length === 1)

    l.comments.provider.disconnect()
    r.comments.provider.disconnect()
    addReply(l.comments.doc, id, comment(person(lead), 'Tight: no needless words.'))
    addReply(r.comments.doc, id, comment(person(reviewer), 'Then say so in the text.'))
    setResolved(l.comments.doc, id, true, person(lead), new Date().toISOString())
    l.comments.provider.connect()
    r.comments.provider.connect()

    const bodies = (doc: Y.Doc) =>
      readThreads(doc)[0]!
        .comments.map((c) => c.body)
        .sort()
    const expected = ['Short or tight?', 'Then say so in the text.', 'Tight: no needless words.']
    await waitFor(() => bodies(l.comments.doc).length === 3 && bodies(r.comments.doc).length === 3, {
      message: 'both offline replies everywhere',
    })
    expect(bodies(l.comments.doc)).toEqual(expected)
    expect(bodies(r.comments.doc)).toEqual(expected)
    expect(readThreads(r.comments.doc)[0]!.resolved).toBe(true)
    // Both orders agree on the order of comments too.
    expect(readThreads(l.comments.doc)[0]!.comments.map((c) => c.id)).toEqual(
      readThreads(r.comments.doc)[0]!.comments.map((c) => c.id),
    )

    // Durable: a restarted server serves all three.
    destroyAllClients()
    const dataDir = server.dataDir
    await server.stop()
    const restarted = await startTestServer({ dataDir })
    const fresh = connectClient(restarted.url, commentsDocName(project), { user: lead })
    await waitForSynced(fresh)
    expect(bodies(fresh.doc)).toEqual(expected)
  })

  it('records how many threads were open at publish time, and the version carries no comment', async () => {
    const { server, owner, project, reviewer } = await setup()
    const o = await openDesk(server.url, project, owner)
    completeDraft(o.draft)
    addParagraph(o.draft.doc, SENTENCE)
    await draftIsDurable(server.url, project, owner, o.draft)
    const MARK = 'COMMENTMARK'
    const r = await openDesk(server.url, project, reviewer)
    threadOn(r.draft.doc, r.comments.doc, 'concise', person(reviewer), `${MARK} open one`)
    const done = threadOn(r.draft.doc, r.comments.doc, 'accurate', person(reviewer), `${MARK} resolved one`)
    threadOn(r.draft.doc, r.comments.doc, 'Answers', person(reviewer), `${MARK} another open one`)
    setResolved(r.comments.doc, done, true, person(reviewer), new Date().toISOString())
    const summaryPath = `/api/projects/${project}/comments/summary`
    await waitFor(
      async () =>
        JSON.stringify(await apiJson(server.url, summaryPath, { user: owner })) ===
        JSON.stringify({ open: 2, resolved: 1, openSuggestions: 0 }),
      { message: 'summary counts the durable threads' },
    )

    const published = await apiJson<VersionSummary>(server.url, `/api/projects/${project}/versions`, {
      user: owner,
      body: { bump: 'major', changelog: 'First' },
    })
    expect(published.openThreadsAtPublish).toBe(2)
    const { versions } = await apiJson<{ versions: VersionSummary[] }>(
      server.url,
      `/api/projects/${project}/versions`,
      { user: owner },
    )
    expect(versions[0]!.openThreadsAtPublish).toBe(2)

    // Nothing of any comment is in the version's JSON, exports or Yjs snapshot.
    for (const suffix of ['', '/markdown', '/print', '/snapshot']) {
      const response = await api(server.url, `/api/projects/${project}/versions/1.0.0${suffix}`, {
        user: owner,
      })
      expect(response.status).toBe(200)
      expect(Buffer.from(await response.arrayBuffer()).toString('latin1')).not.toContain(MARK)
    }
    // Resolving the open threads afterwards does not change the published record.
    for (const thread of readThreads(r.comments.doc))
      setResolved(r.comments.doc, thread.id, true, person(reviewer), new Date().toISOString())
    await waitFor(
      async () =>
        JSON.stringify(await apiJson(server.url, summaryPath, { user: owner })) ===
        JSON.stringify({ open: 0, resolved: 3, openSuggestions: 0 }),
    )
    const again = await apiJson<{ versions: VersionSummary[] }>(
      server.url,
      `/api/projects/${project}/versions`,
      {
        user: owner,
      },
    )
    expect(again.versions[0]!.openThreadsAtPublish).toBe(2)
  })
})
