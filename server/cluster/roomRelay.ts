/**
 * A room's link to the other instances serving the same document: it subscribes to the document's channel
 * before the room reads the store (so no update falls between the read and the subscription), holds what
 * arrives while the room loads, applies other instances' durable updates and presence, publishes this
 * instance's, re-reads the store after messages may have been lost, and forgets the presence of instances
 * that have gone.
 */
import * as Y from 'yjs'
import { log } from '../log'
import type { DocStore } from '../storage/store'
import type { AwarenessOwner, AwarenessState } from '../sync/awarenessState'
import type { ClientIdOwners } from '../sync/clientIdOwners'
import { applyStoredDoc } from '../sync/storedDoc'
import { type AwarenessEntry, encodeAwareness, encodeUpdate, writeAwarenessUpdate } from '../sync/wire'
import type { DocChannelListener, Fanout } from './fanout'

/** What the relay needs of a room. */
export interface RelayedRoom {
  readonly name: string
  readonly doc: Y.Doc
  readonly awareness: AwarenessState
  /** Which account writes as each client id; other instances' updates and presence claim ids too. */
  readonly clientIdOwners: ClientIdOwners
  readonly isReady: boolean
  /** Sends a frame to every connection of the room. */
  broadcast(frame: Uint8Array, except: null): void
  /** Counts an update written by another instance (compaction folds it in later). */
  countRemoteUpdate(): void
  /** Awareness entries of this instance's own clients. */
  localAwareness(): AwarenessEntry[]
}

/** The client ids an update writes structs as. */
function writtenAs(update: Uint8Array): Iterable<number> {
  try {
    return Y.parseUpdateMeta(update).to.keys()
  } catch {
    return []
  }
}

/** The account of a relayed presence state (the instance it came from wrote the account's id into it). */
function accountOf(entry: AwarenessEntry): string | null {
  if (entry.state === 'null') return null
  try {
    const id = (JSON.parse(entry.state) as { user?: { id?: unknown } } | null)?.user?.id
    return typeof id === 'string' ? id : null
  } catch {
    return null
  }
}

/** Transaction origin of what arrives from other instances (already durable there). */
export const FROM_OTHER_INSTANCE = Symbol('another instance')

export class RoomRelay {
  /** Other instances relaying their clients' presence, by instance id. */
  private readonly remoteOwners = new Map<string, AwarenessOwner>()
  /** Messages that arrived while the room was loading, run once it is ready. */
  private backlog: (() => void)[] | null = []

  constructor(
    private readonly room: RelayedRoom,
    private readonly fanout: Fanout,
    private readonly store: DocStore,
  ) {}

  /** Subscribes to the document's channel and asks the other instances who is present. */
  async join(): Promise<void> {
    await this.fanout.join(this.room.name, this.listener)
    this.fanout.publishQueryAwareness(this.room.name)
  }

  /** The room has loaded: handles what arrived meanwhile. */
  loaded(): void {
    for (const run of this.backlog ?? []) run()
    this.backlog = null
  }

  leave(): void {
    this.fanout.leave(this.room.name)
  }

  publishUpdate(update: Uint8Array, seq: number, author: string): void {
    this.fanout.publishUpdate(this.room.name, update, seq, author)
  }

  publishAwareness(entries: AwarenessEntry[]): void {
    this.fanout.publishAwareness(this.room.name, entries)
  }

  /** Asks the other instances to re-read the document (after this one may have missed their messages). */
  publishResync(): void {
    this.fanout.publishResync(this.room.name)
  }

  private readonly listener: DocChannelListener = {
    update: (update, seq, author) =>
      this.whenLoaded(() => {
        if (author) this.room.clientIdOwners.claim(writtenAs(update), author)
        try {
          Y.applyUpdate(this.room.doc, update, FROM_OTHER_INSTANCE)
        } catch (error) {
          log.error('update from another instance could not be applied', { doc: this.room.name, seq, error })
          return
        }
        this.room.broadcast(encodeUpdate(update), null)
        this.room.countRemoteUpdate()
      }),
    awareness: (from, entries) =>
      this.whenLoaded(() => {
        let owner = this.remoteOwners.get(from)
        if (!owner) {
          owner = { clientIds: new Set() }
          this.remoteOwners.set(from, owner)
        }
        const accepted = this.room.awareness.apply(owner, entries)
        for (const entry of accepted) {
          const account = accountOf(entry)
          if (account) this.room.clientIdOwners.claim([entry.clientId], account)
        }
        if (accepted.length > 0) this.room.broadcast(encodeAwareness(writeAwarenessUpdate(accepted)), null)
      }),
    resync: () =>
      this.whenLoaded(() => {
        this.resyncFromStore().catch((error) =>
          log.error('re-reading a document failed', { doc: this.room.name, error }),
        )
      }),
    queryAwareness: () => this.republishAwareness(),
  }

  private whenLoaded(run: () => void): void {
    if (this.room.isReady) run()
    else if (this.backlog) this.backlog.push(run)
  }

  /**
   * Re-reads the stored document and relays whatever it held that this instance had not seen (used after
   * messages between instances may have been lost). Applying known updates again changes nothing.
   */
  async resyncFromStore(): Promise<void> {
    if (!this.room.isReady) return
    const stored = await this.store.loadDoc(this.room.name)
    if (!this.room.isReady) return
    const missed: Uint8Array[] = []
    const collect = (update: Uint8Array) => missed.push(update)
    this.room.doc.on('update', collect)
    applyStoredDoc(this.room.doc, this.room.name, stored, FROM_OTHER_INSTANCE)
    this.room.doc.off('update', collect)
    for (const update of missed) this.room.broadcast(encodeUpdate(update), null)
    if (missed.length > 0) log.info('caught up from the store', { doc: this.room.name })
  }

  /** Announces this instance's clients again (after the other instances may have forgotten them). */
  republishAwareness(): void {
    const local = this.room.localAwareness()
    if (local.length > 0) this.fanout.publishAwareness(this.room.name, local)
  }

  /** Drops the presence of clients connected through an instance that has gone. */
  dropInstance(instanceId: string): void {
    const owner = this.remoteOwners.get(instanceId)
    if (!owner) return
    this.remoteOwners.delete(instanceId)
    const removed = this.room.awareness.removeOwner(owner)
    if (removed.length > 0) this.room.broadcast(encodeAwareness(writeAwarenessUpdate(removed)), null)
  }
}
