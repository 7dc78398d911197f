/**
 * The document log's writes (appends and compactions) on a second SQLite connection in a worker thread, so
 * that each commit's fsync (`synchronous = FULL`) blocks that thread instead of the event loop. A promise
 * resolves only after the worker's COMMIT returned, i.e. once the data is durable.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { log } from '../log'
import type { UpdateToAppend } from './store'

/**
 * The worker's code (CommonJS, plain JavaScript, so it runs the same from the sources, under vitest and from
 * the bundled build). Requests are handled one at a time in the order they were posted.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
db.pragma('busy_timeout = 5000')
// Writes touch the log's tail and one snapshot row: a small page cache is enough (the default is 2 MB).
db.pragma('cache_size = -512')
const insertUpdate = db.prepare('INSERT INTO doc_updates (doc, data) VALUES (?, ?)')
const upsertSnapshot = db.prepare(
  'INSERT INTO doc_snapshots (doc, through_seq, data) VALUES (?, ?, ?) ' +
    'ON CONFLICT (doc) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data ' +
    'WHERE excluded.through_seq > doc_snapshots.through_seq',
)
const storedThrough = db.prepare('SELECT through_seq FROM doc_snapshots WHERE doc = ?').pluck()
const deleteUpdatesThrough = db.prepare('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?')
// The updates arrive as one buffer and their lengths (one transfer instead of a copy per update).
const appendAll = db.transaction((docs, lengths, bytes) => {
  let offset = 0
  return docs.map((doc, i) => {
    const data = Buffer.from(bytes.buffer, bytes.byteOffset + offset, lengths[i])
    offset += lengths[i]
    return Number(insertUpdate.run(doc, data).lastInsertRowid)
  })
})
const compact = db.transaction((doc, data, throughSeq) => {
  upsertSnapshot.run(doc, throughSeq, data)
  // Only delete what the stored snapshot covers (a newer snapshot may already be there).
  const through = storedThrough.get(doc)
  if (through !== undefined) deleteUpdatesThrough.run(doc, through)
})
// Return freed pages to the file system when they are a sizeable part of the file, not after every
// compaction: each incremental_vacuum is one more synced commit.
function vacuumIfWorthIt() {
  const free = db.pragma('freelist_count', { simple: true })
  const pages = db.pragma('page_count', { simple: true })
  if (free >= workerData.vacuumMinPages && free * 4 >= pages) db.pragma('incremental_vacuum')
}
parentPort.on('message', (message) => {
  try {
    if (message.kind === 'append') {
      parentPort.postMessage({ id: message.id, result: appendAll(message.docs, message.lengths, message.bytes) })
    } else if (message.kind === 'compact') {
      compact(message.doc, message.data, message.throughSeq)
      vacuumIfWorthIt()
      parentPort.postMessage({ id: message.id, result: null })
    } else if (message.kind === 'close') {
      db.close()
      parentPort.postMessage({ id: message.id, result: null })
    }
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String((error && error.message) || error) })
  }
})
`

type Request =
  | { kind: 'append'; docs: string[]; lengths: number[]; bytes: Uint8Array }
  | { kind: 'compact'; doc: string; data: Uint8Array; throughSeq: number }
  | { kind: 'close' }

interface Reply {
  id: number
  result?: unknown
  error?: string
}

interface Pending {
  resolve(result: unknown): void
  reject(error: Error): void
}

export interface SqliteLogWriter {
  /** Appends updates in one transaction; resolves with their seqs once the commit is durable. */
  append(updates: UpdateToAppend[]): Promise<number[]>
  /** Stores a snapshot through `throughSeq` and deletes the log entries it covers, in one transaction. */
  compact(doc: string, data: Uint8Array, throughSeq: number): Promise<void>
  /** Finishes what was posted, closes the worker's connection and ends the worker. */
  close(): Promise<void>
}

/** Fewest free pages worth an incremental_vacuum after a compaction (and at least a quarter of the file). */
const VACUUM_MIN_PAGES = 16

export function startSqliteLogWriter(file: string): SqliteLogWriter {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const pending = new Map<number, Pending>()
  let nextId = 1
  let worker: Worker | null = null
  let closed = false

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error)
    pending.clear()
  }

  const spawn = (): Worker => {
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      // It holds a handful of prepared statements and the batch in flight: keep its own heap small.
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
      workerData: { file, driver, vacuumMinPages: VACUUM_MIN_PAGES },
    })
    w.on('message', (reply: Reply) => {
      const p = pending.get(reply.id)
      if (!p) return
      pending.delete(reply.id)
      if (pending.size === 0) w.unref()
      if (reply.error !== undefined) p.reject(new Error(reply.error))
      else p.resolve(reply.result)
    })
    w.on('error', (error) => {
      log.error('SQLite log writer failed', { error })
    })
    w.on('exit', (code) => {
      if (worker === w) worker = null
      if (pending.size > 0) failAll(new Error(`SQLite log writer exited (code ${code})`))
    })
    w.unref()
    return w
  }

  const request = <T>(message: Request, transfer: ArrayBuffer[] = []): Promise<T> => {
    if (closed) return Promise.reject(new Error('the store is closed'))
    worker ??= spawn()
    const w = worker
    const id = nextId++
    return new Promise<T>((resolve, reject) => {
      // Only keep the process alive while a write is in flight (an idle store must not block exit).
      if (pending.size === 0) w.ref()
      pending.set(id, { resolve: resolve as (result: unknown) => void, reject })
      w.postMessage({ ...message, id }, transfer)
    })
  }

  return {
    append(updates) {
      // Socket frames are often views into a larger buffer, which postMessage would copy whole: pack them.
      const lengths = updates.map((u) => u.data.byteLength)
      const bytes = new Uint8Array(lengths.reduce((sum, n) => sum + n, 0))
      let offset = 0
      for (const u of updates) {
        bytes.set(u.data, offset)
        offset += u.data.byteLength
      }
      const docs = updates.map((u) => u.doc)
      return request<number[]>({ kind: 'append', docs, lengths, bytes }, [bytes.buffer])
    },
    compact(doc, data, throughSeq) {
      return request<void>({ kind: 'compact', doc, data, throughSeq })
    },
    async close() {
      if (closed) return
      const w = worker
      if (!w) {
        closed = true
        return
      }
      await request<void>({ kind: 'close' })
      closed = true
      await w.terminate()
    },
  }
}
