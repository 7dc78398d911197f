/**
 * What a room needs from the other server instances: a channel per document that carries durable updates
 * and awareness between instances, and a control channel for changes that concern every instance's
 * sockets (sign-outs, membership changes). Implemented over Redis pub/sub in `redisFanout.ts`; a single
 * instance runs without one.
 */
import type { AwarenessEntry } from '../sync/wire'

/** Messages an instance hears on a document's channel from the other instances. */
export interface DocChannelListener {
  /**
   * An update another instance has already made durable (seq is its store sequence number), written by the
   * account `author` ('' when unknown).
   */
  update(update: Uint8Array, seq: number, author: string): void
  /** Awareness entries of clients connected to instance `from`. */
  awareness(from: string, entries: AwarenessEntry[]): void
  /** Instance `from` missed messages (it lost Redis for a while): re-read the document from the store. */
  resync(from: string): void
  /** Instance `from` has just opened the document and asks who is present. */
  queryAwareness(from: string): void
}

export type ControlMessage =
  | { kind: 'sessionEnded'; sessionId: string }
  | { kind: 'membershipChanged'; projectId: string; userId: string }

export interface ClusterEvents {
  /** Another instance sent a control message. */
  control(message: ControlMessage): void
  /** No heartbeat from `instanceId` within the timeout: it is gone, and so are its clients. */
  instanceGone(instanceId: string): void
  /** The link to Redis came back after an outage: messages may have been missed in both directions. */
  reconnected(): void
}

export interface Fanout {
  readonly instanceId: string
  /** Subscribes to a document's channel; resolves once messages published from now on will arrive. */
  join(doc: string, listener: DocChannelListener): Promise<void>
  leave(doc: string): void
  publishUpdate(doc: string, update: Uint8Array, seq: number, author: string): void
  publishAwareness(doc: string, entries: AwarenessEntry[]): void
  publishResync(doc: string): void
  publishQueryAwareness(doc: string): void
  publishControl(message: ControlMessage): void
  /** Round trip to Redis, for /readyz. */
  ping(): Promise<void>
  close(): Promise<void>
}
