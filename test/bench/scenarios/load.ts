/**
 * Scenario 4, cold and warm load: the `automerge-paper` trace applied into a document and stored; then the
 * time from connect to synced for a new client with the document on disk only (Yardstick restarted: cold)
 * and in memory (warm), bytes on disk against the encoded state, and the trace typed live as small updates.
 */
import type { BenchContext } from '../context'
import { type DiskUsage, diskUsage } from '../diskUsage'
import type { ProbeResult } from '../ipc'
import type { BenchServer, ServerKind } from '../servers'
import { SERVER_LABEL, tempDir } from '../servers'
import { median, ratio } from '../stats'
import { fmt, type Section } from '../table'
import { buildOffline, type LiveReplay, replayLive, upload } from '../traceDoc'
import { loadTrace } from '../traces'
import { type ClientWorker, WorkerPool } from '../workerPool'

export interface SyncTimes {
  /** Connect → synced, ms, per run. */
  runs: number[]
  median: number
  /** Of which the probe process spends applying the state (median), ms. */
  applyMs: number
  chars: number
}

export interface LoadSide {
  /** Whole document as one update (a provider's SyncStep2) → visible at another client, ms. */
  uploadMs: number
  /** First client after a server restart: the document and the server's code paths are both cold. */
  cold: SyncTimes | null
  /** A running server loads the document from disk again after evicting it. */
  evicted: SyncTimes | null
  warm: SyncTimes
  /** Server RSS with the document loaded and one client connected. */
  rssWithDocBytes: number
  live: LiveReplay & { updatesPerSecond: number }
  disk: { afterUpload: DiskUsage; afterLiveReplay: DiskUsage } | null
}

export interface LoadResult {
  trace: string
  txns: number
  chars: number
  replayMs: number
  encodedBytes: number
  matchesTrace: boolean
  keystrokeBatch: number
  yardstick: LoadSide
  reference: LoadSide
}

/** Grace period after which the load scenario's Yardstick evicts an unused room. */
const EVICT_AFTER_MS = 300

function mergeTimes(list: SyncTimes[]): SyncTimes | null {
  if (list.length === 0) return null
  const runs = list.flatMap((times) => times.runs)
  return {
    runs,
    median: median(runs),
    applyMs: median(list.map((times) => times.applyMs)),
    chars: list[0]!.chars,
  }
}

/** Connect → synced of a brand-new client, each run once this shared machine is quiet. */
async function probeTimes(
  ctx: BenchContext,
  worker: ClientWorker,
  server: BenchServer,
  doc: string,
  runs: number,
): Promise<SyncTimes> {
  const results: ProbeResult[] = []
  for (let i = 0; i < runs; i++) {
    await ctx.waitForQuiet()
    results.push(
      await worker.request<ProbeResult>({ op: 'probe', url: server.syncUrl, doc, timeoutMs: 60_000 }),
    )
  }
  return {
    runs: results.map((r) => r.syncedMs),
    median: median(results.map((r) => r.syncedMs)),
    applyMs: median(results.map((r) => r.applyMs)),
    chars: results[0]?.chars ?? 0,
  }
}

/** Keeps the room in memory (one connected client), probes warm, and reads the server's RSS. */
async function warmProbe(ctx: BenchContext, pool: WorkerPool, server: BenchServer, doc: string) {
  const [worker] = pool.workers
  await worker!.request({
    op: 'connect',
    clients: [{ key: 'holder', url: server.syncUrl, doc }],
    concurrency: 1,
    timeoutMs: 60_000,
  })
  const warm = await probeTimes(ctx, worker!, server, doc, ctx.sizes.load.warmRuns)
  const rssWithDocBytes = server.sample().rssBytes
  await worker!.request({ op: 'disconnectAll' })
  return { warm, rssWithDocBytes }
}

async function liveReplay(ctx: BenchContext, kind: ServerKind, worker: ClientWorker, txns: number) {
  const trace = loadTrace('automerge-paper')
  const server = await ctx.startServer(kind, 'load-live')
  try {
    const [doc] = await server.createDocs(1, 'automerge-paper live')
    const live = await replayLive(server, doc!, trace, txns, ctx.sizes.load.keystrokeBatch, worker)
    ctx.log(`load/${kind}: ${live.updates} live updates ingested in ${(live.ingestMs / 1000).toFixed(1)} s`)
    return {
      live: { ...live, updatesPerSecond: live.updates / (live.ingestMs / 1000) },
      dataDir: server.dataDir,
    }
  } finally {
    await server.stop()
  }
}

export async function runLoad(ctx: BenchContext): Promise<LoadResult> {
  const size = ctx.sizes.load
  const trace = loadTrace('automerge-paper')
  const txns = size.traceTxns ?? trace.txns.length
  const pool = await WorkerPool.start(1)
  const worker = pool.workers[0]!
  let builtDoc: { destroy(): void } | null = null
  try {
    // Yardstick: build, upload, warm probes, then restart for each cold probe.
    const dataDir = tempDir('yardstick-bench-load-')
    let server = await ctx.startServer('yardstick', 'load', { dataDir })
    const [docId] = await server.createDocs(1, 'automerge-paper')
    const built = await buildOffline(server, docId!, trace, txns)
    builtDoc = built.doc
    ctx.log(
      `load: replayed ${txns} edits offline in ${(built.replayMs / 1000).toFixed(1)} s, ${built.encodedBytes} bytes encoded`,
    )
    const yUploadMs = await upload(server, docId!, built.doc, worker)
    const yWarm = await warmProbe(ctx, pool, server, docId!)
    await server.stop()
    const afterUpload = diskUsage(dataDir)
    const coldRuns: SyncTimes[] = []
    const evictedRuns: SyncTimes[] = []
    for (let i = 0; i < size.coldRuns; i++) {
      server = await ctx.startServer('yardstick', 'load', {
        dataDir,
        env: { ROOM_GRACE_MS: String(EVICT_AFTER_MS) },
      })
      coldRuns.push(await probeTimes(ctx, worker, server, docId!, 1))
      await new Promise((resolve) => setTimeout(resolve, EVICT_AFTER_MS + 1000))
      evictedRuns.push(await probeTimes(ctx, worker, server, docId!, 1))
      await server.stop()
    }
    const cold = mergeTimes(coldRuns)
    const evicted = mergeTimes(evictedRuns)
    ctx.log(
      `load/yardstick: cold ${fmt.ms(cold?.median)} ms, evicted ${fmt.ms(evicted?.median)} ms, warm ${fmt.ms(yWarm.warm.median)} ms`,
    )
    const yLive = await liveReplay(ctx, 'yardstick', worker, txns)

    // Reference: the same document uploaded into memory; there is no disk, so no cold load.
    const reference = await ctx.startServer('reference', 'load')
    let rUploadMs: number
    let rWarm: Awaited<ReturnType<typeof warmProbe>>
    try {
      const [name] = await reference.createDocs(1, 'automerge-paper')
      rUploadMs = await upload(reference, name!, built.doc, worker)
      rWarm = await warmProbe(ctx, pool, reference, name!)
    } finally {
      await reference.stop()
    }
    ctx.log(`load/reference: warm ${fmt.ms(rWarm.warm.median)} ms`)
    const rLive = await liveReplay(ctx, 'reference', worker, txns)

    return {
      trace: trace.name,
      txns,
      chars: built.txns === trace.txns.length ? trace.endContent.length : yWarm.warm.chars,
      replayMs: built.replayMs,
      encodedBytes: built.encodedBytes,
      matchesTrace: built.matchesTrace,
      keystrokeBatch: size.keystrokeBatch,
      yardstick: {
        uploadMs: yUploadMs,
        cold,
        evicted,
        ...yWarm,
        live: yLive.live,
        disk: { afterUpload, afterLiveReplay: diskUsage(yLive.dataDir!) },
      },
      reference: { uploadMs: rUploadMs, cold: null, evicted: null, ...rWarm, live: rLive.live, disk: null },
    }
  } finally {
    builtDoc?.destroy()
    await pool.stop()
  }
}

export function loadSection(result: LoadResult): Section {
  const row = (label: string, side: LoadSide) => [
    label,
    fmt.ms(side.cold?.median),
    fmt.ms(side.evicted?.median),
    fmt.ms(side.warm.median),
    fmt.ms(side.uploadMs),
    `${fmt.int(side.live.updatesPerSecond)}/s`,
    fmt.bytes(side.disk?.afterUpload.totalBytes),
    fmt.bytes(side.disk?.afterLiveReplay.totalBytes),
    fmt.bytes(side.rssWithDocBytes),
  ]
  const y = result.yardstick
  const r = result.reference
  const diskRatio = y.disk ? y.disk.afterUpload.totalBytes / result.encodedBytes : Number.NaN
  const liveDiskRatio = y.disk ? y.disk.afterLiveReplay.totalBytes / result.encodedBytes : Number.NaN
  const full = result.txns === 259_778
  return {
    title: '4. Cold and warm load',
    setup: `The ${result.trace} trace (${fmt.int(result.txns)} edits, ${fmt.int(result.chars)} characters, ${fmt.bytes(result.encodedBytes)} as Y.encodeStateAsUpdate) in one document. Cold: first client after a restart; evicted: a client after the running server dropped the room (both medians of ${y.cold?.runs.length ?? 0}); warm: a new client while the document is in memory (median of ${y.warm.runs.length}). Upload: the whole document as one update; live: the trace typed as ${fmt.int(y.live.updates)} updates (${result.keystrokeBatch} edit${result.keystrokeBatch > 1 ? 's' : ''} each).`,
    header: [
      'server',
      'cold ms',
      'evicted ms',
      'warm ms',
      'upload ms',
      'live ingest',
      'disk (upload)',
      'disk (live)',
      'RSS with doc',
    ],
    rows: [
      row(SERVER_LABEL.yardstick, y),
      row(SERVER_LABEL.reference, r),
      [
        'ratio (Yardstick ÷ ref)',
        '',
        '',
        fmt.ratio(ratio(y.warm.median, r.warm.median)),
        fmt.ratio(ratio(y.uploadMs, r.uploadMs)),
        fmt.ratio(ratio(y.live.updatesPerSecond, r.live.updatesPerSecond)),
        `${fmt.ratio(diskRatio)} encoded`,
        `${fmt.ratio(liveDiskRatio)} encoded`,
        fmt.ratio(ratio(y.rssWithDocBytes, r.rssWithDocBytes)),
      ],
    ],
    targets: full
      ? [
          { text: 'automerge-paper cold load < 150 ms', met: y.cold ? y.cold.median < 150 : null },
          { text: 'automerge-paper warm load < 30 ms', met: y.warm.median < 30 },
          {
            text: 'on disk ≤ 2 × encoded size',
            met: Number.isFinite(diskRatio) ? diskRatio <= 2 && liveDiskRatio <= 2 : null,
          },
        ]
      : [],
    notes: [
      `Connect → synced includes the new client applying the state: ${fmt.ms(y.warm.applyMs)} ms of the warm time in this process. The reference keeps documents in memory only, so it has no cold load and no disk.`,
      `Disk = yardstick.sqlite + WAL after a clean shutdown (which compacts); "live" is after ${fmt.int(y.live.updates)} small updates were logged and compacted every COMPACT_AFTER_UPDATES.${y.disk ? ` Free pages there: ${fmt.int(y.disk.afterLiveReplay.freePages)} of ${fmt.int(y.disk.afterLiveReplay.pages)}.` : ''}`,
      `Replay check: the trace paragraph ${result.matchesTrace ? 'equals' : 'DOES NOT equal'} the trace's end text.`,
    ],
  }
}
