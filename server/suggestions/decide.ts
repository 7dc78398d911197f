/**
 * Deciding suggested edits on the server: each suggestion is read from the stored comments document and
 * checked (known, still open, not withdrawn, and for an accept still current against the stored draft), then
 * the decision is recorded with its audit entry — once per suggestion, so of two leads deciding at the same
 * moment on any instances exactly one succeeds. The lead's client then applies an accepted one to the draft
 * and marks it decided in the comments document (the server never writes either live document).
 */
import type * as Y from 'yjs'
import { commentsDocName, draftDocName } from '../../shared/protocol/docNames'
import { AuditAction } from '../../shared/schema/notices'
import type {
  DecisionResult,
  SkipReason,
  SuggestionDecision,
  SuggestionView,
} from '../../shared/schema/suggestions'
import { resolveSuggestion } from '../../shared/ydoc/suggestionAnchors'
import { readSuggestions } from '../../shared/ydoc/suggestionsDoc'
import type { Store } from '../storage/store'
import { loadDoc } from '../sync/storedDoc'

export type DecisionOutcome =
  | { ok: true; result: DecisionResult }
  | { ok: false; suggestionId: string; reason: SkipReason; message: string }

const PAST: Record<SuggestionDecision, string> = { accept: 'accepted', reject: 'rejected' }

const skip = (suggestionId: string, reason: SkipReason, message: string): DecisionOutcome => ({
  ok: false,
  suggestionId,
  reason,
  message,
})

/** Why a suggestion read from the comments document cannot be decided now (null: it can). */
function stateIssue(s: SuggestionView, decision: SuggestionDecision, draft: Y.Doc): DecisionOutcome | null {
  if (s.status === 'withdrawn') return skip(s.id, 'withdrawn', `${s.author.name} withdrew this suggestion`)
  if (s.status !== 'open')
    return skip(s.id, 'decided', `already ${s.status} by ${s.decidedBy?.name ?? 'someone else'}`)
  if (decision === 'accept' && resolveSuggestion(draft, s).state !== 'current')
    return skip(s.id, 'outdated', 'the text this suggestion changes has changed since; it cannot be applied')
  return null
}

async function decideOne(
  store: Store,
  projectId: string,
  s: SuggestionView,
  decision: SuggestionDecision,
  by: { id: string; name: string },
): Promise<DecisionOutcome> {
  const at = new Date().toISOString()
  const outcome = await store.recordSuggestionDecision(
    { projectId, suggestionId: s.id, decision, userId: by.id, at },
    {
      action: decision === 'accept' ? AuditAction.suggestionAccepted : AuditAction.suggestionRejected,
      details: {
        suggestionId: s.id,
        label: s.label,
        original: s.original,
        replacement: s.replacement,
        author: { id: s.author.id, name: s.author.name },
      },
    },
  )
  if (!outcome.recorded) {
    const { existing } = outcome
    return skip(s.id, 'decided', `already ${PAST[existing.decision]} by ${existing.decidedBy.name}`)
  }
  return { ok: true, result: { suggestionId: s.id, decision, decidedBy: by, decidedAt: at } }
}

/** Decides each of `ids` in order, against one read of the stored comments document and draft. */
export async function decideSuggestions(
  store: Store,
  projectId: string,
  request: { ids: string[]; decision: SuggestionDecision; by: { id: string; name: string } },
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
        const { decision, decidedBy } = recorded
        outcomes.push(skip(id, 'decided', `already ${PAST[decision]} by ${decidedBy.name}`))
        continue
      }
      outcomes.push(
        stateIssue(s, request.decision, draft) ??
          (await decideOne(store, projectId, s, request.decision, request.by)),
      )
    }
    return outcomes
  } finally {
    comments.destroy()
    draft.destroy()
  }
}
