/**
 * The write path: updates from every room are queued, written in one transaction per batch (group commit),
 * and only then applied to their room's document and relayed. Save requests ride the same queue, so a
 * "saved" reply leaves only after every update its connection sent before it is durable. Updates that arrive
 * while a batch is written and relayed gather for the next one; applying a large batch yields to the event
 * loop every YIELD_EVERY jobs so reads, pings and awareness of other connections are not held up behind it.
 * (The next commit starts after the previous batch has left — its relayed frames are written when the tick
 * ends — because with SQLite the commit runs on this thread, so starting it earlier would delay that relay.)
 * With SYNC_RELAY=before-durable (opt-in) a room relays a checked update to its own clients at once and the
 * persister only writes it and acknowledges it; while the store is failing, or updates held back by a failure
 * are still queued, rooms go back to relaying after the write (see `relaysBeforeDurable`).
 */
import { writeNotSaved, writeSaved } from '../../shared/protocol/saveMessages'
import { log } from '../log'
import type { DocStore } from '../storage/store'
import type { Connection } from './connection'
import { activeFault, RELAY_BEFORE_DURABLE_DELAY_MS } from './faultInjection'
import { type StageRecorder, syncStages } from './syncStages'

const NOT_SAVED_FRAME = writeNotSaved()

/** What the persister needs of a room. */
export interface DurableTarget {
  readonly name: string
  /** `update` is durable as `seq`; `relayed`: the room already applied and relayed it (before-durable mode). */
  applyDurable(origin: Connection, update: Uint8Array, seq: number, relayed: boolean): void
}

export interface PersisterOptions {
  /** SYNC_RELAY=before-durable (server/config.ts). */
  relayBeforeDurable: boolean
}

type UpdateJob = {
  kind: 'update'
  target: DurableTarget
  origin: Connection
  update: Uint8Array
  /** The room relayed it when it arrived (before-durable mode); it is only written and counted here. */
  relayed: boolean
  /** performance.now() when the frame was read and when it was queued; 0 unless stage timings are on. */
  receivedAt: number
  queuedAt: number
}
type Job = UpdateJob | { kind: 'saved'; conn: Connection; id: number }

/** A batch whose updates are being written. */
interface InFlight {
  batch: Job[]
  updates: number
  commit: Promise<number[]>
  /** performance.now() when the commit started (stage timings only). */
  startedAt: number
}

function recordBatchStart(
  stages: StageRecorder,
  depth: number,
  updates: UpdateJob[],
  startedAt: number,
): void {
  stages.record('queueDepth', depth)
  stages.record('batchUpdates', updates.length)
  for (const job of updates) stages.record('queueWaitMs', startedAt - job.queuedAt)
}

function recordRelayed(stages: StageRecorder, job: UpdateJob, durableAt: number): void {
  const now = performance.now()
  stages.record('relayMs', now - durableAt)
  if (job.receivedAt > 0) stages.record('totalMs', now - job.receivedAt)
}

/**
 * Before-durable mode: once the commit in flight has taken this long, rooms relay after the write again, so a
 * hanging store (a stalled PostgreSQL connection has no timeout) does not keep exposing new edits.
 */
export const EARLY_RELAY_MAX_COMMIT_MS = 1000

const MAX_BATCH = 2000
const YIELD_EVERY = 200
const RETRY_MS = [50, 200, 1000, 5000]

export class Persister {
  private queue: Job[] = []
  private running = false
  private scheduled = false
  private idleWaiters: (() => void)[] = []
  private failures = 0
  /** Queued updates their room has not relayed yet (their relay waits for their write). */
  private unrelayed = 0
  /** performance.now() when the commit in flight started (0: none). */
  private committingSince = 0

  /** Test-only fault: relay and acknowledge before writing (faultInjection.ts). */
  private readonly faultRelayFirst: boolean

  constructor(
    private readonly store: DocStore,
    private readonly options: PersisterOptions = { relayBeforeDurable: false },
  ) {
    this.faultRelayFirst = activeFault() === 'relay-before-durable'
  }

  /**
   * Whether a room may relay an update it has just checked before it is written: only in before-durable mode,
   * while the store is writing (no failed commit since the last good one), and when no update held back by a
   * failure is still queued — so relays stay in arrival order and an unwritable store relays nothing new —
   * and while the commit in flight is younger than EARLY_RELAY_MAX_COMMIT_MS.
   */
  get relaysBeforeDurable(): boolean {
    return (
      this.options.relayBeforeDurable &&
      this.failures === 0 &&
      this.unrelayed === 0 &&
      (this.committingSince === 0 || performance.now() - this.committingSince < EARLY_RELAY_MAX_COMMIT_MS)
    )
  }

  /** SYNC_RELAY=before-durable is configured (whether or not rooms may relay early right now). */
  get beforeDurableMode(): boolean {
    return this.options.relayBeforeDurable
  }

  /** `relayed`: the room has applied and relayed it already (allowed only while `relaysBeforeDurable`). */
  enqueueUpdate(
    target: DurableTarget,
    origin: Connection,
    update: Uint8Array,
    receivedAt = 0,
    relayed = false,
  ): void {
    const queuedAt = syncStages ? performance.now() : 0
    if (syncStages && receivedAt > 0) syncStages.record('validateMs', queuedAt - receivedAt)
    if (!relayed) this.unrelayed++
    this.queue.push({ kind: 'update', target, origin, update, relayed, receivedAt, queuedAt })
    this.kick()
  }

  enqueueSaved(conn: Connection, id: number): void {
    this.queue.push({ kind: 'saved', conn, id })
    this.kick()
  }

  /** Resolves once every queued job has been written and applied. */
  drain(): Promise<void> {
    if (!this.running && !this.scheduled && this.queue.length === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  private kick(): void {
    if (this.running || this.scheduled) return
    this.scheduled = true
    // setImmediate lets every frame that arrived in this I/O turn join the batch.
    setImmediate(() => void this.run())
  }

  /** Takes the next batch off the queue and starts writing its updates. */
  private commitNext(): InFlight | null {
    if (this.queue.length === 0) return null
    const depth = this.queue.length
    const batch = this.queue.splice(0, MAX_BATCH)
    const updates: UpdateJob[] = batch.filter((job) => job.kind === 'update')
    const startedAt = syncStages ? performance.now() : 0
    if (syncStages) recordBatchStart(syncStages, depth, updates, startedAt)
    this.committingSince = performance.now()
    const commit = this.store.appendUpdates(
      updates.map((job) => ({ doc: job.target.name, data: job.update })),
    )
    // Handled where it is awaited; this only keeps an early rejection from counting as unhandled.
    commit.catch(() => {})
    return { batch, updates: updates.length, commit, startedAt }
  }

  /** Tells the clients whose changes are waiting that they are not saved yet (their pill says so). */
  private tellNotSaved(batch: Job[]): void {
    const conns = new Set<Connection>()
    for (const job of batch) conns.add(job.kind === 'update' ? job.origin : job.conn)
    for (const conn of conns) if (conn.speaksSaveProtocol) conn.send(NOT_SAVED_FRAME)
  }

  private async run(): Promise<void> {
    this.scheduled = false
    this.running = true
    if (this.faultRelayFirst) return this.runRelayingFirst()
    let inFlight = this.commitNext()
    while (inFlight) {
      let seqs: number[]
      try {
        seqs = await inFlight.commit
        this.failures = 0
      } catch (error) {
        this.committingSince = 0
        const delay = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)]!
        log.error('writing updates failed; will retry', {
          updates: inFlight.updates,
          retryInMs: delay,
          error,
        })
        this.queue.unshift(...inFlight.batch)
        this.tellNotSaved(inFlight.batch)
        await new Promise((resolve) => setTimeout(resolve, delay))
        inFlight = this.commitNext()
        continue
      }
      this.committingSince = 0
      const done = inFlight.batch
      const durableAt = syncStages ? performance.now() : 0
      if (syncStages) syncStages.record('commitMs', durableAt - inFlight.startedAt)
      let next = 0
      for (let i = 0; i < done.length; i++) {
        if (i > 0 && i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve))
        const job = done[i]!
        if (job.kind === 'update') {
          job.target.applyDurable(job.origin, job.update, seqs[next++]!, job.relayed)
          if (!job.relayed) {
            this.unrelayed--
            if (syncStages) recordRelayed(syncStages, job, durableAt)
          }
        } else job.conn.send(writeSaved(job.id))
      }
      // Let the tick end before the next commit: the frames just sent leave when their sockets uncork at the
      // end of the tick, and a SQLite commit runs synchronously, so starting it here would hold this batch
      // on the server for one more commit. Frames that arrived meanwhile join the next batch.
      if (this.queue.length > 0) await new Promise((resolve) => setImmediate(resolve))
      inFlight = this.commitNext()
    }
    this.finish()
  }

  private finish(): void {
    this.running = false
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }

  /** The injected fault: apply, relay and acknowledge each batch, then write it a while later. */
  private async runRelayingFirst(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH)
      for (const job of batch) {
        // Sequence 0: the room keeps the last sequence it knows to be stored for compaction.
        if (job.kind === 'update') {
          job.target.applyDurable(job.origin, job.update, 0, job.relayed)
          if (!job.relayed) this.unrelayed--
        } else job.conn.send(writeSaved(job.id))
      }
      await new Promise((resolve) => setTimeout(resolve, RELAY_BEFORE_DURABLE_DELAY_MS))
      const updates = batch.filter((job) => job.kind === 'update')
      await this.store
        .appendUpdates(updates.map((job) => ({ doc: job.target.name, data: job.update })))
        .catch((error) => log.error('writing updates failed (fault injection run)', { error }))
    }
    this.finish()
  }
}
