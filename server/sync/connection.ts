/** One client socket of a room: sending with bookkeeping for keep-alive, closing with a logged reason. */
import type { WebSocket } from 'ws'
import { log } from '../log'

export type DocAccess = 'write' | 'read'

/** Who is on the other end: shown with their caret, whatever their client claims. */
export interface ConnectionUser {
  id: string
  name: string
  color: string
  /** The session the socket was opened with (closed when that session ends). */
  sessionId: string
}

let nextConnectionId = 1

export class Connection {
  readonly id = nextConnectionId++
  /** Awareness clientIDs this connection has claimed; nobody else may set or remove them. */
  readonly clientIds = new Set<number>()
  lastSentAt = Date.now()
  alive = true
  closed = false

  constructor(
    readonly socket: WebSocket,
    readonly docName: string,
    public access: DocAccess,
    readonly user: ConnectionUser,
  ) {}

  send(frame: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return
    this.lastSentAt = Date.now()
    this.socket.send(frame, (error) => {
      if (error) this.close(1011, 'send failed')
    })
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    if (code >= 4000) log.warn('sync connection refused', { doc: this.docName, conn: this.id, code, reason })
    try {
      this.socket.close(code, reason)
    } catch {
      this.socket.terminate()
    }
  }
}
