/**
 * Deciding suggested edits on the server: each suggestion is read from the stored comments document and
 * checked (known, still open, not withdrawn, and for an accept still current against the stored draft), then
 * the decision is recorded with its audit entry — once per suggestion, so of two leads deciding at the same
 * moment on any instances exactly one succeeds. The lead's client then applies an accepted one to the draft
 * and marks it decided in the comments document (the server never writes either live document). An author's
 * withdrawal takes the same one row, so a withdrawal and a decision never both hold (and the comments
 * document's guard never has to refuse the loser's write, which would close their socket).
 */
import type * as Y from 'yjs'
import { commentsDocName, draftDocName } from '../../shared/protocol/docNames'
import { AuditAction } from '../../shared/schema/notices'
import type {
  DecisionResult,
  SeenTexts,
  SkipReason,
  SuggestionDecision,
  SuggestionView,
} from '../../shared/schema/suggestions'
import { resolveSuggestion } from '../../shared/ydoc/suggestionAnchors'
import { readSuggestions } from '../../shared/ydoc/suggestionsDoc'
import type { Store, SuggestionDecisionRecord } from '../storage/store'
import { loadDoc } from '../sync/storedDoc'

export type DecisionOutcome =
  | { ok: true; result: DecisionResult }
  | { ok: false; suggestionId: string; reason: SkipReason; message: string }

const PAST: Record<SuggestionDecisionRecord['decision'], string> = {
  accept: 'accepted',
  reject: 'rejected',
  withdraw: 'withdrawn',
}

/** Why a recorded decision or withdrawal keeps a suggestion from being decided again. */
function recordedIssue(id: string, recorded: SuggestionDecisionRecord): DecisionOutcome {
  const { decision, decidedBy } = recorded
  if (decision === 'withdraw') return skip(id, 'withdrawn', `${decidedBy.name} withdrew this suggestion`)
  return skip(id, 'decided', `already ${PAST[decision]} by ${decidedBy.name}`)
}

const skip = (suggestionId: string, reason: SkipReason, message: string): DecisionOutcome => ({
  ok: false,
  suggestionId,
  reason,
  message,
})

/** Why a suggestion read from the comments document cannot be decided now (null: it can). */
function stateIssue(
  s: SuggestionView,
  decision: SuggestionDecision,
  draft: Y.Doc,
  seen: SeenTexts | undefined,
): DecisionOutcome | null {
  if (s.status === 'withdrawn') return skip(s.id, 'withdrawn', `${s.author.name} withdrew this suggestion`)
  if (s.status !== 'open')
    return skip(s.id, 'decided', `already ${s.status} by ${s.decidedBy?.name ?? 'someone else'}`)
  if (seen && (seen.original !== s.original || seen.replacement !== s.replacement))
    return skip(s.id, 'changed', `${s.author.name} changed this suggestion just now; look at it again`)
  if (decision === 'accept' && resolveSuggestion(draft, s).state !== 'current')
    return skip(s.id, 'outdated', 'the text this suggestion changes has changed since; it cannot be applied')
  return null
}

/**
 * The caller's own earlier decision on a suggestion the comments document still shows open (their client
 * lost the answer, or closed before marking it): answered again, flagged so it is marked but not re-applied.
 */
function repeatedDecision(
  s: SuggestionView,
  recorded: SuggestionDecisionRecord,
  request: { decision: SuggestionDecision; by: { id: string; name: string } },
): DecisionOutcome | null {
  const { decision, decidedBy, decidedAt } = recorded
  if (decision !== request.decision || decidedBy.id !== request.by.id || s.status !== 'open') return null
  return {
    ok: true,
    result: { suggestionId: s.id, decision, decidedBy: request.by, decidedAt, repeated: true },
  }
}

async function decideOne(
  store: Store,
  projectId: string,
  s: SuggestionView,
  decision: SuggestionDecision,
  by: { id: string; name: string },
): Promise<DecisionOutcome> {
  const at = new Date().toISOString()
  // The author's name as their account has it: the one in the comments document is their client's word.
  const author = { id: s.author.id, name: (await store.getUser(s.author.id))?.name ?? s.author.name }
  const outcome = await store.recordSuggestionDecision(
    { projectId, suggestionId: s.id, decision, userId: by.id, at },
    {
      action: decision === 'accept' ? AuditAction.suggestionAccepted : AuditAction.suggestionRejected,
      details: {
        suggestionId: s.id,
        label: s.label,
        original: s.original,
        replacement: s.replacement,
        author,
      },
    },
  )
  if (!outcome.recorded) return recordedIssue(s.id, outcome.existing)
  return { ok: true, result: { suggestionId: s.id, decision, decidedBy: by, decidedAt: at } }
}

/** Decides each of `ids` in order, against one read of the stored comments document and draft. */
export async function decideSuggestions(
  store: Store,
  projectId: string,
  request: {
    ids: string[]
    decision: SuggestionDecision
    by: { id: string; name: string }
    /** For one suggestion: the texts the lead decided on. */
    seen?: SeenTexts
  },
): Promise<DecisionOutcome[]> {
  const comments = (await loadDoc(store, commentsDocName(projectId))).doc
  const draft = (await loadDoc(store, draftDocName(projectId))).doc
  try {
    const byId = new Map(readSuggestions(comments).map((s) => [s.id, s]))
    const outcomes: DecisionOutcome[] = []
    for (const id of request.ids) {
      const s = byId.get(id)
      if (!s) {
        outcomes.push(skip(id, 'unknown', 'no such suggestion'))
        continue
      }
      const recorded = await store.getSuggestionDecision(projectId, id)
      if (recorded) {
        outcomes.push(repeatedDecision(s, recorded, request) ?? recordedIssue(id, recorded))
        continue
      }
      outcomes.push(
        stateIssue(s, request.decision, draft, request.seen) ??
          (await decideOne(store, projectId, s, request.decision, request.by)),
      )
    }
    return outcomes
  } finally {
    comments.destroy()
    draft.destroy()
  }
}

export type WithdrawalOutcome =
  | { ok: true; withdrawnAt: string }
  | { ok: false; status: 403 | 404 | 409; code: string; message: string }

/** Its author takes an open suggestion back, unless a lead decided it first (then 409 with who). */
export async function recordWithdrawal(
  store: Store,
  projectId: string,
  suggestionId: string,
  by: { id: string },
): Promise<WithdrawalOutcome> {
  const comments = (await loadDoc(store, commentsDocName(projectId))).doc
  let s: SuggestionView | undefined
  try {
    s = readSuggestions(comments).find((one) => one.id === suggestionId)
  } finally {
    comments.destroy()
  }
  if (!s) return { ok: false, status: 404, code: 'suggestion_not_found', message: 'no such suggestion' }
  if (s.author.id !== by.id)
    return { ok: false, status: 403, code: 'forbidden', message: 'only its author withdraws a suggestion' }
  const at = new Date().toISOString()
  let holding = await store.getSuggestionDecision(projectId, suggestionId)
  if (!holding) {
    const outcome = await store.recordSuggestionDecision(
      { projectId, suggestionId, decision: 'withdraw', userId: by.id, at },
      null,
    )
    if (outcome.recorded) return { ok: true, withdrawnAt: at }
    holding = outcome.existing
  }
  // Withdrawing twice (a second tab, a retry) is answered like the first time.
  if (holding.decision === 'withdraw') return { ok: true, withdrawnAt: holding.decidedAt }
  const issue = recordedIssue(suggestionId, holding)
  if (issue.ok) throw new Error('a recorded decision gave no reason')
  return { ok: false, status: 409, code: `suggestion_${issue.reason}`, message: issue.message }
}
