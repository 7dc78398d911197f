/**
 * Scenario 3, capacity, in the shape an outside probe uses so that its figures can be reproduced: at each
 * client count and for one server at a time, fresh documents with a fixed number of clients each (a fraction
 * typing) connect, settle, type for several windows and all disconnect before the other server's turn; the
 * step's figure is the median over windows of each window's p99, and the result the largest count under the limit.
 */
import type { SyncStageDump } from '../../../server/sync/syncStages'
import type { BenchContext } from '../context'
import {
  type GeneratorWindow,
  measureFedWindow,
  retryCounts,
  type WindowSeries,
  windowFigures,
  windowSeries,
} from '../generatorWindows'
import { connectClients, planClients, runWindow } from '../liveTyping'
import { cpuPercent } from '../procStats'
import type { BenchServer, ServerKind } from '../servers'
import { takeStages } from '../stageMetrics'
import { median, ratio } from '../stats'
import { fmt, type Section, type Target } from '../table'
import { WorkerPool } from '../workerPool'

/** One measured window (the kept try), with the server's RSS at its end. */
export interface CapacityWindow extends GeneratorWindow {
  serverRssBytes: number
  /** Yardstick only: where the time went on the server's write path during the window. */
  stages: SyncStageDump | null
}

export interface CapacityStep extends WindowSeries<CapacityWindow> {
  clients: number
  docs: number
  typists: number
  /** Time to connect and sync this step's clients, ms. */
  connectMs: number
  /** Server RSS with everyone connected, before typing. */
  idleRssBytes: number
  /** Median p99 under the limit and ≥ 99.9 % of arrivals delivered. */
  ok: boolean
}

export interface CapacityRun {
  steps: CapacityStep[]
  /** Largest client count whose step was ok (0 if none). */
  largestOk: number
}

export interface CapacityResult {
  clientsPerDoc: number
  typingFraction: number
  editsPerSecond: number
  windowMs: number
  windows: number
  retryBudgetMs: number
  /** Client processes of the load generator (one set, used by each server in turn). */
  workers: number
  starvedLoopDelayMs: number
  p99LimitMs: number
  lightReceivers: boolean
  yardstick: CapacityRun
  reference: CapacityRun
}

/** A server skips the larger counts after this many failed steps in a row, or one in collapse (100 × limit). */
const FAILED_STEPS_TO_STOP = 2
const COLLAPSE_FACTOR = 100

/** Whether a server's steps so far end in collapse or in enough failures that larger counts would fail too. */
export function skipsLargerCounts(steps: Pick<CapacityStep, 'p99' | 'ok'>[], p99LimitMs: number): boolean {
  const last = steps.slice(-FAILED_STEPS_TO_STOP)
  return (
    (steps.at(-1)?.p99 ?? 0) > p99LimitMs * COLLAPSE_FACTOR ||
    (last.length === FAILED_STEPS_TO_STOP && last.every((step) => !step.ok))
  )
}

/** A step holds when the median of its windows' p99 is under the limit and ≥ 99.9 % of arrivals came. */
export const stepOk = (series: Pick<CapacityStep, 'p99' | 'deliveredPct'>, p99LimitMs: number): boolean =>
  series.p99 < p99LimitMs && series.deliveredPct >= 99.9

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const stagesFile = (ctx: BenchContext) => `${ctx.runDir}/stages-capacity.json`

export async function runCapacity(ctx: BenchContext): Promise<CapacityResult> {
  const size = ctx.sizes.capacity
  const servers: BenchServer[] = []
  let pool: WorkerPool | null = null
  const steps: Record<ServerKind, CapacityStep[]> = { yardstick: [], reference: [] }
  const started = performance.now()
  // Past the budget a starved window is kept as it is: the scenario must end within the run's time limit.
  const maxTries = () =>
    ctx.options.quick || performance.now() - started > size.retryBudgetMs ? 1 : undefined
  try {
    const [yardstick, reference, workers] = await Promise.all([
      ctx.startServer('yardstick', 'capacity', { env: { SYNC_STAGE_METRICS: stagesFile(ctx) } }),
      ctx.startServer('reference', 'capacity'),
      WorkerPool.start(size.workers),
    ])
    servers.push(yardstick, reference)
    pool = workers
    for (const [index, clients] of size.steps.entries()) {
      // Alternate who goes first, so neither server always follows the other's clean-up.
      const order = index % 2 === 0 ? [yardstick, reference] : [reference, yardstick]
      for (const server of order.filter((s) => !skipsLargerCounts(steps[s.kind], size.p99LimitMs))) {
        steps[server.kind].push(await measureStep(ctx, pool, server, clients, maxTries))
      }
    }
  } finally {
    await pool?.stop()
    for (const server of servers) await server.stop()
  }
  const run = (list: CapacityStep[]): CapacityRun => ({
    steps: list,
    largestOk: Math.max(0, ...list.filter((s) => s.ok).map((s) => s.clients)),
  })
  return {
    clientsPerDoc: size.clientsPerDoc,
    typingFraction: size.typingFraction,
    editsPerSecond: size.editsPerSecond,
    windowMs: size.windowMs,
    windows: size.windows,
    retryBudgetMs: size.retryBudgetMs,
    workers: size.workers,
    starvedLoopDelayMs: ctx.sizes.fanout.starvedLoopDelayMs,
    p99LimitMs: size.p99LimitMs,
    lightReceivers: size.lightReceivers,
    yardstick: run(steps.yardstick),
    reference: run(steps.reference),
  }
}

/** One server at one count: fresh documents, everyone connects, `windows` windows, everyone leaves. */
async function measureStep(
  ctx: BenchContext,
  pool: WorkerPool,
  server: BenchServer,
  clients: number,
  maxTries: () => number | undefined,
): Promise<CapacityStep> {
  const size = ctx.sizes.capacity
  // The same rule as the fan-out's: a generator this late is not measuring the server.
  const starvedLoopDelayMs = ctx.sizes.fanout.starvedLoopDelayMs
  const typistsPerDoc = Math.max(1, Math.round(size.clientsPerDoc * size.typingFraction))
  const docs = await server.createDocs(Math.ceil(clients / size.clientsPerDoc), `capacity-${clients}`)
  const label = `capacity/${server.kind}/${clients}`
  const side = { kind: server.kind, server, pool }
  const windows: CapacityWindow[] = []
  let connectMs: number
  let idleRssBytes: number
  try {
    const started = performance.now()
    await connectClients(
      pool,
      planClients(server, docs, size.clientsPerDoc, typistsPerDoc, size.lightReceivers),
    )
    connectMs = performance.now() - started
    await sleep(ctx.sizes.settleMs)
    idleRssBytes = server.sample().rssBytes
    for (let i = 0; i < size.windows; i++) {
      const window = await measureFedWindow(
        ctx,
        label,
        async () => {
          const yardstick = server.kind === 'yardstick'
          if (yardstick) await takeStages(server, stagesFile(ctx))
          const raw = await runWindow(side, () => size.clientsPerDoc, {
            durationMs: size.windowMs,
            editsPerSecond: size.editsPerSecond,
          })
          const stages = yardstick ? await takeStages(server, stagesFile(ctx)) : null
          return { ...windowFigures(raw, starvedLoopDelayMs), serverRssBytes: raw.serverRssBytes, stages }
        },
        maxTries(),
      )
      windows.push(window)
      ctx.log(
        `${label} window ${i + 1}: p50 ${window.p50.toFixed(2)} ms, p99 ${window.p99.toFixed(1)} ms, delivered ${((window.arrived / window.expected) * 100).toFixed(1)} %, server ${window.serverCpuPct.toFixed(0)} % CPU, generator ${window.generatorCpuPct.toFixed(0)} % CPU (busiest process ${window.generatorBusiestCpuPct.toFixed(0)} %), loop delay p99 ${window.generatorLoopDelayP99Ms.toFixed(1)} ms, other ${window.otherCpuPct.toFixed(0)} %${window.tries > 1 ? ` (${window.tries} tries)` : ''}`,
      )
    }
  } finally {
    await pool.all({ op: 'disconnectAll' })
    await waitForIdle(server, ctx.sizes.settleMs * 10)
  }
  const series = windowSeries(windows)
  const ok = stepOk(series, size.p99LimitMs)
  ctx.log(
    `${label}: ${docs.length} docs, connected in ${(connectMs / 1000).toFixed(1)} s, median p99 ${series.p99.toFixed(1)} ms (${series.p99Min.toFixed(1)}–${series.p99Max.toFixed(1)}), delivered ${series.deliveredPct.toFixed(1)} % → ${ok ? 'ok' : 'over the limit'}`,
  )
  return {
    ...series,
    clients: docs.length * size.clientsPerDoc,
    docs: docs.length,
    typists: docs.length * typistsPerDoc,
    connectMs,
    idleRssBytes,
    ok,
  }
}

/**
 * Waits (up to `maxWaitMs`) until a server that just lost its clients has finished closing them (under 10 %
 * of a core over 250 ms), so that its clean-up does not run into the other server's turn.
 */
async function waitForIdle(server: BenchServer, maxWaitMs: number): Promise<void> {
  const deadline = performance.now() + maxWaitMs
  while (performance.now() < deadline) {
    const before = server.sample()
    await sleep(250)
    if (!(cpuPercent(before, server.sample()) >= 10)) return
  }
}

/** The issue's target (Yardstick's capacity at least the stock server's, same run) and issue #3's 5,000 clients. */
export function capacityTargets(result: CapacityResult): Target[] {
  const y = result.yardstick.largestOk
  const r = result.reference.largestOk
  const at5000 = result.yardstick.steps.find((step) => step.clients === 5000)
  return [
    {
      text: `largest count with p99 < ${result.p99LimitMs} ms at least the stock server's in the same run (${y > 0 ? fmt.int(y) : 'none'} vs ${r > 0 ? fmt.int(r) : 'none'}${y === 0 && r === 0 ? ': no step met the limit on either server, so the steps do not tell' : ''})`,
      met: y === 0 && r === 0 ? null : y >= r,
    },
    {
      text: `5,000 clients over 500 documents with p99 < ${result.p99LimitMs} ms`,
      met: at5000 ? at5000.ok : null,
    },
  ]
}

export function capacitySection(result: CapacityResult): Section {
  const counts = [...new Set([...result.yardstick.steps, ...result.reference.steps].map((s) => s.clients))]
  const pair = (
    y: CapacityStep | undefined,
    r: CapacityStep | undefined,
    show: (step: CapacityStep) => string,
  ) => `${y ? show(y) : '–'} / ${r ? show(r) : '–'}`
  const med = (pick: (w: CapacityWindow) => number) => (step: CapacityStep) => median(step.windows.map(pick))
  const p99 = (step: CapacityStep | undefined) =>
    step ? `${fmt.ms(step.p99)} (${fmt.ms(step.p99Min)}–${fmt.ms(step.p99Max)})${step.ok ? '' : ' ✗'}` : '–'
  const rows = counts.map((clients) => {
    const y = result.yardstick.steps.find((step) => step.clients === clients)
    const r = result.reference.steps.find((step) => step.clients === clients)
    const retries = (step: CapacityStep) => {
      const counted = retryCounts(step.windows)
      return `${counted.retries}${counted.starved > 0 ? ` (${counted.starved} starved)` : ''}`
    }
    return [
      `${fmt.int(clients)} / ${fmt.int(y?.docs ?? r?.docs)}`,
      fmt.ms(y?.p50),
      p99(y),
      fmt.ms(r?.p50),
      p99(r),
      fmt.ratio(ratio(y?.p99 ?? Number.NaN, r?.p99 ?? Number.NaN)),
      pair(y, r, (s) => fmt.pct(med((w) => w.serverCpuPct)(s))),
      pair(y, r, (s) => fmt.pct(med((w) => w.generatorCpuPct)(s))),
      pair(y, r, (s) => fmt.ms(med((w) => w.generatorLoopDelayP99Ms)(s))),
      pair(y, r, (s) => fmt.pct(med((w) => w.otherCpuPct)(s))),
      pair(y, r, (s) => fmt.pct(s.deliveredPct)),
      pair(y, r, retries),
    ]
  })
  const largest = (run: CapacityRun) => (run.largestOk > 0 ? fmt.int(run.largestOk) : 'none')
  rows.push([
    `largest count with p99 < ${result.p99LimitMs} ms`,
    '',
    largest(result.yardstick),
    '',
    largest(result.reference),
    fmt.ratio(ratio(result.yardstick.largestOk, result.reference.largestOk)),
    ...Array.from({ length: 6 }, () => ''),
  ])
  const stageRows = result.yardstick.steps.flatMap((step) => {
    const dumps = step.windows.flatMap((w) => (w.stages ? [w.stages] : []))
    if (dumps.length === 0) return []
    const m = (pick: (d: SyncStageDump) => number) => median(dumps.map(pick))
    return [
      [
        fmt.int(step.clients),
        `${fmt.ms(m((d) => d.stages.totalMs.p50))} / ${fmt.ms(m((d) => d.stages.totalMs.p99))}`,
        fmt.ms(m((d) => d.stages.queueWaitMs.p99)),
        `${fmt.ms(m((d) => d.stages.commitMs.p50))} / ${fmt.ms(m((d) => d.stages.commitMs.p99))}`,
        fmt.ms(m((d) => d.stages.relayMs.p99)),
        `${fmt.ms(m((d) => d.stages.batchUpdates.mean))} / ${fmt.int(Math.max(...dumps.map((d) => d.stages.batchUpdates.max)))}`,
        fmt.int(m((d) => d.stages.commitMs.count / (d.spanMs / 1000))),
        `${fmt.ms(m((d) => d.eventLoopDelayMs.p99))} / ${fmt.ms(Math.max(...dumps.map((d) => d.eventLoopDelayMs.max)))}`,
      ],
    ]
  })
  return {
    title: '3. Capacity',
    setup: `Per step and server: fresh documents with ${result.clientsPerDoc} clients each, ${Math.round(result.typingFraction * 100)} % of them typing trace edits (one every ${1000 / result.editsPerSecond} ms), connect and settle, ${result.windows} window${result.windows === 1 ? '' : 's'} of ${result.windowMs / 1000} s, then all leave before the other server's turn (who goes first alternates per step). One load generator of ${result.workers} client process${result.workers === 1 ? '' : 'es'} for both servers. p50 and p99 are medians of the windows' figures (p99 spread in brackets; ✗ = step over the limit or under 99.9 % delivered). Pairs are Yardstick / reference.`,
    header: [
      'clients / docs',
      'Yardstick p50 ms',
      'Yardstick p99 ms (min–max)',
      'ref p50 ms',
      'ref p99 ms (min–max)',
      'p99 ratio',
      'server CPU',
      'generator CPU',
      'generator loop p99 ms',
      'other CPU',
      'delivered',
      'retries',
    ],
    rows,
    subtables: [
      {
        title: "Where Yardstick's time goes (server-side, medians over a step's windows)",
        header: [
          'clients',
          'received→relayed p50 / p99',
          'queue wait p99',
          'commit p50 / p99',
          'relay p99',
          'batch mean / max',
          'commits /s',
          'event loop delay p99 / max',
        ],
        rows: stageRows,
      },
    ],
    targets: capacityTargets(result),
    notes: [
      `A window is measured again (3 tries at most, the least starved kept) when a client process's event-loop delay p99 exceeded ${result.starvedLoopDelayMs} ms, one used over 90 % of a core, or other processes took over half a core; "retries" counts the windows measured again, "starved" the kept windows that still were. Once the scenario has run ${fmt.int(result.retryBudgetMs / 60_000)} min, windows are no longer measured again. A server skips the larger counts after ${FAILED_STEPS_TO_STOP} failed steps in a row (or one over ${COLLAPSE_FACTOR} × the limit).`,
      ...(result.lightReceivers
        ? [
            'Typists are stock y-websocket providers; the passive clients are protocol-level receivers without a Y.Doc (test/bench/lightClient.ts), because stock providers applying every update would need more CPU than this machine has left beside the server. The servers see the same traffic either way.',
          ]
        : []),
      'CPU is % of one core over the typing window, median over the windows (this machine has 2); "generator CPU" is every client process together, "other CPU" the rest of this shared machine. When they leave the server less than a core, the tail latency reflects the machine, not the server.',
    ],
  }
}
