/**
 * A load-generator process (forked by workerPool.ts): hosts many BenchClients, types on command, and
 * answers the coordinator's requests (see ipc.ts). Keeping clients out of the coordinator and the servers
 * means neither server shares its event loop with the load it is measured under.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Y from 'yjs'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { BenchClient, openProvider, waitSynced } from './benchClient'
import { benchNow, localNow, setClockOffset } from './clock'
import { fragmentLength } from './docText'
import type { ConnectResult, ProbeResult, TypeResult, WatchResult, WorkerReply, WorkerRequest } from './ipc'
import { LightClient } from './lightClient'
import { LatencyRecorder } from './recorder'

const recorder = new LatencyRecorder()
const clients: (BenchClient | LightClient)[] = []

setInterval(() => {
  const now = Date.now()
  for (const client of clients) if (client instanceof LightClient) client.renewAwareness(now)
}, 3000).unref()

const cpuMsNow = () => {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function connect(request: Extract<WorkerRequest, { op: 'connect' }>): Promise<ConnectResult> {
  const started = performance.now()
  for (let i = 0; i < request.clients.length; i += request.concurrency) {
    const batch = request.clients
      .slice(i, i + request.concurrency)
      .map((spec) => (spec.light ? new LightClient(spec, recorder) : new BenchClient(spec, recorder)))
    clients.push(...batch)
    await Promise.all(batch.map((client) => client.ready(request.timeoutMs)))
  }
  return { connected: request.clients.length, ms: performance.now() - started }
}

/** Every typist types at `editsPerSecond` from `startAt` for `durationMs`, then arrivals drain. */
async function type(request: Extract<WorkerRequest, { op: 'type' }>): Promise<TypeResult> {
  const typists = clients.filter(
    (client): client is BenchClient => client instanceof BenchClient && client.typist !== null,
  )
  const interval = 1000 / request.editsPerSecond
  const endAt = request.startAt + request.durationMs
  const sentBefore = new Map(typists.map((client) => [client, client.typist!.sent]))
  recorder.take()
  recorder.reconnects = 0
  recorder.recording = true
  const cpuBefore = cpuMsNow()
  await sleep(Math.max(0, request.startAt - benchNow()))
  // How late this process's timers ran while typing: a starved generator sends late and reads late.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 })
  loopDelay.enable()
  await Promise.all(
    typists.map(async (client, index) => {
      // Spread the typists' phases over one interval so they do not all type in the same millisecond.
      let due = request.startAt + ((index * 7919) % typists.length) * (interval / typists.length)
      while (due < endAt) {
        const wait = due - benchNow()
        if (wait > 0) await sleep(wait)
        // Catch up on edits that fell due while this process was busy (a flood stays a flood).
        while (due <= benchNow() && due < endAt) {
          client.typist!.typeNext()
          due += interval
        }
      }
    }),
  )
  loopDelay.disable()
  const drainStart = benchNow()
  for (;;) {
    const now = benchNow()
    if (now - Math.max(recorder.lastArrivalAt, drainStart) >= request.quietMs) break
    if (now - drainStart >= request.maxDrainMs) break
    await sleep(20)
  }
  recorder.recording = false
  const sentByDoc: Record<string, number> = {}
  for (const client of typists) {
    const sent = client.typist!.sent - sentBefore.get(client)!
    sentByDoc[client.spec.doc] = (sentByDoc[client.spec.doc] ?? 0) + sent
  }
  return {
    sentByDoc,
    ...recorder.take(),
    reconnects: recorder.reconnects,
    cpuMs: cpuMsNow() - cpuBefore,
    loopDelayP99Ms: loopDelay.count > 0 ? loopDelay.percentile(99) / 1e6 : 0,
    loopDelayMaxMs: loopDelay.count > 0 ? loopDelay.max / 1e6 : 0,
  }
}

/** A brand-new client: connect → synced, and how long this process alone needs to apply that state. */
async function probe(request: Extract<WorkerRequest, { op: 'probe' }>): Promise<ProbeResult> {
  const doc = new Y.Doc()
  const started = performance.now()
  const provider = openProvider(request.url, request.doc, doc)
  try {
    await waitSynced(provider, request.timeoutMs, `probe on ${request.doc}`)
    const syncedMs = performance.now() - started
    const state = Y.encodeStateAsUpdate(doc)
    const applyStarted = performance.now()
    Y.applyUpdate(new Y.Doc(), state)
    const applyMs = performance.now() - applyStarted
    return { syncedMs, chars: fragmentLength(guidelineFragment(doc)), applyMs }
  } finally {
    provider.destroy()
    doc.destroy()
  }
}

/** Connects, then resolves once the document holds client `client`'s edits up to `clock` (an upload arrived). */
async function watch(
  request: Extract<WorkerRequest, { op: 'watch' }>,
  ready: () => void,
): Promise<WatchResult> {
  const doc = new Y.Doc()
  const provider = openProvider(request.url, request.doc, doc)
  const fragment = guidelineFragment(doc)
  let timer: NodeJS.Timeout | undefined
  try {
    await waitSynced(provider, request.timeoutMs, `watcher on ${request.doc}`)
    ready()
    return await new Promise<WatchResult>((resolve, reject) => {
      const check = () => {
        if (Y.getState(doc.store, request.client) < request.clock) return
        doc.off('afterTransaction', check)
        resolve({ doneAt: benchNow(), chars: fragmentLength(fragment) })
      }
      timer = setTimeout(() => {
        doc.off('afterTransaction', check)
        reject(
          new Error(`watcher: clock ${Y.getState(doc.store, request.client)} of ${request.clock} arrived`),
        )
      }, request.timeoutMs)
      doc.on('afterTransaction', check)
      check()
    })
  } finally {
    clearTimeout(timer)
    provider.destroy()
    doc.destroy()
  }
}

async function handle(request: WorkerRequest, id: number): Promise<unknown> {
  switch (request.op) {
    case 'clock':
      return { now: localNow() }
    case 'setClockOffset':
      setClockOffset(request.offsetMs)
      return {}
    case 'connect':
      return connect(request)
    case 'type':
      return type(request)
    case 'probe':
      return probe(request)
    case 'watch':
      return watch(request, () => process.send?.({ id, ready: true }))
    case 'disconnectAll':
      for (const client of clients.splice(0)) client.destroy()
      return {}
    case 'usage':
      return { cpuMs: cpuMsNow(), rssBytes: process.memoryUsage.rss() }
  }
}

process.on('message', (message: WorkerRequest & { id: number }) => {
  const reply = (body: WorkerReply) => process.send?.(body)
  handle(message, message.id).then(
    (result) => reply({ id: message.id, ok: true, result }),
    (error: unknown) =>
      reply({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  )
})
// Every WebsocketProvider adds a process 'exit' listener; thousands of them are expected here.
process.setMaxListeners(0)
process.on('disconnect', () => process.exit(0))
process.send?.({ started: true })
