/**
 * The decision routes for suggested edits (they need `draft.write`: owners and leads): accept or reject one
 * suggestion, answering 404 for an unknown one and 409 (`suggestion_decided`, `suggestion_withdrawn`,
 * `suggestion_outdated`) with a sentence for one that cannot be decided; or many at once (all of a person or
 * a section), answering which were decided and why the others were skipped.
 */
import { Hono } from 'hono'
import {
  BatchDecisionBody,
  type BatchDecisionResult,
  DecisionBody,
  type DecisionResult,
} from '../../shared/schema/suggestions'
import { authorize } from '../auth/access'
import { decideSuggestions } from '../suggestions/decide'
import type { AppEnv, RouteDeps } from './env'
import { ApiFailure, methodNotAllowed, readJson } from './errors'

const SUGGESTION_ID = /^[A-Za-z0-9_-]{1,64}$/

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
    if (!SUGGESTION_ID.test(suggestionId))
      throw new ApiFailure(404, 'suggestion_not_found', 'no such suggestion')
    const { decision } = await readJson(c, DecisionBody)
    const by = { id: auth.user.id, name: auth.user.name }
    const [outcome] = await decideSuggestions(store, projectId, { ids: [suggestionId], decision, by })
    if (!outcome) throw new Error('deciding one suggestion gave no outcome')
    if (outcome.ok) return c.json<DecisionResult>(outcome.result)
    if (outcome.reason === 'unknown') throw new ApiFailure(404, 'suggestion_not_found', outcome.message)
    throw new ApiFailure(409, `suggestion_${outcome.reason}`, outcome.message)
  })

  app.all('/:id/suggestions/decisions', methodNotAllowed(['POST']))
  app.all('/:id/suggestions/:suggestionId/decision', methodNotAllowed(['POST']))
  return app
}
