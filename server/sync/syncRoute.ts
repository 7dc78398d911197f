/**
 * Plain HTTP requests to `/sync/<docName>`: the endpoint only speaks websocket, so they get 426. The
 * upgrade itself never reaches Hono; syncUpgrade.ts handles it on the HTTP server's 'upgrade' event.
 */
import type { Env, Hono } from 'hono'
import { SYNC_PATH } from '../../shared/protocol/messages'

export function mountSyncRoute<E extends Env>(app: Hono<E>): void {
  app.get(`${SYNC_PATH}/*`, (c) => {
    c.header('Upgrade', 'websocket')
    return c.json({ error: 'upgrade_required', message: 'this endpoint only speaks websocket' }, 426)
  })
}
