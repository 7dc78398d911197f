/**
 * A live document in memory and the connections editing it. A room loads its stored state before it
 * answers anyone, applies an update only after it is durable, relays it to the other connections (and,
 * with several instances, to the other instances), compacts its log off the hot path, and tells its
 * registry when it is empty and idle so it can be evicted.
 */
import * as Y from 'yjs'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { parseDocName } from '../../shared/protocol/docNames'
import type { DocChannelListener, Fanout } from '../cluster/fanout'
import { log } from '../log'
import type { DocStore } from '../storage/store'
import { type AwarenessOwner, AwarenessState } from './awarenessState'
import { commentsUpdateViolation } from './commentsGuard'
import type { Connection } from './connection'
import type { DurableTarget, Persister } from './persister'
import { fitsDocument, needsUnknown, straddlesDocument } from './updateValidation'
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
  /** The other instances (null when this is the only one). */
  fanout: Fanout | null
}

/** Origin of updates that came from another instance (already durable there). */
const REMOTE = Symbol('remote instance')

/** Merges a stored snapshot and log into one update (what compaction stores as the new snapshot). */
export function mergeStored(snapshot: Uint8Array | null, updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc({ gc: true })
  try {
    doc.transact(() => {
      for (const update of snapshot ? [snapshot, ...updates] : updates) {
        try {
          Y.applyUpdate(doc, update)
        } catch (error) {
          log.error('skipping unreadable stored update while compacting', { error })
        }
      }
    })
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
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
  /** Other instances relaying their clients' presence, by instance id. */
  private readonly remoteOwners = new Map<string, AwarenessOwner>()
  /**
   * Comments documents only: everything accepted so far (durable or still being written), against which
   * each new update is checked (commentsGuard.ts).
   */
  private readonly accepted: Y.Doc | null
  /** Per client, the clock its updates reach, counting updates still queued for writing. */
  private readonly queuedClock = new Map<number, number>()
  /** The whole document encoded, kept until its next change (new clients and compaction share it). */
  private encodedState: Uint8Array | null = null
  /** Messages from other instances that arrived while the room was loading. */
  private remoteBacklog: (() => void)[] | null = []

  constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
  ) {
    const accepted = parseDocName(name)?.kind === 'comments' ? new Y.Doc({ gc: true }) : null
    // What reaches the document from the store or another instance is accepted by definition; updates from
    // this instance's sockets were added when they were accepted (see handle), so they are not applied twice.
    if (accepted)
      this.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === null || origin === REMOTE) Y.applyUpdate(accepted, update)
      })
    this.accepted = accepted
    this.doc.on('update', () => {
      this.encodedState = null
    })
  }

  /** `Y.encodeStateAsUpdate(doc)`, encoded once per version of the document. */
  private fullState(): Uint8Array {
    this.encodedState ??= Y.encodeStateAsUpdate(this.doc)
    return this.encodedState
  }

  /**
   * Loads the stored document; connections that arrived meanwhile are answered afterwards. With other
   * instances it subscribes to the document's channel first, so no update falls between the read and the
   * subscription.
   */
  async load(): Promise<void> {
    if (this.deps.fanout) {
      await this.deps.fanout.join(this.name, this.channelListener)
      this.deps.fanout.publishQueryAwareness(this.name)
    }
    const stored = await this.deps.store.loadDoc(this.name)
    this.doc.transact(() => {
      if (stored.snapshot) this.applyStored(stored.snapshot.data, stored.snapshot.throughSeq)
      for (const update of stored.updates) this.applyStored(update.data, update.seq)
    })
    this.lastSeq = Math.max(stored.snapshot?.throughSeq ?? 0, stored.updates.at(-1)?.seq ?? 0)
    this.updatesSinceSnapshot = stored.updates.length
    this.status = 'ready'
    for (const run of this.remoteBacklog ?? []) run()
    this.remoteBacklog = null
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
    const removed = this.awareness.removeOwner(conn)
    if (removed.length > 0) {
      this.broadcast(encodeAwareness(writeAwarenessUpdate(removed)), null)
      this.deps.fanout?.publishAwareness(this.name, removed)
    }
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
      case 'syncStep1': {
        // A client with nothing (an empty state vector, one zero byte) gets the whole document.
        const empty = message.stateVector.length === 1 && message.stateVector[0] === 0
        conn.send(
          encodeSyncStep2(empty ? this.fullState() : Y.encodeStateAsUpdate(this.doc, message.stateVector)),
        )
        return
      }
      case 'update':
        // Read-only connections: answered, never written (their updates are dropped here).
        if (conn.access !== 'write') return
        if (
          straddlesDocument(this.doc, message.decoded) ||
          needsUnknown(this.doc, message.decoded, (client) => this.queuedClock.get(client) ?? 0)
        ) {
          conn.close(CloseCode.resyncNeeded, CloseReason.resyncNeeded)
          return
        }
        if (!fitsDocument(this.doc, message.decoded)) {
          conn.close(CloseCode.badUpdate, CloseReason.badUpdate)
          return
        }
        if (this.accepted) {
          const violation = commentsUpdateViolation(this.accepted, message.update, conn.user.id)
          if (violation) {
            conn.close(CloseCode.forbidden, violation.slice(0, 120))
            return
          }
          Y.applyUpdate(this.accepted, message.update)
        }
        for (const struct of message.decoded.structs) {
          const end = struct.id.clock + struct.length
          if (end > (this.queuedClock.get(struct.id.client) ?? 0)) this.queuedClock.set(struct.id.client, end)
        }
        this.pendingWrites++
        this.deps.persister.enqueueUpdate(this, conn, message.update)
        return
      case 'awareness': {
        const accepted = this.awareness.apply(
          conn,
          message.entries.map((entry) => withAccountUser(entry, conn)),
        )
        if (accepted.length > 0) {
          this.broadcast(encodeAwareness(writeAwarenessUpdate(accepted)), conn)
          this.deps.fanout?.publishAwareness(this.name, accepted)
        }
        return
      }
      case 'queryAwareness':
        conn.send(encodeAwareness(writeAwarenessUpdate(this.awareness.all())))
        return
      case 'saveRequest':
        conn.speaksSaveProtocol = true
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
    this.deps.fanout?.publishUpdate(this.name, update, seq)
    this.maybeCompact()
  }

  /** What the room does with messages from the other instances. */
  private readonly channelListener: DocChannelListener = {
    update: (update, seq) =>
      this.whenLoaded(() => {
        try {
          Y.applyUpdate(this.doc, update, REMOTE)
        } catch (error) {
          log.error('update from another instance could not be applied', { doc: this.name, seq, error })
          return
        }
        this.updatesSinceSnapshot++
        this.broadcast(encodeUpdate(update), null)
        this.maybeCompact()
      }),
    awareness: (from, entries) =>
      this.whenLoaded(() => {
        let owner = this.remoteOwners.get(from)
        if (!owner) {
          owner = { clientIds: new Set() }
          this.remoteOwners.set(from, owner)
        }
        const accepted = this.awareness.apply(owner, entries)
        if (accepted.length > 0) this.broadcast(encodeAwareness(writeAwarenessUpdate(accepted)), null)
      }),
    resync: () =>
      this.whenLoaded(() => {
        this.resyncFromStore().catch((error) =>
          log.error('re-reading a document failed', { doc: this.name, error }),
        )
      }),
    queryAwareness: () => this.republishAwareness(),
  }

  private whenLoaded(run: () => void): void {
    if (this.status === 'ready') run()
    else if (this.remoteBacklog) this.remoteBacklog.push(run)
  }

  /**
   * Re-reads the stored document and relays whatever it held that this instance had not seen (used after
   * messages between instances may have been lost). Applying known updates again changes nothing.
   */
  async resyncFromStore(): Promise<void> {
    if (this.status !== 'ready') return
    const stored = await this.deps.store.loadDoc(this.name)
    if (this.status !== 'ready') return
    const missed: Uint8Array[] = []
    const collect = (update: Uint8Array) => missed.push(update)
    this.doc.on('update', collect)
    this.doc.transact(() => {
      if (stored.snapshot) this.applyStored(stored.snapshot.data, stored.snapshot.throughSeq)
      for (const update of stored.updates) this.applyStored(update.data, update.seq)
    }, REMOTE)
    this.doc.off('update', collect)
    for (const update of missed) this.broadcast(encodeUpdate(update), null)
    if (missed.length > 0) log.info('caught up from the store', { doc: this.name })
  }

  /** Announces this instance's clients again (after the other instances may have forgotten them). */
  republishAwareness(): void {
    const local: AwarenessEntry[] = []
    for (const conn of this.conns) local.push(...this.awareness.all(conn))
    if (local.length > 0) this.deps.fanout?.publishAwareness(this.name, local)
  }

  /** Drops the presence of clients connected through an instance that has gone. */
  dropInstance(instanceId: string): void {
    const owner = this.remoteOwners.get(instanceId)
    if (!owner) return
    this.remoteOwners.delete(instanceId)
    const removed = this.awareness.removeOwner(owner)
    if (removed.length > 0) this.broadcast(encodeAwareness(writeAwarenessUpdate(removed)), null)
  }

  broadcast(frame: Uint8Array, except: Connection | null): void {
    for (const conn of this.conns) if (conn !== except && !this.waiting.has(conn)) conn.send(frame)
  }

  private maybeCompact(): void {
    if (this.compacting || this.updatesSinceSnapshot < this.deps.compactAfterUpdates) return
    this.compacting = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.compactNow())
  }

  /**
   * Writes a new snapshot and drops the log entries it covers. Alone, the in-memory state is the snapshot.
   * With other instances writing the same document this instance may not have seen all of the log yet, so
   * the snapshot is rebuilt from the store under the store's per-document lock instead.
   */
  async compactNow(): Promise<void> {
    try {
      if (this.status !== 'ready' || this.updatesSinceSnapshot === 0) return
      const throughSeq = this.lastSeq
      const covered = this.updatesSinceSnapshot
      if (this.deps.fanout) await this.deps.store.compactFromLog(this.name, mergeStored)
      else await this.deps.store.compactDoc(this.name, this.fullState(), throughSeq)
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
    this.accepted?.destroy()
    this.deps.fanout?.leave(this.name)
    this.doc.destroy()
  }

  /** Sends every awareness state to a connection (used after reconnects and by tests). */
  awarenessEntries(): AwarenessEntry[] {
    return this.awareness.all()
  }
}
