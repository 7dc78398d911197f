/**
 * Serves the built client: hashed assets with long-lived caching, and index.html for every other GET
 * that is not an API or sync path (client-side routing).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Env, Hono } from 'hono'

export function mountStaticClient<E extends Env>(app: Hono<E>, clientDir: string): void {
  const indexFile = join(clientDir, 'index.html')
  if (!existsSync(indexFile)) {
    app.get('*', (c) =>
      c.text('The client is not built. Run `npm run build` (or `npm start`, which builds it).', 503),
    )
    return
  }
  const indexHtml = readFileSync(indexFile, 'utf8')
  app.use(
    '/assets/*',
    serveStatic({
      root: clientDir,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable')
      },
    }),
  )
  app.use('*', serveStatic({ root: clientDir, index: 'index.html' }))
  app.get('*', (c) => {
    c.header('Cache-Control', 'no-cache')
    return c.html(indexHtml)
  })
}
