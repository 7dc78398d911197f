/** OpenAPI declarations of the decision routes for suggested edits (server/http/suggestions.ts). */
import {
  BatchDecisionBody,
  BatchDecisionResult,
  DecisionBody,
  DecisionResult,
} from '../../../../shared/schema/suggestions'
import type { Operation } from '../operation'

const NOT_LEAD = 'Only owners and leads decide suggestions (`forbidden`), or a cross-site request'

export const suggestionOperations: Operation[] = [
  {
    method: 'post',
    path: '/api/projects/{id}/suggestions/{suggestionId}/decision',
    tag: 'suggestions',
    summary: 'Accept or reject one suggested edit (owners and leads)',
    description:
      'Records the decision once: of two leads deciding the same suggestion at once, one gets 200 and the other 409 `suggestion_decided`. An accept is refused while the text the suggestion changes differs from its original in the stored draft. On 200 the client applies an accepted suggestion to the draft and marks it decided in the comments document.',
    auth: 'session',
    body: DecisionBody,
    responses: { 200: DecisionResult },
    errors: {
      403: NOT_LEAD,
      404: 'No such project, or no such suggestion (`suggestion_not_found`)',
      409: 'Already decided (`suggestion_decided`, "already accepted by Bob Lead"), withdrawn by its author (`suggestion_withdrawn`), or — for an accept — the text it changes has changed since (`suggestion_outdated`)',
    },
  },
  {
    method: 'post',
    path: '/api/projects/{id}/suggestions/decisions',
    tag: 'suggestions',
    summary: 'Accept or reject many suggested edits at once (all of a person or a section)',
    description:
      'Decides each id in order as the single-suggestion route does; the answer lists the decided ones and, for each other one, why it was skipped (`unknown`, `decided`, `withdrawn`, `outdated`).',
    auth: 'session',
    body: BatchDecisionBody,
    responses: { 200: BatchDecisionResult },
    errors: { 403: NOT_LEAD, 404: 'No such project, or the caller is not a member of it (`not_found`)' },
  },
]
