import type { Condition } from './contention/background'

/**
 * Command-line options and workload sizes of a bench run: the full sizes the issue asks for, and `--quick`
 * tiny sizes that exercise every code path in seconds (used by the smoke test in `npm test`).
 */
export const SCENARIOS = [
  'fanout',
  'throughput',
  'capacity',
  'load',
  'memory',
  'client',
  'analytics',
  'cluster',
  'media',
  'soak',
] as const
/** Scenarios a plain `npm run bench` leaves out (the soak takes 30 minutes): run them with `--only`. */
export const OPT_IN: readonly ScenarioName[] = ['soak']
export type ScenarioName = (typeof SCENARIOS)[number]

export interface Sizes {
  /** Before each timed window, wait up to `quietWaitMs` for the shared machine to be quiet, `quietBudgetMs` in all. */
  quietWaitMs: number
  quietBudgetMs: number
  /** Pause after connecting clients (and between memory readings) so the server settles. */
  settleMs: number
  /**
   * Per condition, `windows` windows of `windowMs` per server, each on a fresh document with `clients`
   * clients in one client process; a window whose generator's loop delay p99 exceeds `starvedLoopDelayMs`
   * is measured again.
   */
  fanout: {
    clients: number
    typists: number
    editsPerSecond: number
    windowMs: number
    windows: number
    starvedLoopDelayMs: number
    conditions: Condition[]
    /** Also measure Yardstick with the opt-in SYNC_RELAY=before-durable on each store. */
    early: boolean
  }
  /** Multi-instance fan-out: `durationMs` of typing per setup, split into `rounds` alternating windows. */
  cluster: {
    clients: number
    typists: number
    editsPerSecond: number
    durationMs: number
    rounds: number
    workers: number
  }
  throughput: {
    writers: number
    ratesPerSecond: number[]
    stepMs: number
    p99LimitMs: number
    workers: number
  }
  /**
   * Per client count in `steps` and per server in turn: fresh documents of `clientsPerDoc` clients connect,
   * `windows` windows of `windowMs` (a starved one measured again, as in the fan-out, until the scenario has
   * run `retryBudgetMs`), then all disconnect; `workers` client processes serve both servers.
   */
  capacity: {
    steps: number[]
    clientsPerDoc: number
    typingFraction: number
    editsPerSecond: number
    windowMs: number
    windows: number
    retryBudgetMs: number
    p99LimitMs: number
    /** Passive clients as protocol-level receivers (lightClient.ts) rather than stock providers. */
    lightReceivers: boolean
    workers: number
  }
  load: { traceTxns: number | null; keystrokeBatch: number; coldRuns: number; warmRuns: number }
  /** `readings`: memory readings (each after a forced GC) per point, the median is used. */
  memory: { docs: number; idleClients: number; readings: number; workers: number }
  client: { runs: number }
  /** One upload of `uploadMiB`, then `requests` image GETs and as many 304s. */
  media: { uploadMiB: number; requests: number }
  soak: {
    durationMs: number
    clients: number
    docs: number
    editsPerSecond: number
    disconnectProbabilityPerSecond: number
    killEveryMs: number
  }
}

const geometric = (from: number, factor: number, to: number) => {
  const rates: number[] = []
  for (let rate = from; rate <= to; rate = Math.round(rate * factor)) rates.push(rate)
  return rates
}

export const FULL_SIZES: Sizes = {
  quietWaitMs: 10_000,
  quietBudgetMs: 240_000,
  settleMs: 1000,
  fanout: {
    clients: 50,
    typists: 10,
    editsPerSecond: 10,
    windowMs: 12_000,
    windows: 3,
    starvedLoopDelayMs: 20,
    conditions: ['quiet', 'fsync', 'mixed'],
    early: true,
  },
  cluster: { clients: 50, typists: 10, editsPerSecond: 10, durationMs: 20_000, rounds: 2, workers: 2 },
  throughput: {
    writers: 10,
    ratesPerSecond: geometric(400, 1.5, 20_000),
    stepMs: 5000,
    p99LimitMs: 100,
    workers: 2,
  },
  capacity: {
    steps: [500, 1000, 2000, 3000, 4000, 5000],
    clientsPerDoc: 10,
    typingFraction: 0.1,
    editsPerSecond: 10,
    windowMs: 10_000,
    windows: 3,
    retryBudgetMs: 9 * 60_000,
    p99LimitMs: 50,
    lightReceivers: true,
    workers: 3,
  },
  load: { traceTxns: null, keystrokeBatch: 1, coldRuns: 5, warmRuns: 10 },
  memory: { docs: 200, idleClients: 2000, readings: 3, workers: 2 },
  client: { runs: 5 },
  media: { uploadMiB: 500, requests: 200 },
  soak: {
    durationMs: 30 * 60_000,
    clients: 100,
    docs: 10,
    editsPerSecond: 2,
    disconnectProbabilityPerSecond: 0.01,
    killEveryMs: 5 * 60_000,
  },
}

export const QUICK_SIZES: Sizes = {
  quietWaitMs: 0,
  quietBudgetMs: 0,
  settleMs: 200,
  fanout: {
    clients: 6,
    typists: 2,
    editsPerSecond: 10,
    windowMs: 1500,
    windows: 1,
    starvedLoopDelayMs: 20,
    // `mixed` runs every background process `fsync` does, and more.
    conditions: ['quiet', 'mixed'],
    early: true,
  },
  cluster: { clients: 6, typists: 2, editsPerSecond: 10, durationMs: 1500, rounds: 1, workers: 1 },
  throughput: { writers: 3, ratesPerSecond: [60, 120], stepMs: 800, p99LimitMs: 100, workers: 1 },
  capacity: {
    steps: [10, 20],
    clientsPerDoc: 5,
    typingFraction: 0.2,
    editsPerSecond: 10,
    windowMs: 1000,
    windows: 2,
    retryBudgetMs: 60_000,
    p99LimitMs: 50,
    lightReceivers: true,
    workers: 1,
  },
  load: { traceTxns: 3000, keystrokeBatch: 1, coldRuns: 1, warmRuns: 2 },
  memory: { docs: 4, idleClients: 12, readings: 1, workers: 1 },
  client: { runs: 1 },
  media: { uploadMiB: 20, requests: 10 },
  soak: {
    durationMs: 8000,
    clients: 6,
    docs: 2,
    editsPerSecond: 5,
    disconnectProbabilityPerSecond: 0.2,
    killEveryMs: 4000,
  },
}

export interface BenchOptions {
  quick: boolean
  only: ScenarioName[]
  /** Results root; each run writes `<outDir>/<stamp>.json` and `.md`, plus `latest.*`. */
  outDir: string
  /** Run both servers with `--cpu-prof` and summarise the profiles (slows them: figures are not comparable). */
  profile: boolean
  /** `build`: the production bundle in dist/ (what `npm run bench` measures); `source`: server/main.ts via tsx. */
  yardstickFrom: 'build' | 'source'
  chromiumPath: string
}

const USAGE = `usage: npm run bench -- [--quick] [--only ${SCENARIOS.join(',')}] [--out <dir>] [--profile] [--from-source]`

export function parseArgs(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    quick: false,
    only: SCENARIOS.filter((name) => !OPT_IN.includes(name)),
    outDir: 'bench-results',
    profile: false,
    yardstickFrom: 'build',
    chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  }
  let onlyGiven = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--quick') options.quick = true
    else if (arg === '--profile') options.profile = true
    else if (arg === '--from-source') options.yardstickFrom = 'source'
    else if (arg === '--out') options.outDir = argv[++i] ?? options.outDir
    else if (arg === '--only') {
      const names = (argv[++i] ?? '').split(',').filter(Boolean)
      const unknown = names.filter((name) => !(SCENARIOS as readonly string[]).includes(name))
      if (unknown.length > 0 || names.length === 0)
        throw new Error(`unknown scenario "${unknown.join(',')}"\n${USAGE}`)
      options.only = names as ScenarioName[]
      onlyGiven = true
    } else if (arg === '--help' || arg === '-h') throw new Error(USAGE)
    else throw new Error(`unknown option "${arg}"\n${USAGE}`)
  }
  // A quick run exercises every scenario, the opt-in ones too (at tiny sizes), so none of them rots.
  if (options.quick && !onlyGiven) options.only = [...SCENARIOS]
  return options
}
