/** Typed calls to the suggestion decision routes: accept or reject one suggestion, or many at once. */
import {
  type BatchDecisionResult,
  BatchDecisionResult as BatchResult,
  type DecisionResult,
  DecisionResult as Result,
  type SuggestionDecision,
} from '../../shared/schema/suggestions'
import { requestJson } from './http'

const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/suggestions`

/** Records the decision on one suggestion (a 409 ApiRequestError says why it could not be decided). */
export function decideSuggestion(
  projectId: string,
  suggestionId: string,
  decision: SuggestionDecision,
): Promise<DecisionResult> {
  return requestJson(`${base(projectId)}/${encodeURIComponent(suggestionId)}/decision`, Result, {
    method: 'POST',
    body: { decision },
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
