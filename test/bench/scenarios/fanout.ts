/**
 * Scenario 1, fan-out latency: one document, N connected clients, T of them typing trace edits at a fixed
 * rate; p50 / p95 / p99 of the time from a local edit to its arrival at every other client.
 */
import type { BenchContext } from '../context'
import {
  connectClients,
  planClients,
  quietWindow,
  type RawWindow,
  runWindow,
  summarizeWindows,
  type TypingMeasurement,
} from '../liveTyping'
import { SERVER_LABEL, type ServerKind } from '../servers'
import { type Sides, sideOrder, startSides, stopSides } from '../sides'
import { ratio } from '../stats'
import { fmt, type Section } from '../table'

export interface FanoutResult {
  clients: number
  typists: number
  editsPerSecond: number
  durationMs: number
  rounds: number
  yardstick: TypingMeasurement
  reference: TypingMeasurement
}

export async function runFanout(ctx: BenchContext): Promise<FanoutResult> {
  const size = ctx.sizes.fanout
  let sides: Sides | null = null
  try {
    sides = await startSides(ctx, 'fanout', size.workers)
    for (const side of Object.values(sides)) {
      const [doc] = await side.server.createDocs(1, 'fanout')
      await connectClients(side.pool, planClients(side.server, [doc!], size.clients, size.typists))
    }
    ctx.log(`fanout: ${size.clients} clients synced on each server; ${size.typists} typing`)
    const windows: Record<ServerKind, RawWindow[]> = { yardstick: [], reference: [] }
    for (let round = 0; round < size.rounds; round++) {
      for (const side of sideOrder(sides, round)) {
        const window = await quietWindow(ctx, () =>
          runWindow(side, () => size.clients, {
            durationMs: size.durationMs / size.rounds,
            editsPerSecond: size.editsPerSecond,
          }),
        )
        windows[side.kind].push(window)
        ctx.log(`fanout/${side.kind} round ${round + 1}: ${window.samples.length} arrivals`)
      }
    }
    return {
      clients: size.clients,
      typists: size.typists,
      editsPerSecond: size.editsPerSecond,
      durationMs: size.durationMs,
      rounds: size.rounds,
      yardstick: summarizeWindows(windows.yardstick),
      reference: summarizeWindows(windows.reference),
    }
  } finally {
    if (sides) await stopSides(sides)
  }
}

export function fanoutSection(result: FanoutResult): Section {
  const row = (label: string, m: TypingMeasurement) => [
    label,
    fmt.ms(m.latency.p50),
    fmt.ms(m.latency.p95),
    fmt.ms(m.latency.p99),
    fmt.ms(m.latency.max),
    `${fmt.int(m.arrived)} / ${fmt.int(m.expected)}`,
    fmt.pct(m.serverCpuPct),
    fmt.pct(m.clientCpuPct),
    fmt.pct(m.backgroundCpuPct),
  ]
  const y = result.yardstick
  const r = result.reference
  const p99Ratio = ratio(y.latency.p99, r.latency.p99)
  return {
    title: '1. Fan-out latency',
    setup: `One document, ${result.clients} clients, ${result.typists} typing trace edits (one every ${1000 / result.editsPerSecond} ms each) for ${result.durationMs / 1000} s per server in ${result.rounds} alternating windows; time from a local edit to its arrival at every other client.`,
    header: [
      'server',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'arrivals',
      'server CPU',
      'clients CPU',
      'other CPU',
    ],
    rows: [
      row(SERVER_LABEL.yardstick, y),
      row(SERVER_LABEL.reference, r),
      [
        'ratio (Yardstick ÷ ref)',
        fmt.ratio(ratio(y.latency.p50, r.latency.p50)),
        fmt.ratio(ratio(y.latency.p95, r.latency.p95)),
        fmt.ratio(p99Ratio),
        fmt.ratio(ratio(y.latency.max, r.latency.max)),
        '',
        fmt.ratio(ratio(y.serverCpuPct, r.serverCpuPct)),
        '',
        '',
      ],
    ],
    targets: [
      {
        text: `p99 at ${result.clients} clients ≤ 1.0 × the reference`,
        met: Number.isFinite(p99Ratio) ? p99Ratio <= 1 : null,
      },
    ],
    notes: [
      'A window during which other processes on this shared machine took more than half a core is measured again (3 tries at most; the quietest counts).',
      'CPU columns are % of one core over the typing windows; "other CPU" is what the rest of this shared machine used meanwhile.',
    ],
  }
}
