/**
 * Typed calls to the suggestion decision routes: accept or reject one suggestion, or many at once, and the
 * author's withdrawal.
 */
import {
  type BatchDecisionResult,
  BatchDecisionResult as BatchResult,
  type DecisionResult,
  DecisionResult as Result,
  type SeenTexts,
  type SuggestionDecision,
  type WithdrawalResult,
  WithdrawalResult as Withdrawn,
} from '../../shared/schema/suggestions'
import { requestJson } from './http'

const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/suggestions`

/**
 * Records the decision on one suggestion as the lead saw it (`seen`); a 409 ApiRequestError says why it could
 * not be decided, e.g. its author changed it a moment ago.
 */
export function decideSuggestion(
  projectId: string,
  suggestionId: string,
  decision: SuggestionDecision,
  seen: SeenTexts,
): Promise<DecisionResult> {
  return requestJson(`${base(projectId)}/${encodeURIComponent(suggestionId)}/decision`, Result, {
    method: 'POST',
    body: { decision, seen },
  })
}

/** Records the author's withdrawal (a 409 says a lead decided it first). */
export function withdrawOwnSuggestion(projectId: string, suggestionId: string): Promise<WithdrawalResult> {
  return requestJson(`${base(projectId)}/${encodeURIComponent(suggestionId)}/withdrawal`, Withdrawn, {
    method: 'POST',
  })
}

/** Records the same decision on many suggestions; those that could not be decided come back as skipped. */
export function decideSuggestions(
  projectId: string,
  ids: string[],
  decision: SuggestionDecision,
): Promise<BatchDecisionResult> {
  return requestJson(`${base(projectId)}/decisions`, BatchResult, { method: 'POST', body: { decision, ids } })
}
