/**
 * Both servers side by side: each with its own client workers, started together so that their timed
 * windows can alternate (Yardstick, reference, reference, Yardstick, …) and share whatever else this
 * machine is doing at the time.
 */
import type { BenchContext } from './context'
import { benchCpuMs, machineBusyMs } from './procStats'
import type { BenchServer, ServerKind } from './servers'
import { WorkerPool } from './workerPool'

export interface Side {
  kind: ServerKind
  server: BenchServer
  pool: WorkerPool
}

export type Sides = Record<ServerKind, Side>

export async function startSides(ctx: BenchContext, tag: string, workers: number): Promise<Sides> {
  // Everything starts at once: process start-up (tsx in the workers) is most of a quick run's time.
  const start = async (kind: ServerKind): Promise<Side> => {
    const [server, pool] = await Promise.all([ctx.startServer(kind, tag), WorkerPool.start(workers)])
    return { kind, server, pool }
  }
  const [yardstick, reference] = await Promise.all([start('yardstick'), start('reference')])
  return { yardstick, reference }
}

export async function stopSides(sides: Partial<Sides>): Promise<void> {
  for (const side of Object.values(sides)) {
    await side.pool.stop()
    await side.server.stop()
  }
}

/** The order of the two servers in round `round`: alternating, so neither always goes first. */
export function sideOrder(sides: Sides, round: number): Side[] {
  return round % 2 === 0 ? [sides.yardstick, sides.reference] : [sides.reference, sides.yardstick]
}

/**
 * Waits (up to `maxWaitMs`) until the rest of this shared machine is quiet: less than `thresholdPct` of one
 * core used by processes that are not the bench's, over half a second. Returns that percentage.
 */
export async function waitForQuietMachine(maxWaitMs: number, thresholdPct = 30): Promise<number> {
  if (maxWaitMs <= 0) return Number.NaN
  const deadline = performance.now() + maxWaitMs
  for (;;) {
    const machineBefore = machineBusyMs()
    const benchBefore = benchCpuMs()
    const started = performance.now()
    await new Promise((resolve) => setTimeout(resolve, 500))
    const elapsed = performance.now() - started
    const otherPct = ((machineBusyMs() - machineBefore - (benchCpuMs() - benchBefore)) / elapsed) * 100
    if (!(otherPct >= thresholdPct) || performance.now() >= deadline) return otherPct
  }
}
