/**
 * Per-project read tokens for tools: owners and leads create (shown once, optionally with the `gold` scope),
 * list and revoke them.
 */
import { Hono } from 'hono'
import { CreateReadTokenBody, type ReadToken } from '../../shared/schema/version'
import { authorize } from '../auth/access'
import { hashToken, newId, randomToken } from '../auth/tokens'
import type { AppEnv, RouteDeps } from './env'
import { methodNotAllowed, notFound, readJson } from './errors'

export function readTokenRoutes({ store }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/:id/tokens', async (c) => {
    await authorize(c, store, c.req.param('id'), 'tokens.manage')
    const tokens: ReadToken[] = await store.listReadTokens(c.req.param('id'))
    return c.json({ tokens })
  })

  app.post('/:id/tokens', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'tokens.manage')
    const body = await readJson(c, CreateReadTokenBody)
    const token = `ys_${randomToken(32)}`
    const id = newId()
    await store.createReadToken({
      id,
      projectId,
      name: body.name,
      tokenHash: hashToken(token),
      createdBy: auth.user.id,
      scopes: [...new Set(body.scopes ?? [])],
    })
    await store.appendAudit({
      projectId,
      actorId: auth.user.id,
      action: 'token.created',
      details: { tokenId: id, name: body.name, scopes: body.scopes ?? [] },
    })
    const created = (await store.listReadTokens(projectId)).find((t) => t.id === id)!
    return c.json({ ...created, token }, 201)
  })

  app.delete('/:id/tokens/:tokenId', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'tokens.manage')
    if (!(await store.revokeReadToken(projectId, c.req.param('tokenId')))) throw notFound('token')
    await store.appendAudit({
      projectId,
      actorId: auth.user.id,
      action: 'token.revoked',
      details: { tokenId: c.req.param('tokenId') },
    })
    return c.body(null, 204)
  })

  app.all('/:id/tokens', methodNotAllowed(['GET', 'POST']))
  app.all('/:id/tokens/:tokenId', methodNotAllowed(['DELETE']))
  return app
}
