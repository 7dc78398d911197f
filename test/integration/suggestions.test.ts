/**
 * Suggested edits over a real server and real y-websocket clients: a reviewer suggests as themselves (a
 * suggestion written as someone else, or a reviewer deciding, closes the socket with 4403 and a reason) while
 * their raw writes to the draft are still dropped; two leads accepting at once get exactly one 200 and one 409
 * `suggestion_decided`, and the suggestion is applied once; an edit of the anchored text makes an accept 409
 * `suggestion_outdated`, a withdrawal 409 `suggestion_withdrawn`; a lead demoted to reviewer can no longer
 * decide on an open socket; annotators receive nothing of any suggestion; a version published while one is
 * open holds none of its text; the audit log records each decision with its actor.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { commentsDocName } from '../../shared/protocol/docNames'
import type { AuditEntry } from '../../shared/schema/auth'
import type { CommentSummary } from '../../shared/schema/comments'
import type { BatchDecisionResult, DecisionResult, SuggestionView } from '../../shared/schema/suggestions'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { criterionText, orderedCriteria } from '../../shared/ydoc/rubricDoc'
import { applySuggestion, resolveSuggestion } from '../../shared/ydoc/suggestionAnchors'
import {
  markDecided,
  readSuggestions,
  suggestionsMap,
  withdrawSuggestion,
} from '../../shared/ydoc/suggestionsDoc'
import { api, apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import {
  connectClient,
  destroyAllClients,
  openRawSocket,
  type TestClient,
  waitFor,
  waitForSynced,
} from '../helpers/clients'
import { addParagraph, openDesk, person, textNodeWith } from '../helpers/comments'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'
import { suggestIn, suggestInGuideline, suggestionIsDurable } from '../helpers/suggestions'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

const SENTENCE = 'Answers must be concise and accurate.'
/** Planted in every suggested replacement, so responses can be searched for it. */
const MARK = 'SUGGESTMARK'

/** A project with a complete draft and the guideline sentence, and its members. */
async function setup() {
  const server = await startTestServer()
  const owner = await setupOwner(server)
  const project = await createProject(server.url, owner, 'Suggested project')
  const lead = await inviteUser(server.url, owner, project, 'lead', 'Lee Lead')
  const bob = await inviteUser(server.url, owner, project, 'lead', 'Bob Lead')
  const reviewer = await inviteUser(server.url, owner, project, 'reviewer', 'Rae Reviewer')
  const annotator = await inviteUser(server.url, owner, project, 'annotator', 'Ann Annotator')
  const o = await openDesk(server.url, project, owner)
  completeDraft(o.draft)
  addParagraph(o.draft.doc, SENTENCE)
  await draftIsDurable(server.url, project, owner, o.draft)
  return { server, owner, project, lead, bob, reviewer, annotator, o }
}

/** Resolves with the close code and reason once the server closes the client's socket. */
function closeOf(client: TestClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    client.provider.on('connection-close', (event) =>
      resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' }),
    ),
  )
}

const decide = (url: string, project: string, id: string, user: TestUser, decision: 'accept' | 'reject') =>
  api(url, `/api/projects/${project}/suggestions/${id}/decision`, { user, body: { decision } })

const suggestionOf = (comments: Y.Doc, id: string): SuggestionView => {
  const found = readSuggestions(comments).find((s) => s.id === id)
  if (!found) throw new Error(`no suggestion ${id}`)
  return found
}

/** The guideline text a newly connecting client receives (what the server holds). */
async function storedGuideline(url: string, project: string, user: TestUser): Promise<string> {
  const check = connectClient(url, project, { user })
  await waitForSynced(check)
  check.destroy()
  return guidelineFragment(check.doc).toString()
}

describe('suggesting', () => {
  it('accepts a reviewer’s suggestions as themselves, live for leads, while their draft writes stay dropped', async () => {
    const { server, project, lead, reviewer, o } = await setup()
    const r = await openDesk(server.url, project, reviewer)
    const l = await openDesk(server.url, project, lead)
    await waitFor(() => guidelineFragment(r.draft.doc).toString().includes('concise'))
    const inGuideline = suggestInGuideline(
      r.draft.doc,
      r.comments.doc,
      'concise',
      `${MARK} brief`,
      person(reviewer),
    )
    const [criterionId] = orderedCriteria(r.draft.doc).map(([id]) => id) as [string]
    const description = criterionText(r.draft.doc, criterionId, 'description')!
    const word = description.toString().split(' ')[0]!
    const inRubric = suggestIn(
      r.comments.doc,
      description,
      { kind: 'criterion', criterionId, field: 'description' },
      word,
      `${MARK}-rubric`,
      person(reviewer),
    )
    // The leads see both live, attributed, and current against their own replica of the draft.
    await waitFor(() => readSuggestions(l.comments.doc).length === 2, { message: 'the lead sees both' })
    for (const id of [inGuideline, inRubric]) {
      const s = suggestionOf(l.comments.doc, id)
      expect(s.author).toMatchObject(person(reviewer))
      expect(s.status).toBe('open')
      expect(resolveSuggestion(l.draft.doc, s).state).toBe('current')
    }
    const summary = await apiJson<CommentSummary>(server.url, `/api/projects/${project}/comments/summary`, {
      user: reviewer,
    })
    expect(summary.openSuggestions).toBe(2)

    // The reviewer's raw write to the draft is still dropped: not live, not stored.
    addParagraph(r.draft.doc, 'REVIEWER RAW EDIT')
    r.draft.provider.awareness.setLocalStateField('marker', 'after-edit')
    await waitFor(() =>
      [...o.draft.provider.awareness.getStates().values()].some((state) => state.marker === 'after-edit'),
    )
    expect(await storedGuideline(server.url, project, lead)).not.toContain('REVIEWER RAW EDIT')
    expect(guidelineFragment(l.draft.doc).toString()).not.toContain('REVIEWER RAW EDIT')
  })

  it('closes the socket of a suggestion written as someone else, and of a reviewer deciding', async () => {
    const { server, project, lead, reviewer } = await setup()
    const r = await openDesk(server.url, project, reviewer)
    const forged = closeOf(r.comments)
    suggestInGuideline(r.draft.doc, r.comments.doc, 'concise', `${MARK} forged`, person(lead))
    expect(await forged).toEqual({ code: CloseCode.forbidden, reason: 'a suggestion is made as yourself' })

    const again = await openDesk(server.url, project, reviewer)
    const id = suggestInGuideline(
      again.draft.doc,
      again.comments.doc,
      'concise',
      `${MARK} mine`,
      person(reviewer),
    )
    await suggestionIsDurable(server.url, project, reviewer, id)
    const deciding = closeOf(again.comments)
    markDecided(again.comments.doc, id, 'accepted', person(reviewer), new Date().toISOString())
    expect(await deciding).toEqual({
      code: CloseCode.forbidden,
      reason: 'only someone who may edit the draft accepts or rejects',
    })
    // Neither reached the stored document.
    const check = connectClient(server.url, commentsDocName(project), { user: lead })
    await waitForSynced(check)
    expect(readSuggestions(check.doc).map((s) => [s.id, s.status])).toEqual([[id, 'open']])
  })
})

describe('deciding', () => {
  it('lets exactly one of two leads accepting at once succeed; the suggestion is applied once and audited', async () => {
    const { server, owner, project, lead, bob, reviewer } = await setup()
    const r = await openDesk(server.url, project, reviewer)
    const id = suggestInGuideline(r.draft.doc, r.comments.doc, 'concise', 'brief', person(reviewer))
    await suggestionIsDurable(server.url, project, reviewer, id)
    const desks = {
      [lead.id]: await openDesk(server.url, project, lead),
      [bob.id]: await openDesk(server.url, project, bob),
    }

    const responses = await Promise.all([lead, bob].map((u) => decide(server.url, project, id, u, 'accept')))
    expect(responses.map((res) => res.status).sort()).toEqual([200, 409])
    const winnerIndex = responses.findIndex((res) => res.status === 200)
    const winner = [lead, bob][winnerIndex]!
    const loser = [lead, bob][1 - winnerIndex]!
    const result = (await responses[winnerIndex]!.json()) as DecisionResult
    expect(result).toMatchObject({ suggestionId: id, decision: 'accept', decidedBy: { id: winner.id } })
    expect(await responses[1 - winnerIndex]!.json()).toEqual({
      error: 'suggestion_decided',
      message: `already accepted by ${winner.name}`,
    })

    // The winner's client applies it (one transaction) and marks it decided; everyone sees it.
    const w = desks[winner.id]!
    expect(applySuggestion(w.draft.doc, suggestionOf(w.comments.doc, id), 'suggestion')).toBe(true)
    expect(markDecided(w.comments.doc, id, 'accepted', person(winner), result.decidedAt)).toBe(true)
    await waitFor(() => suggestionOf(desks[loser.id]!.comments.doc, id).status === 'accepted')
    await waitFor(async () => (await storedGuideline(server.url, project, owner)).includes('be brief and'))
    expect((await storedGuideline(server.url, project, owner)).match(/brief/g)).toHaveLength(1)
    expect(await storedGuideline(server.url, project, owner)).not.toContain('concise')
    // Deciding it again is refused, now also by the comments document.
    const third = await decide(server.url, project, id, owner, 'reject')
    expect(third.status).toBe(409)

    const { entries } = await apiJson<{ entries: AuditEntry[] }>(
      server.url,
      `/api/projects/${project}/audit`,
      {
        user: owner,
      },
    )
    const decided = entries.filter((e) => e.action.startsWith('suggestion.'))
    expect(decided).toHaveLength(1)
    expect(decided[0]).toMatchObject({
      action: 'suggestion.accepted',
      actor: winner.name,
      details: {
        suggestionId: id,
        original: 'concise',
        replacement: 'brief',
        author: { id: reviewer.id, name: reviewer.name },
      },
    })
  })

  it('refuses to accept an outdated suggestion (rejecting it still works), or a withdrawn one', async () => {
    const { server, owner, project, lead, reviewer, o } = await setup()
    const r = await openDesk(server.url, project, reviewer)
    const outdated = suggestInGuideline(r.draft.doc, r.comments.doc, 'concise', 'brief', person(reviewer))
    const withdrawn = suggestInGuideline(r.draft.doc, r.comments.doc, 'accurate', 'correct', person(reviewer))
    await suggestionIsDurable(server.url, project, reviewer, withdrawn)

    // The lead edits the anchored word; once the server holds it, an accept answers 409.
    const paragraph = textNodeWith(o.draft.doc, 'concise')
    paragraph.insert(paragraph.toString().indexOf('concise') + 3, 'X')
    await waitFor(async () => (await storedGuideline(server.url, project, owner)).includes('conXcise'))
    const refused = await decide(server.url, project, outdated, lead, 'accept')
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { error: string }).error).toBe('suggestion_outdated')
    // The client sees the same: outdated, with the text there now, and applying does nothing.
    await waitFor(() => guidelineFragment(r.draft.doc).toString().includes('conXcise'))
    const s = suggestionOf(r.comments.doc, outdated)
    expect(resolveSuggestion(r.draft.doc, s)).toEqual({ state: 'outdated', current: 'conXcise' })
    expect(applySuggestion(r.draft.doc, s)).toBe(false)
    expect((await decide(server.url, project, outdated, lead, 'reject')).status).toBe(200)

    expect(withdrawSuggestion(r.comments.doc, withdrawn)).toBe(true)
    await suggestionIsDurable(server.url, project, reviewer, withdrawn, 'withdrawn')
    const gone = await decide(server.url, project, withdrawn, lead, 'accept')
    expect(gone.status).toBe(409)
    expect(await gone.json()).toEqual({
      error: 'suggestion_withdrawn',
      message: 'Rae Reviewer withdrew this suggestion',
    })
    const unknown = await decide(server.url, project, 'no-such-id', lead, 'accept')
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { error: string }).error).toBe('suggestion_not_found')

    // In a batch, each is decided or skipped with its reason.
    const fresh = suggestInGuideline(r.draft.doc, r.comments.doc, 'Answers', 'Replies', person(reviewer))
    await suggestionIsDurable(server.url, project, reviewer, fresh)
    const batch = await apiJson<BatchDecisionResult>(
      server.url,
      `/api/projects/${project}/suggestions/decisions`,
      {
        user: lead,
        body: { decision: 'accept', ids: [outdated, withdrawn, fresh, 'nope'] },
      },
    )
    expect(batch.decided.map((d) => d.suggestionId)).toEqual([fresh])
    expect(batch.skipped.map((s) => [s.suggestionId, s.reason])).toEqual([
      [outdated, 'decided'],
      [withdrawn, 'withdrawn'],
      ['nope', 'unknown'],
    ])
  })

  it('takes a withdrawal through the same record as decisions, and holds a lead to the texts they saw', async () => {
    const { server, project, lead, bob, reviewer } = await setup()
    const r = await openDesk(server.url, project, reviewer)
    const withdrawal = (id: string, user: TestUser) =>
      api(server.url, `/api/projects/${project}/suggestions/${id}/withdrawal`, { user, body: {} })
    const first = suggestInGuideline(r.draft.doc, r.comments.doc, 'concise', 'brief', person(reviewer))
    const second = suggestInGuideline(r.draft.doc, r.comments.doc, 'accurate', 'correct', person(reviewer))
    await suggestionIsDurable(server.url, project, reviewer, second)

    // Only its author withdraws; twice is answered like once; a lead then cannot decide it.
    const notYours = await withdrawal(first, lead)
    expect(notYours.status).toBe(403)
    expect(await notYours.json()).toEqual({
      error: 'forbidden',
      message: 'only its author withdraws a suggestion',
    })
    const taken = await withdrawal(first, reviewer)
    expect(taken.status).toBe(200)
    const { withdrawnAt } = (await taken.json()) as { withdrawnAt: string }
    expect(await (await withdrawal(first, reviewer)).json()).toEqual({ suggestionId: first, withdrawnAt })
    const late = await decide(server.url, project, first, lead, 'accept')
    expect(late.status).toBe(409)
    expect(await late.json()).toEqual({
      error: 'suggestion_withdrawn',
      message: 'Rae Reviewer withdrew this suggestion',
    })
    expect((await withdrawal('no-such-id', reviewer)).status).toBe(404)

    // A lead who saw an older text of the suggestion is told to look again; the one who saw it as it is wins,
    // and the author can no longer withdraw it.
    const stale = await api(server.url, `/api/projects/${project}/suggestions/${second}/decision`, {
      user: lead,
      body: { decision: 'accept', seen: { original: 'accurate', replacement: 'correc' } },
    })
    expect(stale.status).toBe(409)
    expect(await stale.json()).toEqual({
      error: 'suggestion_changed',
      message: 'Rae Reviewer changed this suggestion just now; look at it again',
    })
    const current = await api(server.url, `/api/projects/${project}/suggestions/${second}/decision`, {
      user: bob,
      body: { decision: 'accept', seen: { original: 'accurate', replacement: 'correct' } },
    })
    expect(current.status).toBe(200)
    const tooLate = await withdrawal(second, reviewer)
    expect(tooLate.status).toBe(409)
    expect(await tooLate.json()).toEqual({
      error: 'suggestion_decided',
      message: 'already accepted by Bob Lead',
    })
  })

  it('names a suggestion’s author in the audit log as their account has it, not as their client wrote it', async () => {
    const { server, owner, project, lead, reviewer } = await setup()
    const r = await openDesk(server.url, project, reviewer)
    const forged = { id: reviewer.id, name: 'Chief Medical Officer' }
    const id = suggestInGuideline(r.draft.doc, r.comments.doc, 'concise', 'brief', forged)
    await suggestionIsDurable(server.url, project, reviewer, id)
    expect((await decide(server.url, project, id, lead, 'reject')).status).toBe(200)
    const { entries } = await apiJson<{ entries: AuditEntry[] }>(
      server.url,
      `/api/projects/${project}/audit`,
      {
        user: owner,
      },
    )
    const entry = entries.find((e) => e.action === 'suggestion.rejected')
    expect(entry?.details.author).toEqual({ id: reviewer.id, name: reviewer.name })
  })

  it('answers a lead’s own repeated decision again, flagged, while the suggestion still shows open', async () => {
    const { server, project, lead, bob, reviewer } = await setup()
    const r = await openDesk(server.url, project, reviewer)
    const id = suggestInGuideline(r.draft.doc, r.comments.doc, 'concise', 'brief', person(reviewer))
    await suggestionIsDurable(server.url, project, reviewer, id)
    // The lead's first answer is lost (their client never applied or marked it): the retry is answered
    // with the recorded decision, flagged `repeated` so the client marks it without applying it again.
    const first = (await (await decide(server.url, project, id, lead, 'accept')).json()) as DecisionResult
    expect(first.repeated).toBeUndefined()
    const again = await decide(server.url, project, id, lead, 'accept')
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ ...first, repeated: true })
    // Another lead, or the other decision, is still refused.
    expect((await decide(server.url, project, id, bob, 'accept')).status).toBe(409)
    expect((await decide(server.url, project, id, lead, 'reject')).status).toBe(409)
    // Once the lead's client marked it decided, a retry is refused like any other.
    const l = await openDesk(server.url, project, lead)
    expect(markDecided(l.comments.doc, id, 'accepted', person(lead), first.decidedAt)).toBe(true)
    await suggestionIsDurable(server.url, project, reviewer, id, 'accepted')
    expect((await decide(server.url, project, id, lead, 'accept')).status).toBe(409)
  })

  it('stops a lead demoted to reviewer from deciding on the socket they already have open', async () => {
    const { server, owner, project, lead, reviewer } = await setup()
    const r = await openDesk(server.url, project, reviewer)
    const first = suggestInGuideline(r.draft.doc, r.comments.doc, 'concise', 'brief', person(reviewer))
    const second = suggestInGuideline(r.draft.doc, r.comments.doc, 'accurate', 'right', person(reviewer))
    await suggestionIsDurable(server.url, project, reviewer, second)
    const l = await openDesk(server.url, project, lead)
    await waitFor(() => readSuggestions(l.comments.doc).length === 2)
    // As a lead, deciding in the comments document is accepted.
    expect(markDecided(l.comments.doc, first, 'rejected', person(lead), new Date().toISOString())).toBe(true)
    await suggestionIsDurable(server.url, project, reviewer, first, 'rejected')

    const response = await api(server.url, `/api/projects/${project}/members/${lead.id}`, {
      method: 'PATCH',
      user: owner,
      body: { role: 'reviewer' },
    })
    expect(response.status).toBe(200)
    // The comments socket stays open (reviewers comment), but its right to decide is gone at once.
    const room = () => server.registry.rooms.get(commentsDocName(project))
    await waitFor(
      () => [...(room()?.conns ?? [])].some((c) => c.user.id === lead.id && !c.user.mayEditDraft),
      {
        message: 'the role change reached the open comments socket',
      },
    )
    const closed = closeOf(l.comments)
    markDecided(l.comments.doc, second, 'accepted', person(lead), new Date().toISOString())
    expect(await closed).toEqual({
      code: CloseCode.forbidden,
      reason: 'only someone who may edit the draft accepts or rejects',
    })
    expect((await decide(server.url, project, second, lead, 'accept')).status).toBe(403)
  })
})

describe('who receives suggestions', () => {
  it('sends an annotator nothing of a suggestion, and a version published while one is open holds none of it', async () => {
    const { server, owner, project, reviewer, annotator } = await setup()
    const r = await openDesk(server.url, project, reviewer)
    const open = suggestInGuideline(r.draft.doc, r.comments.doc, 'concise', `${MARK} open`, person(reviewer))
    await suggestionIsDurable(server.url, project, reviewer, open)

    const published = await api(server.url, `/api/projects/${project}/versions`, {
      user: owner,
      body: { bump: 'major', changelog: 'First' },
    })
    expect(published.status).toBe(201)
    for (const suffix of ['', '/markdown', '/print', '/snapshot', '/export/gold.csv']) {
      const response = await api(server.url, `/api/projects/${project}/versions/1.0.0${suffix}`, {
        user: owner,
      })
      expect(response.status).toBe(200)
      expect(Buffer.from(await response.arrayBuffer()).toString('latin1')).not.toContain(MARK)
    }

    // The comments socket is closed before a byte is sent.
    const raw = openRawSocket(server.url, commentsDocName(project), { user: annotator })
    expect(await raw.closed).toEqual({ code: CloseCode.forbidden, reason: CloseReason.noCommentAccess })
    expect(raw.received).toEqual([])
    // No route an annotator may call carries suggestion text; the suggestion routes refuse them.
    for (const path of [
      '',
      '/members',
      '/versions',
      '/versions/1.0.0',
      '/versions/1.0.0/markdown',
      '/notices?after=0',
    ]) {
      const response = await api(server.url, `/api/projects/${project}${path}`, { user: annotator })
      expect(await response.text()).not.toContain(MARK)
    }
    expect((await decide(server.url, project, open, annotator, 'reject')).status).toBe(403)
    expect(
      (await api(server.url, `/api/projects/${project}/comments/summary`, { user: annotator })).status,
    ).toBe(403)

    // Deciding writes the audit log, which annotators never see either.
    expect((await decide(server.url, project, open, owner, 'reject')).status).toBe(200)
    const notices = await api(server.url, `/api/projects/${project}/notices?after=0`, { user: annotator })
    expect(await notices.text()).not.toContain(MARK)
    expect((await api(server.url, `/api/projects/${project}/audit`, { user: annotator })).status).toBe(403)
    expect(suggestionsMap(r.comments.doc).size).toBe(1)
  })
})
