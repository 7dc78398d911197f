/**
 * Builds the Hono app from its dependencies (no listening here, so tests can call `app.request()`):
 * the JSON API under /api, the 426 answer for plain GETs of /sync (the websocket upgrade is handled on the
 * HTTP server, see sync/syncUpgrade.ts), and the built client for everything else.
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { isSameOrigin } from './auth/origin'
import { sessionMiddleware } from './auth/sessions'
import { activityRoutes } from './http/activity'
import { annotatorDrilldownRoutes } from './http/annotatorDrilldown'
import { authRoutes } from './http/auth'
import { calibrationRoutes } from './http/calibration'
import { calibrationAnalyticsRoutes } from './http/calibrationAnalytics'
import { commentRoutes } from './http/comments'
import { diffRoutes } from './http/diff'
import { disputeRoutes } from './http/disputes'
import type { AppEnv, RouteDeps } from './http/env'
import { ApiFailure, errorResponse } from './http/errors'
import { goldAuditExportRoutes } from './http/goldAuditExport'
import { goldEditRoutes } from './http/goldEdits'
import { goldExportRoutes } from './http/goldExport'
import { inviteRoutes, projectInviteRoutes } from './http/invites'
import { mediaRoutes } from './http/media'
import { memberRoutes } from './http/members'
import { openApiRoutes } from './http/openapi/route'
import { projectRoutes } from './http/projects'
import { readTokenRoutes } from './http/readTokenRoutes'
import { securityHeaders } from './http/securityHeaders'
import { mountStaticClient } from './http/staticClient'
import { suggestionRoutes } from './http/suggestions'
import { accountRoutes } from './http/users'
import { versionExportRoutes } from './http/versionExports'
import { versionRoutes } from './http/versions'
import { webhookRoutes } from './http/webhooks'
import type { RoomRegistry } from './sync/roomRegistry'
import { mountSyncRoute } from './sync/syncRoute'

export interface AppDeps extends RouteDeps {
  registry: RoomRegistry
  clientDir: string | null
  maxMessageBytes: number
  allowedOrigins: string[]
  /** Throws (with what is wrong) when this instance should not get traffic: database or Redis down. */
  readiness(): Promise<void>
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
/** Every JSON body the API accepts is small; the largest is a calibration answer with its rationale. */
const API_BODY_LIMIT_BYTES = 256 * 1024
const MEDIA_UPLOAD_PATH = /^\/api\/projects\/[^/]+\/media$/

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.onError(errorResponse)
  const originPolicy = { allowedOrigins: deps.allowedOrigins }

  app.use('*', securityHeaders(deps.auth.secureCookies))
  // Liveness: the process answers. Readiness: it can serve (database and Redis answer, not shutting down).
  app.get('/healthz', (c) => c.json({ ok: true }))
  app.get('/readyz', async (c) => {
    try {
      await deps.readiness()
      return c.json({ ok: true })
    } catch (error) {
      return c.json({ ok: false, error: 'not_ready', message: (error as Error).message }, 503)
    }
  })

  // Cross-site state changes are refused whatever the content type (JSON included).
  app.use('/api/*', async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method) && !isSameOrigin(c.req.raw.headers, c.req.url, originPolicy)) {
      throw new ApiFailure(403, 'bad_origin', 'cross-site requests are not allowed')
    }
    await next()
  })
  const jsonBodyLimit = bodyLimit({
    maxSize: API_BODY_LIMIT_BYTES,
    onError: () => {
      throw new ApiFailure(
        413,
        'body_too_large',
        `request bodies are limited to ${API_BODY_LIMIT_BYTES / 1024} KiB`,
      )
    },
  })
  // Media uploads are streamed with their own per-kind limits (http/media.ts), never buffered.
  app.use('/api/*', (c, next) =>
    c.req.method === 'POST' && MEDIA_UPLOAD_PATH.test(c.req.path) ? next() : jsonBodyLimit(c, next),
  )
  app.use('/api/*', sessionMiddleware(deps.store, deps.auth))

  app.route('/api', openApiRoutes())
  app.route('/api', authRoutes(deps))
  app.route('/api/account', accountRoutes(deps))
  app.route('/api/invites', inviteRoutes(deps))
  app.route('/api/projects', projectRoutes(deps))
  app.route('/api/projects', memberRoutes(deps))
  app.route('/api/projects', projectInviteRoutes(deps))
  app.route('/api/projects', versionRoutes(deps))
  app.route('/api/projects', versionExportRoutes(deps))
  app.route('/api/projects', readTokenRoutes(deps))
  app.route('/api/projects', diffRoutes(deps))
  app.route('/api/projects', calibrationRoutes(deps))
  app.route('/api/projects', calibrationAnalyticsRoutes(deps))
  app.route('/api/projects', disputeRoutes(deps))
  app.route('/api/projects', goldAuditExportRoutes(deps))
  app.route('/api/projects', annotatorDrilldownRoutes(deps))
  app.route('/api/projects', commentRoutes(deps))
  app.route('/api/projects', suggestionRoutes(deps))
  app.route('/api/projects', activityRoutes(deps))
  app.route('/api/projects', goldExportRoutes(deps))
  app.route('/api/projects', goldEditRoutes(deps))
  app.route('/api/projects', mediaRoutes(deps))
  app.route('/api/projects', webhookRoutes(deps))
  app.all('/api/*', (c) => {
    throw new ApiFailure(404, 'not_found', `no route ${c.req.method} ${c.req.path}`)
  })

  mountSyncRoute(app)
  if (deps.clientDir) mountStaticClient(app, deps.clientDir)
  return app
}
