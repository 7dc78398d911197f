/**
 * Pure bookkeeping behind the save-status pill: counts local changes, which of them a saveRequest covers, and
 * which the server acknowledged as durable. No timers, sockets or Yjs here, so every transition is testable.
 */

export const SaveStatus = {
  connecting: 'connecting',
  offline: 'offline',
  saving: 'saving',
  saved: 'saved',
  /** The server could not store our changes; it keeps retrying. */
  notSaved: 'notSaved',
} as const
export type SaveStatus = (typeof SaveStatus)[keyof typeof SaveStatus]

export class SaveTracker {
  /** Number of local changes made so far (a monotonically increasing sequence number). */
  private changeSeq = 0
  /** Highest change sequence a saveRequest sent on the current connection covers. */
  private coveredSeq = 0
  /** Highest change sequence the server confirmed as durable. */
  private ackedSeq = 0
  /** Outstanding requests on the current connection: request id → change sequence it covers. */
  private readonly outstanding = new Map<number, number>()
  private nextRequestId = 1
  private connected = false
  /** Our SyncStep2 (all local state the server lacked) has been sent on the current connection. */
  private handshakeSent = false
  private synced = false
  private everSynced = false
  /** The server reported a failed write since its last acknowledgement. */
  private storeFailing = false

  /** The server could not write our changes (it retries; a later acknowledgement clears this). */
  recordNotSaved(): void {
    if (this.connected) this.storeFailing = true
  }

  /** A local change happened (typed, undone, or loaded from this device's storage). */
  recordLocalChange(): void {
    this.changeSeq++
  }

  connectionOpened(): void {
    this.connected = true
    this.handshakeSent = false
  }

  /** We answered the server's SyncStep1, so every local change is now on the wire. */
  recordHandshakeSent(): void {
    if (this.connected) this.handshakeSent = true
  }

  setSynced(synced: boolean): void {
    this.synced = synced && this.connected
    if (this.synced) this.everSynced = true
  }

  /** The socket closed: requests in flight on it can no longer be acknowledged. */
  connectionClosed(): void {
    this.connected = false
    this.handshakeSent = false
    this.synced = false
    this.storeFailing = false
    this.outstanding.clear()
    this.coveredSeq = this.ackedSeq
  }

  /** True when there are changes no in-flight request covers and a request can be sent now. */
  get wantsRequest(): boolean {
    return this.connected && this.handshakeSent && this.coveredSeq < this.changeSeq
  }

  /** Allocates a request covering every change made so far; send it right after this call. */
  issueRequest(): number {
    const id = this.nextRequestId++
    this.outstanding.set(id, this.changeSeq)
    this.coveredSeq = this.changeSeq
    return id
  }

  /** The server confirmed request `id`; unknown or stale ids are ignored. Returns true if it was known. */
  acknowledge(id: number): boolean {
    const seq = this.outstanding.get(id)
    if (seq === undefined) return false
    this.ackedSeq = Math.max(this.ackedSeq, seq)
    this.storeFailing = false
    for (const key of [...this.outstanding.keys()]) if (key <= id) this.outstanding.delete(key)
    return true
  }

  get hasUnsavedChanges(): boolean {
    return this.ackedSeq < this.changeSeq
  }

  get status(): SaveStatus {
    if (!this.synced) return this.everSynced ? SaveStatus.offline : SaveStatus.connecting
    if (!this.hasUnsavedChanges) return SaveStatus.saved
    return this.storeFailing ? SaveStatus.notSaved : SaveStatus.saving
  }
}
