/**
 * One client socket of a room: sending with bookkeeping for keep-alive, closing with a logged reason. Frames
 * sent to one connection in the same tick leave in one write (the transport is corked until the tick ends).
 */
import type { Duplex } from 'node:stream'
import type { WebSocket } from 'ws'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { log } from '../log'

export type DocAccess = 'write' | 'read'

/** Who is on the other end: shown with their caret, whatever their client claims. */
export interface ConnectionUser {
  id: string
  name: string
  color: string
  /** The session the socket was opened with (closed when that session ends). */
  sessionId: string
  /**
   * Whether their role lets them edit the project's draft (owner, lead): set when the socket opens and again
   * when their role changes, so a lead demoted to reviewer stops deciding suggestions on open sockets.
   */
  mayEditDraft: boolean
}

let nextConnectionId = 1

export class Connection {
  readonly id = nextConnectionId++
  /** Awareness clientIDs this connection has claimed; nobody else may set or remove them. */
  readonly clientIds = new Set<number>()
  lastSentAt = Date.now()
  alive = true
  closed = false
  /** The client has sent a saveRequest, so it understands Yardstick's save messages (101, 102). */
  speaksSaveProtocol = false
  /** The TCP stream under the websocket, when known: corked while frames of one tick are sent. */
  private transport: Duplex | null = null
  private corked = false

  constructor(
    readonly socket: WebSocket,
    readonly docName: string,
    public access: DocAccess,
    readonly user: ConnectionUser,
  ) {}

  /** Lets sends be batched per tick on the stream the websocket runs over. */
  batchWritesOn(transport: Duplex): void {
    this.transport = transport
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return
    this.lastSentAt = Date.now()
    if (this.transport && !this.corked) {
      const transport = this.transport
      this.corked = true
      transport.cork()
      process.nextTick(() => {
        this.corked = false
        transport.uncork()
      })
    }
    this.socket.send(frame, (error) => {
      if (error) this.close(CloseCode.internalError, CloseReason.sendFailed)
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
