/**
 * The decision routes for suggested edits (they need `draft.write`: owners and leads): accept or reject one
 * suggestion, answering 404 for an unknown one and 409 (`suggestion_decided`, `suggestion_withdrawn`,
 * `suggestion_outdated`) with a sentence for one that cannot be decided; or many at once (all of a person or
 * a section), answering which were decided and why the others were skipped. Its author withdraws a
 * suggestion through the same record (`draft.comment`), so a withdrawal and a decision never both hold.
 */
import { Hono } from 'hono'
import {
  BatchDecisionBody,
  type BatchDecisionResult,
  DecisionBody,
  type DecisionResult,
  SuggestionId,
  type WithdrawalResult,
} from '../../shared/schema/suggestions'
import { authorize } from '../auth/access'
import { decideSuggestions, recordWithdrawal } from '../suggestions/decide'
import type { AppEnv, RouteDeps } from './env'
import { ApiFailure, methodNotAllowed, readJson } from './errors'

export function suggestionRoutes({ store }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.post('/:id/suggestions/decisions', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'draft.write')
    const body = await readJson(c, BatchDecisionBody)
    const by = { id: auth.user.id, name: auth.user.name }
    const outcomes = await decideSuggestions(store, projectId, { ...body, by })
    const result: BatchDecisionResult = { decided: [], skipped: [] }
    for (const outcome of outcomes) {
      if (outcome.ok) result.decided.push(outcome.result)
      else
        result.skipped.push({
          suggestionId: outcome.suggestionId,
          reason: outcome.reason,
          message: outcome.message,
        })
    }
    return c.json(result)
  })

  app.post('/:id/suggestions/:suggestionId/decision', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'draft.write')
    const suggestionId = c.req.param('suggestionId')
    if (!SuggestionId.safeParse(suggestionId).success)
      throw new ApiFailure(404, 'suggestion_not_found', 'no such suggestion')
    const { decision, seen } = await readJson(c, DecisionBody)
    const by = { id: auth.user.id, name: auth.user.name }
    const [outcome] = await decideSuggestions(store, projectId, { ids: [suggestionId], decision, by, seen })
    if (!outcome) throw new Error('deciding one suggestion gave no outcome')
    if (outcome.ok) return c.json<DecisionResult>(outcome.result)
    if (outcome.reason === 'unknown') throw new ApiFailure(404, 'suggestion_not_found', outcome.message)
    throw new ApiFailure(409, `suggestion_${outcome.reason}`, outcome.message)
  })

  app.post('/:id/suggestions/:suggestionId/withdrawal', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'draft.comment')
    const suggestionId = c.req.param('suggestionId')
    if (!SuggestionId.safeParse(suggestionId).success)
      throw new ApiFailure(404, 'suggestion_not_found', 'no such suggestion')
    const outcome = await recordWithdrawal(store, projectId, suggestionId, { id: auth.user.id })
    if (!outcome.ok) throw new ApiFailure(outcome.status, outcome.code, outcome.message)
    return c.json<WithdrawalResult>({ suggestionId, withdrawnAt: outcome.withdrawnAt })
  })

  app.all('/:id/suggestions/decisions', methodNotAllowed(['POST']))
  app.all('/:id/suggestions/:suggestionId/withdrawal', methodNotAllowed(['POST']))
  app.all('/:id/suggestions/:suggestionId/decision', methodNotAllowed(['POST']))
  return app
}
