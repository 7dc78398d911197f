/**
 * The write path: updates from every room are queued, written in one transaction per batch (group commit),
 * and only then applied to their room's document and relayed. Save requests ride the same queue, so a
 * "saved" reply leaves only after every update its connection sent before it is durable.
 */
import { log } from '../log'
import type { DocStore } from '../storage/store'
import type { Connection } from './connection'
import { encodeSaved } from './wire'

/** What the persister needs of a room. */
export interface DurableTarget {
  readonly name: string
  applyDurable(origin: Connection, update: Uint8Array, seq: number): void
}

type Job =
  | { kind: 'update'; target: DurableTarget; origin: Connection; update: Uint8Array }
  | { kind: 'saved'; conn: Connection; id: number }

const MAX_BATCH = 2000
const RETRY_MS = [50, 200, 1000, 5000]

export class Persister {
  private queue: Job[] = []
  private running = false
  private scheduled = false
  private idleWaiters: (() => void)[] = []
  private failures = 0

  constructor(private readonly store: DocStore) {}

  enqueueUpdate(target: DurableTarget, origin: Connection, update: Uint8Array): void {
    this.queue.push({ kind: 'update', target, origin, update })
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

  private async run(): Promise<void> {
    this.scheduled = false
    this.running = true
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH)
      const updates = batch.filter((job) => job.kind === 'update')
      let seqs: number[]
      try {
        seqs = await this.store.appendUpdates(
          updates.map((job) => ({ doc: job.target.name, data: job.update })),
        )
        this.failures = 0
      } catch (error) {
        const delay = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)]!
        log.error('writing updates failed; will retry', { updates: updates.length, retryInMs: delay, error })
        this.queue.unshift(...batch)
        await new Promise((resolve) => setTimeout(resolve, delay))
        continue
      }
      let next = 0
      for (const job of batch) {
        if (job.kind === 'update') job.target.applyDurable(job.origin, job.update, seqs[next++]!)
        else job.conn.send(encodeSaved(job.id))
      }
    }
    this.running = false
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }
}
