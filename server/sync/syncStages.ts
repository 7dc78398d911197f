/**
 * Where an update's time goes on the write path (received → validated → durable → relayed), plus commit
 * durations, batch sizes, queue depth and event-loop delay — recorded only when SYNC_STAGE_METRICS names a
 * file, for the benchmark: on SIGUSR2 the process writes the histograms there (as JSON, atomically) and
 * starts afresh. Off (the default), every hook is a no-op behind one null check.
 */
import { renameSync, writeFileSync } from 'node:fs'
import {
  createHistogram,
  type Histogram,
  monitorEventLoopDelay,
  type RecordableHistogram,
} from 'node:perf_hooks'

/** Durations in ms (recorded in µs); counts as they are. */
export const SYNC_STAGES = [
  /** Frame read from the socket → checked and queued for the persister. */
  'validateMs',
  /** Queued → its batch's commit started (waiting for the batch before it). */
  'queueWaitMs',
  /** One batch's commit (on SQLite the fsync of the WAL; on PostgreSQL the round trip and its fsync). */
  'commitMs',
  /** Commit resolved → this update applied and sent to every other connection of its room. */
  'relayMs',
  /** Frame read → relayed: the server's share of fan-out latency. */
  'totalMs',
  /** Updates per committed batch. */
  'batchUpdates',
  /** Jobs waiting when a batch was taken (including that batch). */
  'queueDepth',
] as const
export type SyncStage = (typeof SYNC_STAGES)[number]

export interface StageSummary {
  count: number
  mean: number
  p50: number
  p90: number
  p99: number
  max: number
}

export interface SyncStageDump {
  /** Increments with every dump, so a reader can tell a new one from the last. */
  seq: number
  /** Span the figures cover, ms. */
  spanMs: number
  stages: Record<SyncStage, StageSummary>
  eventLoopDelayMs: StageSummary
}

const COUNTS = new Set<SyncStage>(['batchUpdates', 'queueDepth'])

export class StageRecorder {
  private readonly histograms = new Map<SyncStage, RecordableHistogram>(
    SYNC_STAGES.map((stage) => [stage, createHistogram()]),
  )
  private readonly loop = monitorEventLoopDelay({ resolution: 5 })
  private since = performance.now()
  private seq = 0

  constructor(private readonly file: string) {
    this.loop.enable()
    process.on('SIGUSR2', () => this.dump())
  }

  /** `value`: ms for durations (kept to the µs), a plain count for counts. */
  record(stage: SyncStage, value: number): void {
    const scaled = COUNTS.has(stage) ? value : value * 1000
    this.histograms.get(stage)!.record(Math.max(1, Math.round(scaled)))
  }

  private dump(): void {
    const summary = (h: Histogram, scale: number): StageSummary =>
      h.count === 0
        ? { count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 }
        : {
            count: h.count,
            mean: h.mean / scale,
            p50: h.percentile(50) / scale,
            p90: h.percentile(90) / scale,
            p99: h.percentile(99) / scale,
            max: h.max / scale,
          }
    const stages = Object.fromEntries(
      SYNC_STAGES.map((stage) => [stage, summary(this.histograms.get(stage)!, COUNTS.has(stage) ? 1 : 1000)]),
    ) as Record<SyncStage, StageSummary>
    const body: SyncStageDump = {
      seq: ++this.seq,
      spanMs: performance.now() - this.since,
      stages,
      // The monitor samples every 5 ms and reports how late each sample was (in ns).
      eventLoopDelayMs: summary(this.loop, 1e6),
    }
    for (const histogram of this.histograms.values()) histogram.reset()
    this.loop.reset()
    this.since = performance.now()
    writeFileSync(`${this.file}.tmp`, JSON.stringify(body))
    renameSync(`${this.file}.tmp`, this.file)
  }
}

/** The process's recorder, or null when SYNC_STAGE_METRICS is not set (read once, at start-up). */
export const syncStages: StageRecorder | null = process.env.SYNC_STAGE_METRICS
  ? new StageRecorder(process.env.SYNC_STAGE_METRICS)
  : null
