/**
 * Dispute routes: an annotator disputes a gold value of a submitted attempt; everyone lists theirs (owners
 * and leads list all); owners and leads resolve one with a reply and an outcome. The rules live in
 * server/calibration/disputes.ts.
 */
import { Hono } from 'hono'
import { can } from '../../shared/auth/permissions'
import { CreateDisputeBody, type Dispute, ResolveDisputeBody } from '../../shared/schema/calibration'
import { authorize } from '../auth/access'
import { openDispute, resolveDispute, toDispute } from '../calibration/disputes'
import type { AppEnv, RouteDeps } from './env'
import { methodNotAllowed, readJson } from './errors'

export function disputeRoutes({ store }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.post('/:id/calibration/disputes', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'calibration.take')
    const body = await readJson(c, CreateDisputeBody)
    return c.json<Dispute>(await openDispute(store, projectId, auth.user.id, body), 201)
  })

  app.get('/:id/calibration/disputes', async (c) => {
    const projectId = c.req.param('id')
    const { auth, role } = await authorize(c, store, projectId, 'calibration.take')
    const disputes = await store.listDisputes(
      projectId,
      can(role, 'calibration.manage') ? undefined : auth.user.id,
    )
    return c.json({ disputes: disputes.map(toDispute) })
  })

  app.post('/:id/calibration/disputes/:disputeId/resolve', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'calibration.manage')
    const body = await readJson(c, ResolveDisputeBody)
    await resolveDispute(store, projectId, c.req.param('disputeId'), body, auth.user.id)
    return c.body(null, 204)
  })

  app.all('/:id/calibration/disputes', methodNotAllowed(['GET', 'POST']))
  app.all('/:id/calibration/disputes/:disputeId/resolve', methodNotAllowed(['POST']))
  return app
}
