/**
 * The contract every BlobStore must pass (files under DATA_DIR, chunk rows in SQLite, chunk rows in
 * PostgreSQL). Call `blobStoreContractSuite(name, fresh)` from a store's test file with a function that
 * describes a new, empty store; the suite opens it (in this process, and in a child it kills mid-put).
 */
import { execFileSync, spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { buffer } from 'node:stream/consumers'
import { describe, expect, it } from 'vitest'
import type { BlobStore } from '../../server/media/blobStore'
import { BLOB_CHUNK_BYTES } from '../../server/media/sqlBlobStore'
import { type BlobStoreSpec, openBlobStoreFor, partialPutTraces } from '../helpers/blobStores'
import { waitFor } from '../helpers/clients'
import { tempDataDir } from '../helpers/server'

const ROOT = resolve(import.meta.dirname, '../..')
const MiB = 1024 * 1024

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

/** A file of `bytes` random bytes in a temp dir, with its hash. */
function sourceFile(bytes: number): { path: string; data: Buffer; hash: string } {
  const data = randomBytes(bytes)
  const path = join(tempDataDir(), 'source.bin')
  writeFileSync(path, data)
  return { path, data, hash: sha256(data) }
}

async function listAll(blobs: BlobStore): Promise<string[]> {
  const hashes: string[] = []
  for await (const hash of blobs.list()) hashes.push(hash)
  return hashes
}

async function readAll(blobs: BlobStore, hash: string, range?: { start: number; end: number }) {
  const stream = await blobs.read(hash, range)
  return stream ? buffer(stream) : null
}

export function blobStoreContractSuite(adapter: string, fresh: () => Promise<BlobStoreSpec>): void {
  const withStore = async (work: (blobs: BlobStore, spec: BlobStoreSpec) => Promise<void>) => {
    const spec = await fresh()
    const store = await openBlobStoreFor(spec)
    try {
      await work(store.blobs, spec)
    } finally {
      await store.close()
    }
  }

  describe(`BlobStore contract: ${adapter}`, () => {
    it('stores a blob and gives back its size and bytes; an absent blob is null', () =>
      withStore(async (blobs) => {
        const file = sourceFile(2.5 * MiB)
        expect(await blobs.size(file.hash)).toBeNull()
        expect(await blobs.read(file.hash)).toBeNull()
        await blobs.putFile(file.hash, file.path)
        expect(await blobs.size(file.hash)).toBe(file.data.length)
        expect((await readAll(blobs, file.hash))?.equals(file.data)).toBe(true)
        const empty = sourceFile(0)
        await blobs.putFile(empty.hash, empty.path)
        expect(await blobs.size(empty.hash)).toBe(0)
        expect((await readAll(blobs, empty.hash))?.length).toBe(0)
      }))

    it('reads ranges: first byte, last byte, the middle across a chunk boundary, one whole chunk', () =>
      withStore(async (blobs) => {
        const file = sourceFile(2 * BLOB_CHUNK_BYTES + 123)
        await blobs.putFile(file.hash, file.path)
        const last = file.data.length - 1
        const ranges = [
          { start: 0, end: 0 },
          { start: last, end: last },
          { start: BLOB_CHUNK_BYTES - 10, end: BLOB_CHUNK_BYTES + 9 },
          { start: 1000, end: 2 * BLOB_CHUNK_BYTES + 50 },
          { start: BLOB_CHUNK_BYTES, end: 2 * BLOB_CHUNK_BYTES - 1 },
          { start: 0, end: last },
        ]
        for (const range of ranges) {
          const got = await readAll(blobs, file.hash, range)
          expect(got?.equals(file.data.subarray(range.start, range.end + 1)), JSON.stringify(range)).toBe(
            true,
          )
        }
        for (const bad of [
          { start: 0, end: last + 1 },
          { start: 10, end: 9 },
          { start: -1, end: 3 },
        ])
          await expect(blobs.read(file.hash, bad)).rejects.toThrow(RangeError)
      }))

    it('treats a second put of a hash as a no-op (the source is not even read)', () =>
      withStore(async (blobs) => {
        const file = sourceFile(1000)
        await blobs.putFile(file.hash, file.path)
        await blobs.putFile(file.hash, join(tempDataDir(), 'gone.bin'))
        expect((await readAll(blobs, file.hash))?.equals(file.data)).toBe(true)
        expect(await listAll(blobs)).toEqual([file.hash])
      }))

    it('lists every stored hash once and deletes one (deleting an absent blob is fine)', () =>
      withStore(async (blobs) => {
        const files = [sourceFile(10), sourceFile(20), sourceFile(30)]
        for (const f of files) await blobs.putFile(f.hash, f.path)
        expect((await listAll(blobs)).sort()).toEqual(files.map((f) => f.hash).sort())
        const [gone, ...kept] = files
        await blobs.delete(gone!.hash)
        await blobs.delete(gone!.hash)
        expect(await blobs.size(gone!.hash)).toBeNull()
        expect(await blobs.read(gone!.hash)).toBeNull()
        expect((await listAll(blobs)).sort()).toEqual(kept.map((f) => f.hash).sort())
        for (const f of kept) expect((await readAll(blobs, f.hash))?.equals(f.data)).toBe(true)
      }))

    it('stores one blob when several puts of the same hash run at once', () =>
      withStore(async (blobs) => {
        const file = sourceFile(3 * MiB + 7)
        await Promise.all([1, 2, 3, 4].map(() => blobs.putFile(file.hash, file.path)))
        expect(await blobs.size(file.hash)).toBe(file.data.length)
        expect((await readAll(blobs, file.hash))?.equals(file.data)).toBe(true)
        expect(await listAll(blobs)).toEqual([file.hash])
      }))

    it(
      'streams a 30 MB blob in pieces',
      () =>
        withStore(async (blobs) => {
          const file = sourceFile(30 * MiB)
          await blobs.putFile(file.hash, file.path)
          const stream = await blobs.read(file.hash)
          const hash = createHash('sha256')
          let pieces = 0
          let largest = 0
          for await (const piece of stream!) {
            hash.update(piece as Buffer)
            pieces++
            largest = Math.max(largest, (piece as Buffer).length)
          }
          expect(hash.digest('hex')).toBe(file.hash)
          expect(pieces).toBeGreaterThanOrEqual(30)
          expect(largest).toBeLessThanOrEqual(BLOB_CHUNK_BYTES)
        }),
      60_000,
    )

    it('shows nothing of a put killed part way, and a fresh store can store the blob again', async () => {
      const spec = await fresh()
      const file = sourceFile(8 * MiB)
      const fifo = join(tempDataDir(), 'upload.fifo')
      execFileSync('mkfifo', [fifo])
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/helpers/blobPutChild.ts', JSON.stringify(spec), file.hash, fifo],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      )
      let output = ''
      child.stdout.on('data', (chunk) => {
        output += chunk
      })
      child.stderr.on('data', (chunk) => {
        output += chunk
      })
      const exited = new Promise<string | number | null>((done) =>
        child.once('exit', (code, signal) => done(signal ?? code)),
      )
      // The source trickles in through a FIFO that never reaches its end: the put is stuck part way.
      const writer = createWriteStream(fifo)
      // Once the reader is killed the rest of the write fails with EPIPE, as it should.
      const writeErrors: string[] = []
      writer.on('error', (error: NodeJS.ErrnoException) => writeErrors.push(error.code ?? error.message))
      writer.write(file.data.subarray(0, 5 * MiB))
      await waitFor(async () => (await partialPutTraces(spec)) > 0, {
        timeout: 30_000,
        message: `a put in progress (child said: ${output})`,
      })
      child.kill('SIGKILL')
      expect(await exited).toBe('SIGKILL')
      expect(output).not.toContain('stored')
      writer.destroy()
      expect(writeErrors.filter((code) => code !== 'EPIPE')).toEqual([])

      const store = await openBlobStoreFor(spec)
      try {
        expect(await store.blobs.size(file.hash)).toBeNull()
        expect(await store.blobs.read(file.hash)).toBeNull()
        expect(await listAll(store.blobs)).toEqual([])
        await store.blobs.putFile(file.hash, file.path)
        expect((await readAll(store.blobs, file.hash))?.equals(file.data)).toBe(true)
        expect(await listAll(store.blobs)).toEqual([file.hash])
      } finally {
        await store.close()
      }
    }, 60_000)
  })
}
