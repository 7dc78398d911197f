/**
 * Every open room, keyed by document name: creates and loads a room on its first connection, evicts it a
 * grace period after its last connection leaves (once its writes are durable), keeps sockets alive, and
 * shuts everything down in order.
 */
import type { WebSocket } from 'ws'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { KEEPALIVE_INTERVAL_MS, PING_INTERVAL_MS } from '../../shared/protocol/messages'
import type { Fanout } from '../cluster/fanout'
import { log } from '../log'
import type { DocStore, GoldEditStore } from '../storage/store'
import { Connection, type ConnectionUser, type DocAccess } from './connection'
import { GoldEditRecorder } from './goldEditAudit'
import { Persister } from './persister'
import { Room } from './room'
import { KEEPALIVE_FRAME } from './wire'

export interface RegistryOptions {
  /** With `recordGoldEdits`, gold changes made in drafts are logged (goldEditAudit.ts). */
  store: DocStore & Partial<Pick<GoldEditStore, 'recordGoldEdits'>>
  roomGraceMs: number
  compactAfterUpdates: number
  /** SYNC_RELAY=before-durable: relay checked updates to this instance's clients before they are written. */
  relayBeforeDurable?: boolean
  /** The other instances sharing the database (null when this is the only one). */
  fanout?: Fanout | null
  /** Documents held in memory at most; connections to another one are refused until rooms are evicted. */
  maxRooms?: number
}

export class RoomRegistry {
  readonly rooms = new Map<string, Room>()
  private readonly roomOf = new Map<Connection, Room>()
  readonly persister: Persister
  /** Writes the gold edit log (null when the store keeps none). */
  readonly goldEdits: GoldEditRecorder | null
  private readonly evictTimers = new Map<Room, NodeJS.Timeout>()
  private readonly heartbeat: NodeJS.Timeout
  private lastPing = Date.now()
  private shuttingDown = false

  constructor(private readonly options: RegistryOptions) {
    this.persister = new Persister(options.store, { relayBeforeDurable: options.relayBeforeDurable ?? false })
    const recordGoldEdits = options.store.recordGoldEdits?.bind(options.store)
    this.goldEdits = recordGoldEdits ? new GoldEditRecorder({ recordGoldEdits }) : null
    this.heartbeat = setInterval(() => this.beat(), KEEPALIVE_INTERVAL_MS / 2)
    this.heartbeat.unref()
  }

  /** Attaches an accepted socket to its document's room. */
  connect(socket: WebSocket, docName: string, access: DocAccess, user: ConnectionUser): Connection {
    const conn = new Connection(socket, docName, access, user)
    if (this.shuttingDown) {
      conn.close(CloseCode.goingAway, CloseReason.goingAway)
      return conn
    }
    const room = this.acquire(docName)
    this.roomOf.set(conn, room)
    room.addConnection(conn)
    socket.on('pong', () => {
      conn.alive = true
    })
    return conn
  }

  /** Whether a connection to `docName` fits: its room is open, or there is room for one more. */
  canOpen(docName: string): boolean {
    return this.rooms.has(docName) || this.rooms.size < (this.options.maxRooms ?? Number.POSITIVE_INFINITY)
  }

  receive(conn: Connection, frame: Uint8Array): void {
    this.roomOf.get(conn)?.receive(conn, frame)
  }

  disconnect(conn: Connection): void {
    conn.closed = true
    const room = this.roomOf.get(conn)
    if (!room) return
    this.roomOf.delete(conn)
    room.removeConnection(conn)
    if (room.conns.size === 0 && this.rooms.get(room.name) === room) this.scheduleEviction(room)
  }

  /**
   * Applies a membership change to a user's open sockets on a document at once: `null` closes them for good
   * (4403); a different access level closes them with 4000 so the client reconnects and learns its new role.
   * Until the close lands, the connection already has the new access (a demoted lead writes nothing more).
   */
  setUserAccess(docName: string, userId: string, access: DocAccess | null): void {
    const room = this.rooms.get(docName)
    if (!room) return
    for (const conn of room.conns) {
      if (conn.user.id !== userId) continue
      if (access === null) conn.close(CloseCode.forbidden, CloseReason.accessRevoked)
      else if (conn.access !== access) {
        conn.access = access
        conn.close(CloseCode.accessChanged, CloseReason.accessChanged)
      }
    }
  }

  /**
   * Applies a role change to what a user's open sockets on a document may decide (suggestions in the
   * comments document): a lead demoted to reviewer stops at once, a reviewer promoted to lead starts.
   */
  setUserMayEditDraft(docName: string, userId: string, mayEditDraft: boolean): void {
    const room = this.rooms.get(docName)
    if (!room) return
    for (const conn of room.conns) if (conn.user.id === userId) conn.user.mayEditDraft = mayEditDraft
  }

  /** Closes every socket opened with a session that has ended (sign-out, or ended from another device). */
  closeSession(sessionId: string): void {
    for (const room of this.rooms.values()) {
      for (const conn of room.conns) {
        if (conn.user.sessionId === sessionId) conn.close(CloseCode.unauthenticated, CloseReason.sessionEnded)
      }
    }
  }

  /**
   * After the link to the other instances was down: tell them to re-read the documents open here, re-read
   * them ourselves, and announce our clients' presence again.
   */
  catchUpAfterOutage(): void {
    for (const room of this.rooms.values()) {
      const relay = room.relay
      if (room.status !== 'ready' || !relay) continue
      relay.publishResync()
      relay.republishAwareness()
      relay
        .resyncFromStore()
        .catch((error) => log.error('re-reading a document failed', { doc: room.name, error }))
    }
  }

  /** Another instance has gone: its clients' presence goes with it. */
  dropInstance(instanceId: string): void {
    for (const room of this.rooms.values()) room.relay?.dropInstance(instanceId)
  }

  stats(): { rooms: number; connections: number } {
    let connections = 0
    for (const room of this.rooms.values()) connections += room.conns.size
    return { rooms: this.rooms.size, connections }
  }

  private acquire(name: string): Room {
    const existing = this.rooms.get(name)
    if (existing) {
      this.cancelEviction(existing)
      return existing
    }
    const room = new Room(name, {
      store: this.options.store,
      persister: this.persister,
      compactAfterUpdates: this.options.compactAfterUpdates,
      fanout: this.options.fanout ?? null,
      goldEdits: this.goldEdits,
    })
    this.rooms.set(name, room)
    room.load().catch((error) => {
      log.error('loading document failed', { doc: name, error })
      room.evict()
      room.status = 'failed'
      if (this.rooms.get(name) === room) this.rooms.delete(name)
      for (const conn of room.conns) {
        conn.close(CloseCode.internalError, CloseReason.internalError)
        this.roomOf.delete(conn)
      }
    })
    return room
  }

  private scheduleEviction(room: Room): void {
    this.cancelEviction(room)
    const timer = setTimeout(() => void this.tryEvict(room), this.options.roomGraceMs)
    timer.unref()
    this.evictTimers.set(room, timer)
  }

  private cancelEviction(room: Room): void {
    const timer = this.evictTimers.get(room)
    if (timer) clearTimeout(timer)
    this.evictTimers.delete(room)
  }

  private async tryEvict(room: Room): Promise<void> {
    this.evictTimers.delete(room)
    if (room.conns.size > 0 || this.rooms.get(room.name) !== room) return
    if (room.status === 'loading') return this.scheduleEviction(room)
    await this.persister.drain()
    await room.compactNow()
    // A client may have joined while we waited for the writes.
    if (room.conns.size > 0 || !room.idle || this.rooms.get(room.name) !== room) {
      if (room.conns.size === 0 && this.rooms.get(room.name) === room) this.scheduleEviction(room)
      return
    }
    this.rooms.delete(room.name)
    room.evict()
  }

  private beat(): void {
    const now = Date.now()
    const ping = now - this.lastPing >= PING_INTERVAL_MS
    if (ping) this.lastPing = now
    for (const room of this.rooms.values()) {
      for (const conn of room.conns) {
        if (ping) {
          if (!conn.alive) {
            log.info('terminating unresponsive connection', { doc: room.name, conn: conn.id })
            conn.socket.terminate()
            continue
          }
          conn.alive = false
          conn.socket.ping()
        }
        if (now - conn.lastSentAt >= KEEPALIVE_INTERVAL_MS) conn.send(KEEPALIVE_FRAME)
      }
    }
  }

  /** Closes every socket with "going away", writes what is queued, compacts, and forgets every room. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true
    clearInterval(this.heartbeat)
    for (const room of this.rooms.values()) {
      for (const conn of room.conns) conn.close(CloseCode.goingAway, CloseReason.goingAway)
    }
    await this.persister.drain()
    for (const room of this.rooms.values()) {
      this.cancelEviction(room)
      await room.settled()
      if (room.status === 'ready') await room.compactNow()
      room.evict()
    }
    this.rooms.clear()
    await this.goldEdits?.close()
  }
}
