/**
 * The gold edit log route (owners and leads): `GET /:id/gold-edits?exampleId=…&limit=…` lists who changed
 * which example's gold in the draft, most recent first (recorded by server/sync/goldEditAudit.ts).
 */
import { Hono } from 'hono'
import { isValidProjectId } from '../../shared/protocol/docNames'
import { slotCriterionId } from '../../shared/rubric/taskTypes'
import { EXAMPLE_ID_PATTERN, GOLD_EDIT_LIST_MAX, type GoldEditList } from '../../shared/schema/goldEditLog'
import { authorize } from '../auth/access'
import type { AppEnv, RouteDeps } from './env'
import { ApiFailure, methodNotAllowed } from './errors'

function readLimit(value: string | undefined): number {
  if (value === undefined) return GOLD_EDIT_LIST_MAX
  const n = /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN
  if (!(n >= 1 && n <= GOLD_EDIT_LIST_MAX))
    throw new ApiFailure(400, 'invalid_query', `limit must be a whole number from 1 to ${GOLD_EDIT_LIST_MAX}`)
  return n
}

export function goldEditRoutes({ store }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/:id/gold-edits', async (c) => {
    const projectId = c.req.param('id')
    if (!isValidProjectId(projectId)) throw new ApiFailure(400, 'invalid_id', 'not a project id')
    const exampleId = c.req.query('exampleId')
    if (exampleId !== undefined && !EXAMPLE_ID_PATTERN.test(exampleId))
      throw new ApiFailure(400, 'invalid_query', 'exampleId is not an example id')
    const limit = readLimit(c.req.query('limit'))
    await authorize(c, store, projectId, 'audit.view')
    const records = await store.listGoldEdits(projectId, { exampleId, limit })
    return c.json<GoldEditList>({
      edits: records.map((r) => ({
        id: r.id,
        exampleId: r.exampleId,
        userId: r.userId,
        userName: r.userName,
        firstAt: r.firstAt,
        lastAt: r.lastAt,
        changes: r.changes.map((change) => ({ ...change, criterionId: slotCriterionId(change.slot) })),
      })),
    })
  })

  app.all('/:id/gold-edits', methodNotAllowed(['GET']))
  return app
}
