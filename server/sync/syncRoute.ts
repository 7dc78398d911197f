/**
 * The `/sync/<docName>` websocket endpoint. Refusals happen after the upgrade, as a close code from
 * shared/protocol (an HTTP error before the upgrade makes the stock client retry forever).
 */
import { upgradeWebSocket } from '@hono/node-server'
import type { Env, Hono } from 'hono'
import type { WebSocket } from 'ws'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { SYNC_PATH } from '../../shared/protocol/messages'
import { resolveDocAccess } from '../auth/docAccess'
import type { OriginPolicy } from '../auth/origin'
import type { SessionConfig } from '../auth/sessions'
import { log } from '../log'
import type { AccountStore, ProjectStore } from '../storage/store'
import type { Connection } from './connection'
import type { RoomRegistry } from './roomRegistry'

export interface SyncRouteDeps {
  store: AccountStore & ProjectStore
  access: SessionConfig & OriginPolicy
  registry: RoomRegistry
  maxMessageBytes: number
}

function docNameOf(path: string): string {
  try {
    return decodeURIComponent(path.slice(SYNC_PATH.length + 1))
  } catch {
    return ''
  }
}

export function mountSyncRoute<E extends Env>(app: Hono<E>, deps: SyncRouteDeps): void {
  app.get(`${SYNC_PATH}/*`, async (c, next) => {
    if (c.req.header('upgrade')?.toLowerCase() === 'websocket') return next()
    c.header('Upgrade', 'websocket')
    return c.json({ error: 'upgrade_required', message: 'this endpoint only speaks websocket' }, 426)
  })
  app.get(
    `${SYNC_PATH}/*`,
    upgradeWebSocket(async (c) => {
      const docName = docNameOf(c.req.path)
      const decision = await resolveDocAccess(deps.store, docName, c.req.raw, deps.access)
      let conn: Connection | null = null
      return {
        onOpen(_event, ws) {
          const socket = ws.raw as WebSocket
          if ('refuse' in decision) {
            log.warn('sync connection refused', { doc: docName, ...decision.refuse })
            socket.close(decision.refuse.code, decision.refuse.reason)
            return
          }
          conn = deps.registry.connect(socket, docName, decision.access, decision.user)
        },
        onMessage(event) {
          if (!conn || conn.closed) return
          const data = event.data
          if (typeof data === 'string') return conn.close(CloseCode.badMessage, CloseReason.textFrame)
          const frame = new Uint8Array(data as ArrayBuffer)
          if (frame.byteLength > deps.maxMessageBytes) {
            return conn.close(CloseCode.messageTooLarge, CloseReason.messageTooLarge)
          }
          deps.registry.receive(conn, frame)
        },
        onClose() {
          if (conn) deps.registry.disconnect(conn)
        },
        onError(event) {
          log.warn('sync socket error', { doc: docName, conn: conn?.id, error: String(event.type) })
        },
      }
    }),
  )
}
