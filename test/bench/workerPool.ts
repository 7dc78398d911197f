/**
 * The coordinator's side of the client workers: forks them (Node + tsx), aligns their clocks with its own
 * (the offset from the ping with the shortest round trip), and sends them requests.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { resolve } from 'node:path'
import { track } from './children'
import { localNow } from './clock'
import type { UsageResult, WorkerReply, WorkerRequest } from './ipc'

const WORKER = resolve(import.meta.dirname, 'clientWorker.ts')
/**
 * A larger young generation cuts the load generator's GC time by ~15 % (its garbage is short-lived);
 * BENCH_WORKER_CPU_PROF=<dir> profiles the workers themselves.
 */
const WORKER_NODE_ARGS = [
  '--import',
  'tsx',
  '--max-semi-space-size=64',
  ...(process.env.BENCH_WORKER_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_WORKER_CPU_PROF]
    : []),
]

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; onReady?: () => void }

export class ClientWorker {
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  /** |offset error| bound from the calibration round trip, ms. */
  clockUncertaintyMs = Number.NaN

  private constructor(readonly child: ChildProcess) {
    child.on('message', (message: WorkerReply | { id: number; ready: true } | { started: true }) => {
      if (!('id' in message)) return
      const pending = this.pending.get(message.id)
      if (!pending) return
      if ('ready' in message) return pending.onReady?.()
      this.pending.delete(message.id)
      if (message.ok) pending.resolve(message.result)
      else pending.reject(new Error(message.error))
    })
    child.on('exit', (code, signal) => {
      for (const pending of this.pending.values())
        pending.reject(new Error(`client worker exited (${code ?? signal})`))
      this.pending.clear()
    })
  }

  static async start(): Promise<ClientWorker> {
    const child = track(
      fork(WORKER, [], {
        execArgv: WORKER_NODE_ARGS,
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    )
    await new Promise<void>((done, fail) => {
      child.once('message', () => done())
      child.once('exit', (code) => fail(new Error(`client worker exited during start (${code})`)))
    })
    const worker = new ClientWorker(child)
    await worker.calibrateClock()
    return worker
  }

  request<T>(request: WorkerRequest, onReady?: () => void): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onReady })
      this.child.send({ ...request, id })
    })
  }

  /** NTP-style: offset = midpoint of the round trip minus the worker's clock, from the fastest of 20 pings. */
  private async calibrateClock(): Promise<void> {
    let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 }
    for (let i = 0; i < 20; i++) {
      const sentAt = localNow()
      const { now } = await this.request<{ now: number }>({ op: 'clock' })
      const receivedAt = localNow()
      const rtt = receivedAt - sentAt
      if (rtt < best.rtt) best = { rtt, offset: (sentAt + receivedAt) / 2 - now }
    }
    this.clockUncertaintyMs = best.rtt / 2
    await this.request({ op: 'setClockOffset', offsetMs: best.offset })
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    const exited = new Promise((done) => this.child.once('exit', done))
    this.child.disconnect()
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }
}

export class WorkerPool {
  private constructor(readonly workers: ClientWorker[]) {}

  static async start(count: number): Promise<WorkerPool> {
    return new WorkerPool(await Promise.all(Array.from({ length: count }, () => ClientWorker.start())))
  }

  /** Sends a request to every worker (the same, or one built per worker index). */
  all<T>(request: WorkerRequest | ((index: number) => WorkerRequest)): Promise<T[]> {
    return Promise.all(
      this.workers.map((worker, index) =>
        worker.request<T>(typeof request === 'function' ? request(index) : request),
      ),
    )
  }

  async cpuMs(): Promise<number> {
    return (await this.cpuMsEach()).reduce((sum, cpuMs) => sum + cpuMs, 0)
  }

  /** CPU time used so far by each worker process, in worker order, ms. */
  async cpuMsEach(): Promise<number[]> {
    const usages = await this.all<UsageResult>({ op: 'usage' })
    return usages.map((usage) => usage.cpuMs)
  }

  get clockUncertaintyMs(): number {
    return Math.max(...this.workers.map((worker) => worker.clockUncertaintyMs))
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.stop()))
  }
}
