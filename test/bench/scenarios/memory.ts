/**
 * Scenario 5, memory: server RSS per idle connection and per loaded document. Each figure is a difference
 * of resident memory after a forced full GC (through the V8 inspector), so both servers are measured alike.
 */
import * as Y from 'yjs'
import { exampleGuideline } from '../../../server/seed/exampleGuideline'
import { appendBlocks } from '../../../shared/ydoc/guidelineBuilder'
import { guidelineFragment } from '../../../shared/ydoc/layout'
import type { BenchContext } from '../context'
import { connectInspector } from '../inspector'
import type { ClientSpec } from '../ipc'
import { connectClients } from '../liveTyping'
import { type BenchServer, SERVER_LABEL, type ServerKind } from '../servers'
import { median, ratio } from '../stats'
import { fmt, type Section } from '../table'
import { WorkerPool } from '../workerPool'

export interface MemoryPoint {
  rssBytes: number
  heapUsedBytes: number
}

export interface MemorySide {
  baseline: MemoryPoint
  withDocs: MemoryPoint
  withIdleClients: MemoryPoint
  /** (RSS with the idle clients − RSS before them) ÷ idle clients. */
  rssPerConnectionBytes: number
  heapPerConnectionBytes: number
  /** (RSS with the documents − baseline) ÷ documents, minus one connection each. */
  rssPerDocBytes: number
  heapPerDocBytes: number
}

export interface MemoryResult {
  docs: number
  idleClients: number
  /** Encoded size of each loaded document (the example guideline). */
  docBytes: number
  yardstick: MemorySide
  reference: MemorySide
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Median of a few readings, each after a full GC and a short settle. */
async function settledMemory(server: BenchServer, count: number, settleMs: number): Promise<MemoryPoint> {
  const inspector = await connectInspector(server.inspectorUrl!)
  try {
    const readings: MemoryPoint[] = []
    for (let i = 0; i < count; i++) {
      await inspector.collectGarbage()
      await sleep(settleMs / 3)
      readings.push({ rssBytes: server.sample().rssBytes, heapUsedBytes: await inspector.heapUsedBytes() })
    }
    return {
      rssBytes: median(readings.map((r) => r.rssBytes)),
      heapUsedBytes: median(readings.map((r) => r.heapUsedBytes)),
    }
  } finally {
    inspector.close()
  }
}

async function runOn(ctx: BenchContext, kind: ServerKind): Promise<MemorySide> {
  const size = ctx.sizes.memory
  const server = await ctx.startServer(kind, 'memory', { inspect: true })
  const pool = await WorkerPool.start(size.workers)
  try {
    const [warmup, ...docs] = await server.createDocs(size.docs + 1, 'memory')
    const client = (doc: string, key: string, seed = false): ClientSpec => ({
      key,
      url: server.syncUrl,
      doc,
      seed,
    })
    // One document and client first, so that code loaded on first use is in the baseline.
    const settle = async () => {
      await sleep(ctx.sizes.settleMs)
      return settledMemory(server, size.readings, ctx.sizes.settleMs)
    }
    await connectClients(pool, [client(warmup!, 'warmup', true)])
    const baseline = await settle()
    await connectClients(
      pool,
      docs.map((doc) => client(doc, `${doc}/seed`, true)),
    )
    const withDocs = await settle()
    await connectClients(
      pool,
      Array.from({ length: size.idleClients }, (_, i) => client(docs[i % docs.length]!, `idle-${i}`)),
    )
    const withIdleClients = await settle()
    ctx.log(
      `memory/${kind}: ${fmt.bytes(baseline.rssBytes)} → ${fmt.bytes(withDocs.rssBytes)} → ${fmt.bytes(withIdleClients.rssBytes)}`,
    )
    const perConnection = (pick: (point: MemoryPoint) => number) =>
      (pick(withIdleClients) - pick(withDocs)) / size.idleClients
    const perDoc = (pick: (point: MemoryPoint) => number) =>
      (pick(withDocs) - pick(baseline)) / size.docs - perConnection(pick)
    return {
      baseline,
      withDocs,
      withIdleClients,
      rssPerConnectionBytes: perConnection((p) => p.rssBytes),
      heapPerConnectionBytes: perConnection((p) => p.heapUsedBytes),
      rssPerDocBytes: perDoc((p) => p.rssBytes),
      heapPerDocBytes: perDoc((p) => p.heapUsedBytes),
    }
  } finally {
    await pool.stop()
    await server.stop()
  }
}

function exampleDocBytes(): number {
  const doc = new Y.Doc()
  appendBlocks(guidelineFragment(doc), exampleGuideline)
  return Y.encodeStateAsUpdate(doc).byteLength
}

export async function runMemory(ctx: BenchContext): Promise<MemoryResult> {
  const size = ctx.sizes.memory
  return {
    docs: size.docs,
    idleClients: size.idleClients,
    docBytes: exampleDocBytes(),
    yardstick: await runOn(ctx, 'yardstick'),
    reference: await runOn(ctx, 'reference'),
  }
}

export function memorySection(result: MemoryResult): Section {
  const row = (label: string, side: MemorySide) => [
    label,
    fmt.bytes(side.rssPerConnectionBytes),
    fmt.bytes(side.heapPerConnectionBytes),
    fmt.bytes(side.rssPerDocBytes),
    fmt.bytes(side.heapPerDocBytes),
    fmt.bytes(side.baseline.rssBytes),
  ]
  const y = result.yardstick
  const r = result.reference
  return {
    title: '5. Memory',
    setup: `${fmt.int(result.docs)} documents (the example guideline, ${fmt.bytes(result.docBytes)} encoded) with one client each, then ${fmt.int(result.idleClients)} more idle stock clients spread over them; differences of resident memory (and V8 heap) after a forced full GC.`,
    header: ['server', 'RSS / idle conn', 'heap / idle conn', 'RSS / doc', 'heap / doc', 'baseline RSS'],
    rows: [
      row(SERVER_LABEL.yardstick, y),
      row(SERVER_LABEL.reference, r),
      [
        'ratio (Yardstick ÷ ref)',
        fmt.ratio(ratio(y.rssPerConnectionBytes, r.rssPerConnectionBytes)),
        fmt.ratio(ratio(y.heapPerConnectionBytes, r.heapPerConnectionBytes)),
        fmt.ratio(ratio(y.rssPerDocBytes, r.rssPerDocBytes)),
        fmt.ratio(ratio(y.heapPerDocBytes, r.heapPerDocBytes)),
        fmt.ratio(ratio(y.baseline.rssBytes, r.baseline.rssBytes)),
      ],
    ],
    targets: [
      {
        text: '< 30 KB RSS per idle connection',
        met: Number.isFinite(y.rssPerConnectionBytes) ? y.rssPerConnectionBytes < 30 * 1024 : null,
      },
    ],
    notes: ['Per document = growth per document with its first client, minus one idle connection.'],
  }
}
