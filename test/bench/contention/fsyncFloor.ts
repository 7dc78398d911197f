/**
 * The fsync-floor probe (fsyncProbe.mjs) from the coordinator's side: one process per store, committing
 * small rows beside the servers for the whole condition; `take()` returns the percentiles since the last take.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { join } from 'node:path'
import { track } from '../children'

export interface FloorSummary {
  count: number
  p50: number
  p90: number
  p99: number
  max: number
}

export class FsyncFloor {
  private nextId = 1
  private readonly pending = new Map<number, (result: unknown) => void>()

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: { id?: number; result?: unknown }) => {
      if (message.id === undefined) return
      this.pending.get(message.id)?.(message.result)
      this.pending.delete(message.id)
    })
  }

  /** `sqlite`: a file in `target` (a directory on the servers' disk); `postgres`: a table at URL `target`. */
  static async start(mode: 'sqlite' | 'postgres', target: string): Promise<FsyncFloor> {
    const child = track(
      fork(join(import.meta.dirname, 'fsyncProbe.mjs'), [mode, target], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    )
    await new Promise<void>((done, fail) => {
      child.once('message', () => done())
      child.once('exit', (code) => fail(new Error(`fsync probe (${mode}) exited during start (${code})`)))
    })
    return new FsyncFloor(child)
  }

  private request<T>(op: 'report' | 'stop'): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve) => {
      this.pending.set(id, resolve as (result: unknown) => void)
      this.child.send({ op, id })
    })
  }

  take(): Promise<FloorSummary> {
    return this.request<FloorSummary>('report')
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return
    const exited = new Promise((done) => this.child.once('exit', done))
    await this.request('stop')
    await exited
  }
}
