/**
 * The blob store in the SQL database (BLOB_STORE=sql; SQLite or PostgreSQL through the catalogue's `Db`),
 * for several instances that share a database but no file system. A blob is rows of 1 MiB chunks. A put
 * claims the `blobs` row (incomplete), writes every chunk one statement at a time, and writes the last chunk
 * and sets `complete` in one transaction: a crash part way leaves an incomplete row that no reader sees and
 * that a later put of the same hash completes (chunks of one hash are the same bytes whoever writes them).
 * Reads fetch one chunk at a time, only those a range needs.
 */
import type { FileHandle } from 'node:fs/promises'
import { open } from 'node:fs/promises'
import { Readable } from 'node:stream'
import type { Db } from '../storage/sql'
import { all, get, run, sql } from '../storage/sql'
import type { BlobRange, BlobStore } from './blobStore'
import { assertMediaHash } from './fsBlobStore'

export const BLOB_CHUNK_BYTES = 1024 * 1024
/** An incomplete blob row this old belongs to a put that crashed; listing removes it with its chunks. */
const ABANDONED_PUT_MS = 60 * 60 * 1000
const LIST_PAGE = 1000

const SIZE = sql('SELECT bytes FROM blobs WHERE hash = ? AND complete = 1')
// Claims the row, or refreshes the time of an incomplete one left by a crash (a complete one stays as it is).
const CLAIM = sql(
  `INSERT INTO blobs (hash, bytes, created_at, complete) VALUES (?, 0, ?, 0)
   ON CONFLICT (hash) DO UPDATE SET created_at = excluded.created_at WHERE blobs.complete = 0`,
)
const CHUNK = sql('INSERT INTO blob_chunks (hash, n, data) VALUES (?, ?, ?) ON CONFLICT (hash, n) DO NOTHING')
const COMPLETE = sql('UPDATE blobs SET bytes = ?, complete = 1 WHERE hash = ?')
const READ_CHUNK = sql('SELECT data FROM blob_chunks WHERE hash = ? AND n = ?')
const DELETE_CHUNKS = sql('DELETE FROM blob_chunks WHERE hash = ?')
const DELETE_ROW = sql('DELETE FROM blobs WHERE hash = ?')
const LIST = sql('SELECT hash FROM blobs WHERE complete = 1 AND hash > ? ORDER BY hash LIMIT ?')
const ABANDONED = sql('SELECT hash FROM blobs WHERE complete = 0 AND created_at < ?')
// Only while still abandoned: a put that claimed the row since has refreshed its time.
const DELETE_ABANDONED = sql('DELETE FROM blobs WHERE hash = ? AND complete = 0 AND created_at < ?')

/** Reads up to one chunk from the handle's current position (a FIFO or pipe may return less per read). */
async function readChunk(handle: FileHandle): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(BLOB_CHUNK_BYTES)
  let filled = 0
  while (filled < BLOB_CHUNK_BYTES) {
    const { bytesRead } = await handle.read(buffer, filled, BLOB_CHUNK_BYTES - filled, null)
    if (bytesRead === 0) break
    filled += bytesRead
  }
  return buffer.subarray(0, filled)
}

export function openSqlBlobStore(db: Db): BlobStore {
  async function size(hash: string): Promise<number | null> {
    assertMediaHash(hash)
    const row = await db.run(get<{ bytes: number }>(SIZE, [hash]))
    return row ? Number(row.bytes) : null
  }

  const remove = (hash: string) =>
    db.write(function* () {
      yield* run(DELETE_CHUNKS, [hash])
      yield* run(DELETE_ROW, [hash])
    })
  const removeAbandoned = (hash: string, before: string) =>
    db.write(function* () {
      if ((yield* run(DELETE_ABANDONED, [hash, before])) > 0) yield* run(DELETE_CHUNKS, [hash])
    })

  async function* chunks(hash: string, first: number, last: number, start: number, end: number) {
    for (let n = first; n <= last; n++) {
      const row = await db.run(get<{ data: Uint8Array }>(READ_CHUNK, [hash, n]))
      if (!row) throw new Error(`blob ${hash} lost chunk ${n} while being read`)
      const data = Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength)
      const from = n === first ? start - n * BLOB_CHUNK_BYTES : 0
      const to = n === last ? end - n * BLOB_CHUNK_BYTES + 1 : data.length
      yield data.subarray(from, to)
    }
  }

  return {
    async putFile(hash, path) {
      assertMediaHash(hash)
      if ((await size(hash)) !== null) return
      const handle = await open(path, 'r')
      try {
        await db.run(run(CLAIM, [hash, new Date().toISOString()]))
        // One chunk ahead, so the last one is known and written in the transaction that completes the blob.
        let pending = await readChunk(handle)
        let total = 0
        for (let n = 0; ; n++) {
          const next = pending.length === BLOB_CHUNK_BYTES ? await readChunk(handle) : Buffer.alloc(0)
          total += pending.length
          if (next.length === 0) {
            const last = pending
            const completed = await db.write(function* () {
              if (last.length > 0 || n > 0) yield* run(CHUNK, [hash, n, last])
              return yield* run(COMPLETE, [total, hash])
            })
            if (completed !== 1) throw new Error(`blob ${hash} was removed while being stored`)
            return
          }
          await db.run(run(CHUNK, [hash, n, pending]))
          pending = next
        }
      } finally {
        await handle.close()
      }
    },

    size,

    async read(hash, range?: BlobRange) {
      const bytes = await size(hash)
      if (bytes === null) return null
      const start = range?.start ?? 0
      const end = range?.end ?? bytes - 1
      if (range && !(start >= 0 && start <= end && end < bytes))
        throw new RangeError(`range ${start}-${end} is outside the blob (${bytes} bytes)`)
      if (bytes === 0) return Readable.from([], { objectMode: false })
      const first = Math.floor(start / BLOB_CHUNK_BYTES)
      const last = Math.floor(end / BLOB_CHUNK_BYTES)
      // One chunk in memory at a time: the next is fetched when the consumer asks for more.
      return Readable.from(chunks(hash, first, last, start, end), { objectMode: false, highWaterMark: 1 })
    },

    async delete(hash) {
      assertMediaHash(hash)
      await remove(hash)
    },

    async *list() {
      const before = new Date(Date.now() - ABANDONED_PUT_MS).toISOString()
      for (const { hash } of await db.run(all<{ hash: string }>(ABANDONED, [before])))
        await removeAbandoned(hash, before)
      let after = ''
      for (;;) {
        const page = await db.run(all<{ hash: string }>(LIST, [after, LIST_PAGE]))
        for (const { hash } of page) yield hash
        if (page.length < LIST_PAGE) return
        after = page.at(-1)!.hash
      }
    },

    // The database belongs to the store; it closes it.
    async close() {},
  }
}
