/**
 * Message types of the sync websocket, declared once for client and server.
 *
 * Wire format (every frame is binary, lib0 encoding): `varUint messageType` followed by the payload.
 * - 0 sync:            y-protocols sync message (SyncStep1 | SyncStep2 | Update), Yjs V1 encoding only.
 * - 1 awareness:       `varUint8Array awarenessUpdate` (y-protocols awareness encoding).
 * - 2 auth:            y-protocols auth message (server → client only, permission denied).
 * - 3 queryAwareness:  no payload; the server answers with every known awareness state.
 * - 100 saveRequest:   Yardstick extension, client → server: `varUint requestId`. Asks the server to confirm
 *                      once every update this connection sent before it is durable.
 * - 101 saved:         Yardstick extension, server → client: `varUint requestId`, sent only in reply to a
 *                      saveRequest, so the stock y-websocket client never receives a type it does not know.
 * - 102 notSaved:      Yardstick extension, server → client, no payload: writing this connection's updates
 *                      failed (database error, disk full). The server keeps them queued and retries; a later
 *                      `saved` means they are durable. Sent only to connections that have sent a saveRequest.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  saveRequest: 100,
  saved: 101,
  notSaved: 102,
} as const

export type MessageType = (typeof MessageType)[keyof typeof MessageType]

/** Path prefix of the sync endpoint: `/sync/<docName>`. */
export const SYNC_PATH = '/sync'

/** The server closes and forgets a socket that has not answered a ping for this long. */
export const PING_INTERVAL_MS = 15_000

/**
 * The stock y-websocket client reconnects when it has received nothing for 30 s; the server sends an empty
 * awareness update to a connection that has been sent nothing for this long.
 */
export const KEEPALIVE_INTERVAL_MS = 10_000
