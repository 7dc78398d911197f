/**
 * The `/sync/<docName>` websocket upgrade, handled on the Node HTTP server's 'upgrade' event with `ws`
 * directly: the access decision (session cookie, Origin, role) comes first, then the handshake, then either
 * the room or a close code from shared/protocol (an HTTP error before the upgrade makes the stock client
 * retry forever). Nothing of the HTTP request outlives the handshake, and frames reach the room as they
 * arrive. Plain GETs of /sync are answered by syncRoute.ts.
 */
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocket, WebSocketServer } from 'ws'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { SYNC_PATH } from '../../shared/protocol/messages'
import { type HeaderReader, resolveDocAccess } from '../auth/docAccess'
import type { OriginPolicy } from '../auth/origin'
import { clientAddress, type UpgradeLimiter } from '../auth/rateLimit'
import type { SessionConfig } from '../auth/sessions'
import { log } from '../log'
import type { RefusalLog } from '../refusalLog'
import type { AccountStore, ProjectStore } from '../storage/store'
import type { Connection } from './connection'
import type { RoomRegistry } from './roomRegistry'
import { ConnectionCounts, MessageRate, type Refusal, type SyncLimitConfig } from './syncLimits'

export interface SyncUpgradeDeps {
  store: AccountStore & ProjectStore
  access: SessionConfig & OriginPolicy
  registry: RoomRegistry
  maxMessageBytes: number
  limits: SyncLimitConfig
  /** Behind a reverse proxy: the client address is the last one in X-Forwarded-For. */
  trustProxy: boolean
  /** The upgrade budget per client address (shared between instances through Redis). */
  upgradeLimiter: UpgradeLimiter
  /** Where refusals are counted (one line per address and reason per interval). */
  refusals: RefusalLog
}

/** Reasons of refusals answered before the handshake (for the refusal log; the 429 body says the same). */
export const UpgradeRefusal = {
  tooManyUpgrades: 'too many connection attempts',
  notWebsocket: 'not a websocket upgrade',
  notSyncPath: 'no websocket endpoint here',
  socketError: 'websocket protocol error',
} as const

/** The document name of a `/sync/<name>` path (percent-decoded; '' when it cannot be decoded). */
export function docNameOfPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname.slice(SYNC_PATH.length + 1))
  } catch {
    return ''
  }
}

function headerReader(request: IncomingMessage): HeaderReader {
  return {
    get(name) {
      const value = request.headers[name.toLowerCase()]
      return (Array.isArray(value) ? value[0] : value) ?? null
    },
  }
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 429: 'Too Many Requests' }

function refuseUpgrade(socket: Duplex, status: number): void {
  if (socket.destroyed) return
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\n\r\n`)
}

/** 429 with Retry-After and the API's `{error, message}` body: the stock client retries with backoff. */
function refuseTooMany(socket: Duplex, retryAfter: number): void {
  if (socket.destroyed) return
  const body = JSON.stringify({
    error: 'rate_limited',
    message: `${UpgradeRefusal.tooManyUpgrades} from your address; try again in ${retryAfter} s`,
  })
  socket.end(
    `HTTP/1.1 429 ${STATUS_TEXT[429]}\r\nRetry-After: ${retryAfter}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}

/** Routes websocket upgrades on `server`: `/sync/*` to the rooms, anything else refused with 404. */
export function handleSyncUpgrades(server: Server, wss: WebSocketServer, deps: SyncUpgradeDeps): void {
  const counts = new ConnectionCounts(deps.limits)
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    void upgrade(wss, deps, counts, request, socket, head).catch((error) => {
      log.error('sync upgrade failed', { error })
      refuseUpgrade(socket, 400)
    })
  })
  server.on('close', () => wss.close())
}

async function upgrade(
  wss: WebSocketServer,
  deps: SyncUpgradeDeps,
  counts: ConnectionCounts,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  const ignoreError = () => {}
  socket.on('error', ignoreError)
  const target = request.url ?? '/'
  const pathname = target.split('?', 1)[0]!
  const address = clientAddress(
    headerReader(request).get('x-forwarded-for') ?? undefined,
    request.socket.remoteAddress,
    deps.trustProxy,
  )
  // The budget comes first, so a flood costs one counter each and reaches neither the database nor `ws`.
  const retryAfter = await deps.upgradeLimiter.admit(address)
  if (socket.destroyed) return
  if (retryAfter !== null) {
    deps.refusals.record(address, UpgradeRefusal.tooManyUpgrades, { code: 429, target: pathname })
    return refuseTooMany(socket, retryAfter)
  }
  if (request.headers.upgrade?.toLowerCase() !== 'websocket') {
    deps.refusals.record(address, UpgradeRefusal.notWebsocket, { code: 400, target: pathname })
    return refuseUpgrade(socket, 400)
  }
  if (pathname !== SYNC_PATH && !pathname.startsWith(`${SYNC_PATH}/`)) {
    deps.refusals.record(address, UpgradeRefusal.notSyncPath, { code: 404, target: pathname })
    return refuseUpgrade(socket, 404)
  }

  const docName = docNameOfPath(pathname)
  const scheme = (socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'
  const url = `${scheme}://${request.headers.host ?? 'localhost'}${pathname}`
  const decision = await resolveDocAccess(
    deps.store,
    docName,
    { headers: headerReader(request), url },
    deps.access,
  )
  if (socket.destroyed) return

  let refusal: Refusal | null = 'refuse' in decision ? decision.refuse : null
  let release = () => {}
  if ('refuse' in decision) {
    // No session, wrong origin, no such document, no access: probing costs more of the budget.
    deps.upgradeLimiter
      .charge(address)
      .catch((error) => log.debug('could not charge a refused upgrade', { error: String(error) }))
  } else {
    const admitted = counts.admit(decision.user.id, address)
    if ('refuse' in admitted) refusal = admitted.refuse
    else release = admitted.release
    if (!refusal && !deps.registry.canOpen(docName)) {
      release()
      refusal = { code: CloseCode.tryAgainLater, reason: CloseReason.tooManyRooms }
    }
  }

  wss.handleUpgrade(request, socket, head, (ws) => {
    socket.off('error', ignoreError)
    if (refusal || 'refuse' in decision) {
      const { code, reason } = refusal ?? { code: CloseCode.internalError, reason: CloseReason.internalError }
      ws.on('error', ignoreError)
      deps.refusals.record(address, reason, { code, target: docName })
      ws.close(code, reason)
      return
    }
    const conn = deps.registry.connect(ws, docName, decision.access, decision.user)
    conn.batchWritesOn(socket)
    ws.once('close', release)
    attach(ws, conn, address, deps)
  })
}

function attach(ws: WebSocket, conn: Connection, address: string, deps: SyncUpgradeDeps): void {
  const rate = new MessageRate(deps.limits.messagesPerSecond, deps.limits.messageBurst)
  ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
    if (conn.closed) return
    if (!rate.allow()) return conn.close(CloseCode.rateLimited, CloseReason.tooManyMessages)
    if (!isBinary) return conn.close(CloseCode.badMessage, CloseReason.textFrame)
    let frame = toBytes(data)
    if (frame.byteLength > deps.maxMessageBytes) {
      return conn.close(CloseCode.messageTooLarge, CloseReason.messageTooLarge)
    }
    // A frame that is a small view into a larger socket buffer would keep all of it alive while queued.
    if (frame.byteLength < frame.buffer.byteLength / 2) frame = new Uint8Array(frame)
    deps.registry.receive(conn, frame)
  })
  ws.on('close', () => deps.registry.disconnect(conn))
  // Broken frames (bad opcode, oversized, invalid UTF-8): `ws` closes the socket; count it, one line per
  // address per interval. The detail goes to debug, where it cannot fill the disk by default.
  ws.on('error', (error) => {
    deps.refusals.record(address, UpgradeRefusal.socketError, { target: conn.docName })
    log.debug('sync socket error', { doc: conn.docName, conn: conn.id, error: String(error) })
  })
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return data
}
