/**
 * A live document in memory and the connections editing it. A room loads its stored state before it
 * answers anyone, applies an update only after it is durable, relays it to the other connections, compacts
 * its log off the hot path, and tells its registry when it is empty and idle so it can be evicted.
 */
import * as Y from 'yjs'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { log } from '../log'
import type { DocStore } from '../storage/store'
import { AwarenessState } from './awarenessState'
import type { Connection } from './connection'
import type { DurableTarget, Persister } from './persister'
import { fitsDocument } from './updateValidation'
import {
  type AwarenessEntry,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  ProtocolError,
  readClientMessage,
  writeAwarenessUpdate,
} from './wire'

/** Replaces whatever user a client claims in its awareness state with the account behind the connection. */
function withAccountUser(entry: AwarenessEntry, conn: Connection): AwarenessEntry {
  if (entry.state === 'null') return entry
  const state = JSON.parse(entry.state) as unknown
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return { ...entry, state: 'null' }
  const user = { id: conn.user.id, name: conn.user.name, color: conn.user.color }
  return { ...entry, state: JSON.stringify({ ...state, user }) }
}

export interface RoomDeps {
  store: DocStore
  persister: Persister
  compactAfterUpdates: number
}

export type RoomStatus = 'loading' | 'ready' | 'failed' | 'evicted'

export class Room implements DurableTarget {
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness = new AwarenessState()
  readonly conns = new Set<Connection>()
  status: RoomStatus = 'loading'
  /** Highest durable seq applied to `doc`. */
  lastSeq = 0
  /** Updates in the store after the snapshot. */
  updatesSinceSnapshot = 0
  /** Updates queued for writing but not yet applied. */
  pendingWrites = 0
  private compacting: Promise<void> | null = null
  private readonly waiting = new Map<Connection, Uint8Array[]>()

  constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
  ) {}

  /** Loads the stored document; connections that arrived meanwhile are answered afterwards. */
  async load(): Promise<void> {
    const stored = await this.deps.store.loadDoc(this.name)
    this.doc.transact(() => {
      if (stored.snapshot) this.applyStored(stored.snapshot.data, stored.snapshot.throughSeq)
      for (const update of stored.updates) this.applyStored(update.data, update.seq)
    })
    this.lastSeq = Math.max(stored.snapshot?.throughSeq ?? 0, stored.updates.at(-1)?.seq ?? 0)
    this.updatesSinceSnapshot = stored.updates.length
    this.status = 'ready'
    for (const [conn, frames] of this.waiting) {
      this.greet(conn)
      for (const frame of frames) this.handle(conn, frame)
    }
    this.waiting.clear()
    this.maybeCompact()
  }

  private applyStored(update: Uint8Array, seq: number): void {
    try {
      Y.applyUpdate(this.doc, update)
    } catch (error) {
      log.error('skipping unreadable stored update', { doc: this.name, seq, error })
    }
  }

  addConnection(conn: Connection): void {
    this.conns.add(conn)
    if (this.status === 'ready') this.greet(conn)
    else this.waiting.set(conn, [])
  }

  removeConnection(conn: Connection): void {
    if (!this.conns.delete(conn)) return
    this.waiting.delete(conn)
    const removed = this.awareness.removeConnection(conn)
    if (removed.length > 0) this.broadcast(encodeAwareness(writeAwarenessUpdate(removed)), null)
  }

  /** Whether the room can be dropped from memory without losing anything. */
  get idle(): boolean {
    return this.conns.size === 0 && this.pendingWrites === 0 && this.compacting === null
  }

  receive(conn: Connection, frame: Uint8Array): void {
    const queued = this.waiting.get(conn)
    if (queued) queued.push(frame)
    else if (this.status === 'ready') this.handle(conn, frame)
  }

  private greet(conn: Connection): void {
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    if (this.awareness.size > 0) conn.send(encodeAwareness(writeAwarenessUpdate(this.awareness.all())))
  }

  private handle(conn: Connection, frame: Uint8Array): void {
    if (conn.closed) return
    let message: ReturnType<typeof readClientMessage>
    try {
      message = readClientMessage(frame)
    } catch (error) {
      if (error instanceof ProtocolError) conn.close(error.code, error.reason)
      else conn.close(1011, 'internal error')
      return
    }
    switch (message.kind) {
      case 'syncStep1':
        conn.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)))
        return
      case 'update':
        // Read-only connections: answered, never written (their updates are dropped here).
        if (conn.access !== 'write') return
        if (!fitsDocument(this.doc, message.decoded)) {
          conn.close(CloseCode.badUpdate, CloseReason.badUpdate)
          return
        }
        this.pendingWrites++
        this.deps.persister.enqueueUpdate(this, conn, message.update)
        return
      case 'awareness': {
        const accepted = this.awareness.apply(
          conn,
          message.entries.map((entry) => withAccountUser(entry, conn)),
        )
        if (accepted.length > 0) this.broadcast(encodeAwareness(writeAwarenessUpdate(accepted)), conn)
        return
      }
      case 'queryAwareness':
        conn.send(encodeAwareness(writeAwarenessUpdate(this.awareness.all())))
        return
      case 'saveRequest':
        if (conn.access === 'write') this.deps.persister.enqueueSaved(conn, message.id)
        return
    }
  }

  /** Called by the persister once `update` is durable with sequence number `seq`. */
  applyDurable(origin: Connection, update: Uint8Array, seq: number): void {
    this.pendingWrites--
    try {
      Y.applyUpdate(this.doc, update, origin)
    } catch (error) {
      log.error('stored update could not be applied', { doc: this.name, seq, error })
    }
    this.lastSeq = seq
    this.updatesSinceSnapshot++
    this.broadcast(encodeUpdate(update), origin)
    this.maybeCompact()
  }

  broadcast(frame: Uint8Array, except: Connection | null): void {
    for (const conn of this.conns) if (conn !== except && !this.waiting.has(conn)) conn.send(frame)
  }

  private maybeCompact(): void {
    if (this.compacting || this.updatesSinceSnapshot < this.deps.compactAfterUpdates) return
    this.compacting = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.compactNow())
  }

  /** Writes the in-memory state as the new snapshot and drops the log entries it covers. */
  async compactNow(): Promise<void> {
    try {
      if (this.status !== 'ready' || this.updatesSinceSnapshot === 0) return
      const throughSeq = this.lastSeq
      const covered = this.updatesSinceSnapshot
      const snapshot = Y.encodeStateAsUpdate(this.doc)
      await this.deps.store.compactDoc(this.name, snapshot, throughSeq)
      this.updatesSinceSnapshot -= covered
    } catch (error) {
      log.error('compaction failed', { doc: this.name, error })
    } finally {
      this.compacting = null
    }
  }

  /** Waits for an in-flight compaction. */
  async settled(): Promise<void> {
    await this.compacting
  }

  evict(): void {
    this.status = 'evicted'
    this.doc.destroy()
  }

  /** Sends every awareness state to a connection (used after reconnects and by tests). */
  awarenessEntries(): AwarenessEntry[] {
    return this.awareness.all()
  }
}
