/**
 * `GET /api/openapi.json`: the OpenAPI document, public (it says what the API is, nothing about anyone's data;
 * readable cross-origin too), built once per process and served with an ETag so clients revalidate cheaply.
 */
import { createHash } from 'node:crypto'
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { methodNotAllowed } from '../errors'
import { buildOpenApiDocument } from './document'

let built: { body: string; etag: string } | null = null

function documentBody(): { body: string; etag: string } {
  if (!built) {
    const body = JSON.stringify(buildOpenApiDocument())
    built = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` }
  }
  return built
}

export function openApiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.get('/openapi.json', (c) => {
    const { body, etag } = documentBody()
    c.header('ETag', etag)
    c.header('Cache-Control', 'public, max-age=300')
    // Nothing in it is private: OpenAPI tools on other origins (an online editor) may fetch it by URL.
    c.header('Access-Control-Allow-Origin', '*')
    const match = c.req.header('if-none-match')
    if (match?.split(',').some((tag) => tag.trim() === etag)) return c.body(null, 304)
    c.header('Content-Type', 'application/json; charset=utf-8')
    return c.body(body)
  })
  app.all('/openapi.json', methodNotAllowed(['GET']))
  return app
}
