/**
 * Blob store bench (`npx tsx test/bench/blobStoreBench.ts [--quick] [--mb 50]`): put and read throughput of
 * one large file (50 MB) in each blob store — files under DATA_DIR (hard-linked, as an upload in DATA_DIR
 * is, and copied), chunk rows in SQLite, and chunk rows in PostgreSQL when one answers — and the longest
 * event-loop stall during each put and read (a 1 ms timer's longest gap: the time no request could be
 * served). Prints a table and writes JSON under bench-results/. It measures; it never passes or fails.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { BlobStore } from '../../server/media/blobStore'
import { openFsBlobStore } from '../../server/media/fsBlobStore'
import { openSqlBlobStore } from '../../server/media/sqlBlobStore'
import { openPostgresDb } from '../../server/storage/postgres'
import { openSqliteDb } from '../../server/storage/sqlite'
import { dropSchemas, freshSchema, TEST_DATABASE_URL } from '../helpers/postgres'
import { machineInfo } from './machine'
import { ROOT, removeTempDirs, tempDir } from './servers'
import { median } from './stats'
import { fmt, renderText, type Section } from './table'

const quick = process.argv.includes('--quick')
const mbArg = process.argv.indexOf('--mb')
const MB = mbArg >= 0 ? Number(process.argv[mbArg + 1]) : quick ? 5 : 50
const ROUNDS = quick ? 1 : 5
const BYTES = MB * 1024 * 1024

interface Candidate {
  name: string
  open(): Promise<{ blobs: BlobStore; close(): Promise<void> }>
}

const candidates: Candidate[] = [
  {
    name: 'files (link)',
    open: async () => {
      const blobs = openFsBlobStore(tempDir('blob-bench-'))
      return { blobs, close: () => blobs.close() }
    },
  },
  {
    name: 'files (copy)',
    open: async () => {
      const blobs = openFsBlobStore(tempDir('blob-bench-'), { link: false })
      return { blobs, close: () => blobs.close() }
    },
  },
  {
    name: 'SQLite chunks',
    open: async () => {
      const db = openSqliteDb(join(tempDir('blob-bench-'), 'yardstick.sqlite'))
      return { blobs: openSqlBlobStore(db), close: () => db.close() }
    },
  },
  {
    name: 'PostgreSQL chunks',
    open: async () => {
      const db = await openPostgresDb(TEST_DATABASE_URL, { schema: await freshSchema() })
      return { blobs: openSqlBlobStore(db), close: () => db.close() }
    },
  },
]

/** Runs `work` while a 1 ms timer notes its longest gap (how long the event loop was held). */
async function withStallMonitor<T>(
  work: () => Promise<T>,
): Promise<{ value: T; ms: number; stallMs: number }> {
  let last = performance.now()
  let stallMs = 0
  const timer = setInterval(() => {
    const now = performance.now()
    stallMs = Math.max(stallMs, now - last)
    last = now
  }, 1)
  const started = performance.now()
  try {
    const value = await work()
    const ms = performance.now() - started
    stallMs = Math.max(stallMs, performance.now() - last)
    return { value, ms, stallMs }
  } finally {
    clearInterval(timer)
  }
}

interface Result {
  store: string
  putMBps: number
  readMBps: number
  /** Median over rounds of each round's longest stall, and the worst round. */
  putStallMs: number
  readStallMs: number
  worstPutStallMs: number
  worstReadStallMs: number
  error?: string
}

async function measure(candidate: Candidate, dir: string): Promise<Result> {
  const { blobs, close } = await candidate.open()
  const puts: number[] = []
  const reads: number[] = []
  const putStalls: number[] = []
  const readStalls: number[] = []
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // A new file each round (a repeat of a stored hash would be a no-op).
      const data = randomBytes(BYTES)
      const hash = createHash('sha256').update(data).digest('hex')
      const path = join(dir, `source-${round}.bin`)
      writeFileSync(path, data)
      const put = await withStallMonitor(() => blobs.putFile(hash, path))
      const read = await withStallMonitor(async () => {
        const digest = createHash('sha256')
        for await (const piece of (await blobs.read(hash))!) digest.update(piece as Buffer)
        return digest.digest('hex')
      })
      if (read.value !== hash) throw new Error(`${candidate.name} read back different bytes`)
      puts.push(MB / (put.ms / 1000))
      reads.push(MB / (read.ms / 1000))
      putStalls.push(put.stallMs)
      readStalls.push(read.stallMs)
    }
  } finally {
    await close()
  }
  return {
    store: candidate.name,
    putMBps: median(puts),
    readMBps: median(reads),
    putStallMs: median(putStalls),
    readStallMs: median(readStalls),
    worstPutStallMs: Math.max(...putStalls),
    worstReadStallMs: Math.max(...readStalls),
  }
}

async function main(): Promise<void> {
  const machine = machineInfo()
  const dir = tempDir('blob-bench-src-')
  const results: Result[] = []
  for (const candidate of candidates) {
    try {
      results.push(await measure(candidate, dir))
    } catch (error) {
      const message = (error as Error).message
      results.push({
        store: candidate.name,
        putMBps: Number.NaN,
        readMBps: Number.NaN,
        putStallMs: Number.NaN,
        readStallMs: Number.NaN,
        worstPutStallMs: Number.NaN,
        worstReadStallMs: Number.NaN,
        error: message,
      })
    }
  }
  await dropSchemas().catch(() => {})
  removeTempDirs()
  const section: Section = {
    title: `Blob stores: one ${MB} MB file`,
    setup: `${ROUNDS} round(s) per store; put from a file on the same disk, read streamed and hashed; medians over rounds (worst round).`,
    header: ['store', 'put MB/s', 'read MB/s', 'longest stall in put, ms', 'longest stall in read, ms'],
    rows: results.map((r) => [
      r.error ? `${r.store} (${r.error.slice(0, 60)})` : r.store,
      fmt.int(r.putMBps),
      fmt.int(r.readMBps),
      `${fmt.ms(r.putStallMs)} (${fmt.ms(r.worstPutStallMs)})`,
      `${fmt.ms(r.readStallMs)} (${fmt.ms(r.worstReadStallMs)})`,
    ]),
    targets: [],
    notes: [
      'A stall is the longest gap of a 1 ms timer in which this process burned CPU: how long no other request could run.',
      'SQLite runs synchronously on the event loop (each chunk is a synced 1 MiB commit); files go through the libuv thread pool.',
    ],
  }
  process.stdout.write(`\n${renderText(section)}`)
  const outDir = resolve(ROOT, 'bench-results')
  mkdirSync(outDir, { recursive: true })
  const out = join(outDir, `blobStore-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(out, `${JSON.stringify({ machine, quick, mb: MB, rounds: ROUNDS, results }, null, 2)}\n`)
  process.stdout.write(`\nwrote ${out}\n`)
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`)
  process.exitCode = 1
})
