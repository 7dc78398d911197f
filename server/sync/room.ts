/**
 * A live document in memory and the connections editing it. A room loads its stored state before it
 * answers anyone, checks each update by its document kind's rule, applies an update only after it is
 * durable (unless SYNC_RELAY=before-durable, then as soon as it is checked), relays it to the other
 * connections (and, once durable, through its RoomRelay to the other instances),
 * compacts its log off the hot path, and tells its registry when it is empty and idle so it can be evicted.
 */
import * as Y from 'yjs'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { parseDocName } from '../../shared/protocol/docNames'
import type { Fanout } from '../cluster/fanout'
import { RoomRelay } from '../cluster/roomRelay'
import { log } from '../log'
import type { DocStore } from '../storage/store'
import { AwarenessState } from './awarenessState'
import { ClientIdOwners, writerIds } from './clientIdOwners'
import { Connection } from './connection'
import { type GoldEditSink, GoldEditWatcher } from './goldEditAudit'
import type { DurableTarget, Persister } from './persister'
import { loadDoc, mergeStored } from './storedDoc'
import { syncStages } from './syncStages'
import { guardFor, type UpdateGuard } from './updateGuard'
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
  /** Where a draft room reports gold changes made through its sockets (goldEditAudit.ts); none: not logged. */
  goldEdits?: GoldEditSink | null
}

/** Compaction's merge, exported here too for the tests that compact through the store. */
export { mergeStored }

export type RoomStatus = 'loading' | 'ready' | 'failed' | 'evicted'

export class Room implements DurableTarget {
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness = new AwarenessState()
  readonly conns = new Set<Connection>()
  /** Which account writes as each Yjs client id (clientIdOwners.ts). */
  readonly clientIdOwners: ClientIdOwners
  status: RoomStatus = 'loading'
  /** Highest durable seq applied to `doc`. */
  lastSeq = 0
  /** Updates in the store after the snapshot. */
  updatesSinceSnapshot = 0
  /** Updates queued for writing but not yet applied. */
  pendingWrites = 0
  /** The link to the other instances (null when this is the only one). */
  readonly relay: RoomRelay | null
  private compacting: Promise<void> | null = null
  private readonly waiting = new Map<Connection, Uint8Array[]>()
  /** The document kind's check of updates from sockets (updateGuard.ts). */
  private readonly guard: UpdateGuard
  /** Per client, the clock its updates reach, counting updates still queued for writing. */
  private readonly queuedClock = new Map<number, number>()
  /** The whole document encoded, kept until its next change (new clients and compaction share it). */
  private encodedState: Uint8Array | null = null
  /** Reports gold changes in a draft (null for comments, or when nothing records them). */
  private goldWatch: GoldEditWatcher | null = null

  constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
  ) {
    const kind = parseDocName(name)?.kind
    if (!kind) throw new Error(`no document is named ${name}`)
    this.guard = guardFor(kind)
    this.clientIdOwners = new ClientIdOwners(deps.persister.beforeDurableMode)
    this.relay = deps.fanout ? new RoomRelay(this, deps.fanout, deps.store) : null
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.encodedState = null
      // What reaches the document from the store or another instance is accepted by definition; updates
      // from this instance's sockets were admitted when they arrived (see handle), so not observed twice.
      if (!(origin instanceof Connection)) this.guard.observe(update)
    })
  }

  get isReady(): boolean {
    return this.status === 'ready'
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
    await this.relay?.join()
    const loaded = await loadDoc(this.deps.store, this.name, { into: this.doc })
    this.lastSeq = loaded.throughSeq
    this.updatesSinceSnapshot = loaded.logLength
    const parsed = parseDocName(this.name)
    if (parsed?.kind === 'draft' && this.deps.goldEdits)
      this.goldWatch = new GoldEditWatcher(this.doc, parsed.projectId, this.deps.goldEdits)
    this.status = 'ready'
    this.relay?.loaded()
    for (const [conn, frames] of this.waiting) {
      this.greet(conn)
      for (const frame of frames) this.handle(conn, frame)
    }
    this.waiting.clear()
    this.maybeCompact()
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
      this.relay?.publishAwareness(removed)
    }
  }

  /** Whether the room can be dropped from memory without losing anything. */
  get idle(): boolean {
    return this.conns.size === 0 && this.pendingWrites === 0 && this.compacting === null
  }

  receive(conn: Connection, frame: Uint8Array): void {
    const queued = this.waiting.get(conn)
    if (queued) queued.push(frame)
    else if (this.status === 'ready') this.handle(conn, frame, syncStages ? performance.now() : 0)
  }

  private greet(conn: Connection): void {
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    if (this.awareness.size > 0) conn.send(encodeAwareness(writeAwarenessUpdate(this.awareness.all())))
  }

  /** `receivedAt`: when the frame was read (performance.now()), for the stage timings (0 when they are off). */
  private handle(conn: Connection, frame: Uint8Array, receivedAt = 0): void {
    if (conn.closed) return
    let message: ReturnType<typeof readClientMessage>
    try {
      message = readClientMessage(frame)
    } catch (error) {
      if (error instanceof ProtocolError) conn.close(error.code, error.reason)
      else conn.close(CloseCode.internalError, CloseReason.unexpectedError)
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
      case 'update': {
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
        const writers = writerIds(message.decoded.structs, (client) =>
          Math.max(Y.getState(this.doc.store, client), this.queuedClock.get(client) ?? 0),
        )
        if (this.clientIdOwners.conflict(writers, conn.user.id) !== null) {
          conn.close(CloseCode.badUpdate, CloseReason.clientIdTaken)
          return
        }
        const refusal = this.guard.admit(message.update, conn.user)
        if (refusal) {
          const code = refusal.kind === 'forbidden' ? CloseCode.forbidden : CloseCode.badUpdate
          conn.close(code, refusal.reason.slice(0, 120))
          return
        }
        this.clientIdOwners.claimWritten(writers, conn.user.id, conn.clientIds)
        for (const struct of message.decoded.structs) {
          const end = struct.id.clock + struct.length
          if (end > (this.queuedClock.get(struct.id.client) ?? 0)) this.queuedClock.set(struct.id.client, end)
        }
        this.pendingWrites++
        // Early relay only for kinds without a check: a checked kind (comments: "written as yourself") would
        // refuse a co-editor's resend of someone else's edit that a crash kept out of the store.
        const relayNow = !this.guard.checks && this.deps.persister.relaysBeforeDurable
        if (!relayNow) {
          this.deps.persister.enqueueUpdate(this, conn, message.update, receivedAt)
          return
        }
        if (syncStages && receivedAt > 0) syncStages.record('validateMs', performance.now() - receivedAt)
        this.deps.persister.enqueueUpdate(this, conn, message.update, 0, true)
        this.applyAndBroadcast(conn, message.update)
        if (syncStages && receivedAt > 0) syncStages.record('totalMs', performance.now() - receivedAt)
        return
      }
      case 'awareness': {
        const account = conn.user.id
        const accepted = this.awareness.apply(
          conn,
          message.entries
            .filter((entry) => this.clientIdOwners.mayUse(entry.clientId, account))
            .map((entry) => withAccountUser(entry, conn)),
        )
        const present = accepted.filter((entry) => entry.state !== 'null').map((entry) => entry.clientId)
        this.clientIdOwners.claim(present, account)
        if (accepted.length > 0) {
          this.broadcast(encodeAwareness(writeAwarenessUpdate(accepted)), conn)
          this.relay?.publishAwareness(accepted)
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

  /**
   * Called by the persister once `update` is durable with sequence number `seq`; `relayed`: this room applied
   * and relayed it when it arrived (SYNC_RELAY=before-durable). Other instances hear of it only now either way.
   */
  applyDurable(origin: Connection, update: Uint8Array, seq: number, relayed: boolean): void {
    this.pendingWrites--
    if (!relayed) this.applyAndBroadcast(origin, update)
    this.lastSeq = Math.max(this.lastSeq, seq)
    this.updatesSinceSnapshot++
    this.relay?.publishUpdate(update, seq, origin.user.id)
    this.maybeCompact()
  }

  private applyAndBroadcast(origin: Connection, update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc, update, origin)
    } catch (error) {
      log.error('checked update could not be applied', { doc: this.name, error })
    }
    this.broadcast(encodeUpdate(update), origin)
  }

  /** An update another instance wrote (see RoomRelay). */
  countRemoteUpdate(): void {
    this.updatesSinceSnapshot++
    this.maybeCompact()
  }

  /** Awareness entries of this instance's own clients. */
  localAwareness(): AwarenessEntry[] {
    const local: AwarenessEntry[] = []
    for (const conn of this.conns) local.push(...this.awareness.all(conn))
    return local
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
    this.goldWatch?.destroy()
    this.guard.destroy()
    this.relay?.leave()
    this.doc.destroy()
  }

  /** Sends every awareness state to a connection (used after reconnects and by tests). */
  awarenessEntries(): AwarenessEntry[] {
    return this.awareness.all()
  }
}
