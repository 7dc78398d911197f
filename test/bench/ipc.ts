/**
 * The messages between the bench coordinator (run.ts) and its client worker processes (clientWorker.ts).
 * Every request carries an id; the worker answers each with `{ id, ok, result | error }`.
 */
import type { TraceName } from './traces'

export interface TypistSpec {
  trace: TraceName
  /** Start typing at this transaction of the trace; the text before it is inserted in one go at setup. */
  offset: number
}

export interface ClientSpec {
  /** Unique per run; also the key of this client's timestamp marker in the document. */
  key: string
  /** Sync base URL, e.g. `ws://127.0.0.1:1234/sync` (the provider appends `/<doc>`). */
  url: string
  doc: string
  typist?: TypistSpec
  /** Append the example guideline once synced (gives reference documents the same content). */
  seed?: boolean
  /** A passive protocol-level receiver without a Y.Doc (lightClient.ts) instead of a stock provider. */
  light?: boolean
}

export type WorkerRequest =
  | { op: 'clock' }
  | { op: 'setClockOffset'; offsetMs: number }
  | { op: 'connect'; clients: ClientSpec[]; concurrency: number; timeoutMs: number }
  | {
      op: 'type'
      startAt: number
      durationMs: number
      editsPerSecond: number
      quietMs: number
      maxDrainMs: number
    }
  | { op: 'probe'; url: string; doc: string; timeoutMs: number }
  | { op: 'watch'; url: string; doc: string; client: number; clock: number; timeoutMs: number }
  | { op: 'disconnectAll' }
  | { op: 'usage' }

export interface ConnectResult {
  connected: number
  ms: number
}

export interface TypeResult {
  /** Edits this worker's typists sent, per document. */
  sentByDoc: Record<string, number>
  /** Edit-to-arrival latencies (ms) recorded by this worker's receivers, and each edit's send time. */
  samples: Float64Array
  sentAts: Float64Array
  /** Provider reconnects during the run (a resync would distort latencies). */
  reconnects: number
  /** CPU time this worker used during the run, ms. */
  cpuMs: number
  /** How late this worker's event loop ran while typing (p99 and max, ms): high means a starved generator. */
  loopDelayP99Ms: number
  loopDelayMaxMs: number
}

export interface ProbeResult {
  /** Connect → first SyncStep2 applied (provider `synced`), ms. */
  syncedMs: number
  /** Characters of text in the synced guideline. */
  chars: number
  /** How long applying the same state to a fresh Y.Doc takes in this process (the client's share), ms. */
  applyMs: number
}

export interface WatchResult {
  /** Bench clock when the expected edits had arrived. */
  doneAt: number
  chars: number
}

export interface UsageResult {
  cpuMs: number
  rssBytes: number
}

export type WorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string }
