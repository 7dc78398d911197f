/**
 * Live typing through a server, shared by the fan-out, throughput and capacity scenarios: plans clients
 * over documents and workers, runs timed typing windows, and turns the workers' reports into figures.
 *
 * Latency method: each edit carries its send time (bench clock) in the document's `bench` map; every other
 * client records `arrival − send` when the update reaches it. All processes share this machine's clock,
 * aligned per worker over IPC (see clock.ts, workerPool.ts), so the error is below the IPC round trip.
 */
import { benchNow } from './clock'
import type { BenchContext } from './context'
import type { ClientSpec, TypeResult } from './ipc'
import { benchCpuMs, machineBusyMs } from './procStats'
import type { BenchServer } from './servers'
import type { Side } from './sides'
import { concatSamples, type LatencySummary, summarize, type TimelineBucket, timeline } from './stats'
import { TRACE_NAMES } from './traces'
import type { WorkerPool } from './workerPool'

export interface TypingWindow {
  durationMs: number
  editsPerSecond: number
  quietMs?: number
  maxDrainMs?: number
}

/** One timed window as measured, before summarising (several windows can be merged). */
export interface RawWindow {
  startAt: number
  durationMs: number
  samples: Float64Array
  sentAts: Float64Array
  sent: number
  expected: number
  reconnects: number
  serverCpuMs: number
  serverRssBytes: number
  clientCpuMs: number
  /** The busiest client worker's share of `clientCpuMs` (a process can use one core at most), ms. */
  busiestClientCpuMs: number
  /** CPU used during the window by processes that are not the bench's (this machine is shared), ms. */
  backgroundCpuMs: number
  /** The load generator's event-loop delay while typing (worst worker), ms. */
  generatorLoopDelayP99Ms: number
  generatorLoopDelayMaxMs: number
}

export interface TypingMeasurement {
  latency: LatencySummary
  /** Edits typed, and per second. */
  sent: number
  sentPerSecond: number
  /** Arrivals expected (each edit at every other client of its document) and recorded. */
  expected: number
  arrived: number
  deliveredPct: number
  reconnects: number
  /** Server CPU over the typing windows, % of one core; RSS at the end of the last one. */
  serverCpuPct: number
  serverRssBytes: number
  /** All client workers together, % of one core (shows when the load generator itself is the limit). */
  clientCpuPct: number
  /** CPU used by other processes on this shared machine meanwhile, % of one core. */
  backgroundCpuPct: number
  /** Latency by send-time slice of each window. */
  timeline: TimelineBucket[]
}

/**
 * Clients for `docs`: the first `typistsPerDoc` of each document type a trace (stock providers), the rest
 * only receive — stock providers too, unless `lightReceivers` (see lightClient.ts).
 */
export function planClients(
  server: BenchServer,
  docs: string[],
  clientsPerDoc: number,
  typistsPerDoc: number,
  lightReceivers = false,
): ClientSpec[] {
  const specs: ClientSpec[] = []
  for (const doc of docs) {
    for (let i = 0; i < clientsPerDoc; i++) {
      const spec: ClientSpec = { key: `${doc}/${i}`, url: server.syncUrl, doc }
      if (i < typistsPerDoc) {
        const n = specs.length
        // Alternate the traces and start at one of 40 offsets, so typists edit different, real text.
        spec.typist = { trace: TRACE_NAMES[n % TRACE_NAMES.length]!, offset: ((n * 7) % 40) * 250 }
      } else if (lightReceivers) spec.light = true
      specs.push(spec)
    }
  }
  return specs
}

/** Round-robin: clients of one document land in different processes, as real users would. */
export async function connectClients(pool: WorkerPool, specs: ClientSpec[]): Promise<void> {
  const perWorker: ClientSpec[][] = pool.workers.map(() => [])
  for (const [i, spec] of specs.entries()) perWorker[i % perWorker.length]!.push(spec)
  await pool.all((index) => ({
    op: 'connect',
    clients: perWorker[index]!,
    concurrency: 100,
    timeoutMs: 60_000,
  }))
}

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - benchNow())))

/** Every typist of the side types for one window; arrivals drain before the workers report. */
export async function runWindow(
  side: Side,
  clientsInDoc: (doc: string) => number,
  window: TypingWindow,
): Promise<RawWindow> {
  const { server, pool } = side
  const startAt = benchNow() + 300
  const clientCpuBefore = await pool.cpuMsEach()
  const reports = pool.all<TypeResult>({
    op: 'type',
    startAt,
    durationMs: window.durationMs,
    editsPerSecond: window.editsPerSecond,
    quietMs: window.quietMs ?? 500,
    maxDrainMs: window.maxDrainMs ?? 5000,
  })
  await sleepUntil(startAt)
  const serverBefore = server.sample()
  const machineBefore = machineBusyMs()
  const benchBefore = benchCpuMs()
  await sleepUntil(startAt + window.durationMs)
  const serverAfter = server.sample()
  const machineAfter = machineBusyMs()
  const benchAfter = benchCpuMs()
  const clientCpuEach = (await pool.cpuMsEach()).map((cpuMs, i) => cpuMs - clientCpuBefore[i]!)
  const results = await reports

  const sentByDoc = new Map<string, number>()
  for (const result of results) {
    for (const [doc, sent] of Object.entries(result.sentByDoc))
      sentByDoc.set(doc, (sentByDoc.get(doc) ?? 0) + sent)
  }
  let sent = 0
  let expected = 0
  for (const [doc, count] of sentByDoc) {
    sent += count
    expected += count * (clientsInDoc(doc) - 1)
  }
  const serverCpuMs = serverAfter.cpuMs - serverBefore.cpuMs
  // The workers' CPU is read over a slightly longer span than the window; scale it to the window.
  const toWindow = Math.min(1, window.durationMs / (window.durationMs + 300))
  const windowClientCpuMs = clientCpuEach.reduce((sum, cpuMs) => sum + cpuMs, 0) * toWindow
  return {
    startAt,
    durationMs: window.durationMs,
    samples: concatSamples(results.map((result) => result.samples)),
    sentAts: concatSamples(results.map((result) => result.sentAts)),
    sent,
    expected,
    reconnects: results.reduce((n, result) => n + result.reconnects, 0),
    serverCpuMs,
    serverRssBytes: serverAfter.rssBytes,
    clientCpuMs: windowClientCpuMs,
    busiestClientCpuMs: Math.max(0, ...clientCpuEach) * toWindow,
    backgroundCpuMs: Math.max(0, machineAfter - machineBefore - (benchAfter - benchBefore)),
    generatorLoopDelayP99Ms: Math.max(0, ...results.map((result) => result.loopDelayP99Ms)),
    generatorLoopDelayMaxMs: Math.max(0, ...results.map((result) => result.loopDelayMaxMs)),
  }
}

export function summarizeWindows(windows: RawWindow[]): TypingMeasurement {
  const samples = concatSamples(windows.map((w) => w.samples))
  const sum = (pick: (w: RawWindow) => number) => windows.reduce((total, w) => total + pick(w), 0)
  const durationMs = sum((w) => w.durationMs)
  const expected = sum((w) => w.expected)
  return {
    latency: summarize(samples),
    sent: sum((w) => w.sent),
    sentPerSecond: sum((w) => w.sent) / (durationMs / 1000),
    expected,
    arrived: samples.length,
    deliveredPct: expected > 0 ? (samples.length / expected) * 100 : Number.NaN,
    reconnects: sum((w) => w.reconnects),
    serverCpuPct: (sum((w) => w.serverCpuMs) / durationMs) * 100,
    serverRssBytes: windows.at(-1)?.serverRssBytes ?? Number.NaN,
    clientCpuPct: (sum((w) => w.clientCpuMs) / durationMs) * 100,
    backgroundCpuPct: (sum((w) => w.backgroundCpuMs) / durationMs) * 100,
    timeline: windows.flatMap((w) =>
      timeline(w.samples, w.sentAts, w.startAt, Math.min(1000, w.durationMs / 10)),
    ),
  }
}

/** Share of one core that other processes used during a window. */
export const otherCpuPct = (window: RawWindow) => (window.backgroundCpuMs / window.durationMs) * 100

/**
 * Measures a window once the machine is quiet; when other processes still took more than `busyPct` of a core
 * meanwhile, measures again (up to `tries` in all) and keeps the quietest window.
 */
export async function quietWindow(
  ctx: BenchContext,
  measure: () => Promise<RawWindow>,
  tries = 3,
  busyPct = 50,
): Promise<RawWindow> {
  let quietest: RawWindow | null = null
  for (let i = 0; i < tries; i++) {
    await ctx.waitForQuiet()
    const window = await measure()
    if (!quietest || otherCpuPct(window) < otherCpuPct(quietest)) quietest = window
    if (otherCpuPct(window) <= busyPct || ctx.options.quick) break
    ctx.log(
      `other processes took ${otherCpuPct(window).toFixed(0)} % of a core during that window: measuring again`,
    )
  }
  return quietest!
}
