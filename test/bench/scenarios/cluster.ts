/**
 * Scenario 7, multi-instance fan-out: the fan-out workload (one document, N clients, T typing) on two
 * Yardstick instances sharing PostgreSQL and Redis with the clients split between them, next to one
 * Yardstick instance on PostgreSQL and the reference server, in alternating windows of the same run.
 * Needs the PostgreSQL and Redis of TEST_DATABASE_URL / TEST_REDIS_URL (the local servers by default).
 */
import { dropSchemas, freshSchema, TEST_DATABASE_URL } from '../../helpers/postgres'
import { redisPrefix, requireRedis, TEST_REDIS_URL } from '../../helpers/redis'
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
import type { BenchServer } from '../servers'
import type { Side } from '../sides'
import { ratio } from '../stats'
import { fmt, type Section } from '../table'
import { WorkerPool } from '../workerPool'

type Setup = 'reference' | 'single' | 'pair'
const LABEL: Record<Setup, string> = {
  reference: 'y-websocket-server 0.1.1',
  single: 'Yardstick, 1 instance (PostgreSQL)',
  pair: 'Yardstick, 2 instances (PostgreSQL + Redis)',
}

export interface ClusterResult {
  clients: number
  typists: number
  editsPerSecond: number
  durationMs: number
  rounds: number
  reference: TypingMeasurement
  single: TypingMeasurement
  pair: TypingMeasurement
}

const databaseUrl = (schema: string) =>
  `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`

/** Two processes measured as one: CPU and RSS are their sums. */
function combined(a: BenchServer, b: BenchServer): BenchServer {
  return {
    ...a,
    sample() {
      const [x, y] = [a.sample(), b.sample()]
      return { at: x.at, cpuMs: x.cpuMs + y.cpuMs, rssBytes: x.rssBytes + y.rssBytes }
    },
  }
}

export async function runCluster(ctx: BenchContext): Promise<ClusterResult> {
  const size = ctx.sizes.cluster
  await requireRedis()
  const servers: BenchServer[] = []
  const pools: WorkerPool[] = []
  const start = async (setup: Setup, tag: string, env?: Record<string, string>) => {
    const server = await ctx.startServer(
      setup === 'reference' ? 'reference' : 'yardstick',
      tag,
      env ? { env } : {},
    )
    servers.push(server)
    return server
  }
  try {
    const pairEnv = {
      DATABASE_URL: databaseUrl(await freshSchema()),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redisPrefix(),
    }
    const reference = await start('reference', 'cluster-ref')
    const single = await start('single', 'cluster-single', { DATABASE_URL: databaseUrl(await freshSchema()) })
    // The first instance creates the bench account; the second signs in to it.
    const first = await start('pair', 'cluster-a', pairEnv)
    const second = await start('pair', 'cluster-b', pairEnv)
    const sides = {} as Record<Setup, Side>
    for (const [setup, server] of [
      ['reference', reference],
      ['single', single],
      ['pair', combined(first, second)],
    ] as const) {
      const pool = await WorkerPool.start(size.workers)
      pools.push(pool)
      sides[setup] = { kind: setup === 'reference' ? 'reference' : 'yardstick', server, pool }
      const [doc] = await server.createDocs(1, 'cluster')
      const specs = planClients(server, [doc!], size.clients, size.typists)
      // Split the clients (typists too) between the two instances.
      if (setup === 'pair') {
        for (const [i, spec] of specs.entries()) spec.url = i % 2 === 0 ? first.syncUrl : second.syncUrl
      }
      await connectClients(pool, specs)
    }
    ctx.log(`cluster: ${size.clients} clients synced on each setup; ${size.typists} typing`)

    const order: Setup[] = ['pair', 'single', 'reference']
    const windows: Record<Setup, RawWindow[]> = { reference: [], single: [], pair: [] }
    for (let round = 0; round < size.rounds; round++) {
      for (let i = 0; i < order.length; i++) {
        const setup = order[(i + round) % order.length]!
        const window = await quietWindow(ctx, () =>
          runWindow(sides[setup], () => size.clients, {
            durationMs: size.durationMs / size.rounds,
            editsPerSecond: size.editsPerSecond,
          }),
        )
        windows[setup].push(window)
        ctx.log(`cluster/${setup} round ${round + 1}: ${window.samples.length} arrivals`)
      }
    }
    return {
      clients: size.clients,
      typists: size.typists,
      editsPerSecond: size.editsPerSecond,
      durationMs: size.durationMs,
      rounds: size.rounds,
      reference: summarizeWindows(windows.reference),
      single: summarizeWindows(windows.single),
      pair: summarizeWindows(windows.pair),
    }
  } finally {
    for (const pool of pools) await pool.stop()
    for (const server of servers) await server.stop()
    await dropSchemas()
  }
}

export function clusterSection(result: ClusterResult): Section {
  const ref = result.reference
  const row = (setup: Setup) => {
    const m = result[setup]
    return [
      LABEL[setup],
      fmt.ms(m.latency.p50),
      fmt.ms(m.latency.p95),
      fmt.ms(m.latency.p99),
      setup === 'reference' ? '' : fmt.ratio(ratio(m.latency.p99, ref.latency.p99)),
      `${fmt.int(m.arrived)} / ${fmt.int(m.expected)}`,
      fmt.pct(m.serverCpuPct),
    ]
  }
  return {
    title: '7. Multi-instance fan-out',
    setup: `The fan-out workload (one document, ${result.clients} clients, ${result.typists} typing, one edit every ${1000 / result.editsPerSecond} ms each, ${result.durationMs / 1000} s per setup in ${result.rounds} rotating windows) on two Yardstick instances sharing PostgreSQL and Redis with the clients split between them, on one Yardstick instance on PostgreSQL, and on the reference.`,
    header: ['setup', 'p50 ms', 'p95 ms', 'p99 ms', 'p99 ÷ ref', 'arrivals', 'server CPU'],
    rows: [row('pair'), row('single'), row('reference')],
    targets: [],
    notes: [
      'Half of the edits cross instances: written to PostgreSQL by one instance, then published through Redis to the other, which relays them to its clients.',
      'Server CPU of the two-instance setup is the sum of both processes (% of one core).',
    ],
  }
}
