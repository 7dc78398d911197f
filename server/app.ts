/**
 * Builds the Hono app from its dependencies (no listening here, so tests can call `app.request()`):
 * the JSON API under /api, the sync websocket under /sync, and the built client for everything else.
 */
import { Hono } from 'hono'
import { ApiFailure, errorResponse } from './http/errors'
import { projectRoutes } from './http/projects'
import { mountStaticClient } from './http/staticClient'
import type { Store } from './storage/store'
import type { RoomRegistry } from './sync/roomRegistry'
import { mountSyncRoute } from './sync/syncRoute'

export interface AppDeps {
  store: Store
  registry: RoomRegistry
  clientDir: string | null
  maxMessageBytes: number
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono()
  app.onError(errorResponse)

  app.get('/healthz', (c) => c.json({ ok: true }))
  app.route('/api/projects', projectRoutes(deps.store))
  app.all('/api/*', (c) => {
    throw new ApiFailure(404, 'not_found', `no route ${c.req.method} ${c.req.path}`)
  })
  // Known API paths with a method they do not support answer 405.
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? c.json({ error: 'not_found', message: `no route ${c.req.method} ${c.req.path}` }, 404)
      : c.text('Not found', 404),
  )
  mountSyncRoute(app, {
    projects: deps.store,
    registry: deps.registry,
    maxMessageBytes: deps.maxMessageBytes,
  })
  if (deps.clientDir) mountStaticClient(app, deps.clientDir)
  return app
}
