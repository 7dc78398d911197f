/**
 * The same background load for both servers in a fan-out condition: nothing (`quiet`), a writer that fsyncs
 * continuously on the servers' disk (`fsync`), or that writer plus a core kept busy plus a second Yardstick
 * server with typists of its own (`mixed`, the load an outside probe met when other work shared the machine).
 * Every process is tracked (children.ts), so it counts as the bench's and dies with the run.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { track } from '../children'
import { benchNow } from '../clock'
import type { BenchContext } from '../context'
import { connectClients, planClients } from '../liveTyping'
import type { BenchServer } from '../servers'
import { WorkerPool } from '../workerPool'

export const CONDITIONS = ['quiet', 'fsync', 'mixed'] as const
export type Condition = (typeof CONDITIONS)[number]

export const CONDITION_LABEL: Record<Condition, string> = {
  quiet: 'quiet machine',
  fsync: 'disk writer fsyncing',
  mixed: 'disk writer + busy core + second Yardstick typing',
}

export interface Background {
  stop(): Promise<void>
}

/** The neighbour in `mixed`: 2 documents × 10 clients, 3 typing 10 edits/s each (60 durable updates/s). */
const NEIGHBOUR = { docs: 2, clientsPerDoc: 10, typistsPerDoc: 3, editsPerSecond: 10 }

export async function startBackground(
  ctx: BenchContext,
  condition: Condition,
  dir: string,
): Promise<Background> {
  const stops: (() => Promise<void>)[] = []
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop()
  }
  try {
    if (condition === 'fsync' || condition === 'mixed') {
      stops.push(spawnTracked([join(import.meta.dirname, 'diskWriter.mjs'), dir]))
    }
    if (condition === 'mixed') {
      stops.push(spawnTracked(['-e', 'for (;;) {}']))
      stops.push(await startNeighbour(ctx))
    }
  } catch (error) {
    await stopAll()
    throw error
  }
  return { stop: stopAll }
}

function spawnTracked(args: string[]): () => Promise<void> {
  const child = track(spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] }))
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  return async () => {
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }
}

async function startNeighbour(ctx: BenchContext): Promise<() => Promise<void>> {
  let server: BenchServer | null = null
  let pool: WorkerPool | null = null
  const stop = async () => {
    await pool?.stop()
    await server?.stop()
  }
  try {
    ;[server, pool] = await Promise.all([
      ctx.startServer('yardstick', 'fanout-neighbour'),
      WorkerPool.start(1),
    ])
    const docs = await server.createDocs(NEIGHBOUR.docs, 'neighbour')
    await connectClients(pool, planClients(server, docs, NEIGHBOUR.clientsPerDoc, NEIGHBOUR.typistsPerDoc))
    // Types until stopped: the request ends when the worker does.
    pool
      .all({
        op: 'type',
        startAt: benchNow() + 100,
        durationMs: 3_600_000,
        editsPerSecond: NEIGHBOUR.editsPerSecond,
        quietMs: 100,
        maxDrainMs: 100,
      })
      .catch(() => {})
  } catch (error) {
    await stop()
    throw error
  }
  return stop
}
