/**
 * The embedded blob store: one file per blob under `DATA_DIR/blobs/<first two hex digits>/<hash>`. A put
 * links (same file system) or copies the caller's file to a temporary name beside its final one, fsyncs it,
 * renames it into place and fsyncs the directory, so a blob is either wholly there and durable or absent.
 */
import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { copyFile, link, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { MEDIA_HASH } from '../../shared/schema/media'
import type { BlobRange, BlobStore } from './blobStore'

/** Temporary files of puts, beside the blobs: never listed or read, removed once clearly abandoned. */
const TEMP_NAME = /^\.[0-9a-f]{64}\.[0-9a-f]{16}\.tmp$/
/** A temporary file whose inode changed this long ago (link and copy both set ctime) belongs to a crashed put. */
const ABANDONED_TEMP_MS = 60 * 60 * 1000
const PREFIX_DIR = /^[0-9a-f]{2}$/

/** Refuses anything but a sha-256 hex name: a hash is also a file name here, so nothing else may reach `join`. */
export function assertMediaHash(hash: string): void {
  if (!MEDIA_HASH.test(hash)) throw new TypeError(`not a media hash: ${JSON.stringify(hash).slice(0, 80)}`)
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT'

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Hard-links `from` to `to` when both are on one file system (no copy); copies otherwise. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw error
    await copyFile(from, to, constants.COPYFILE_EXCL)
  }
}

export function openFsBlobStore(dataDir: string): BlobStore {
  const root = join(dataDir, 'blobs')
  const dirOf = (hash: string) => join(root, hash.slice(0, 2))
  const pathOf = (hash: string) => join(dirOf(hash), hash)

  /** Creates the blob's directory, fsyncing each parent whose entries changed so the directory survives. */
  async function ensureDir(hash: string): Promise<void> {
    const created = await mkdir(dirOf(hash), { recursive: true })
    if (created === undefined) return
    await fsyncPath(root)
    await fsyncPath(dataDir)
  }

  async function size(hash: string): Promise<number | null> {
    assertMediaHash(hash)
    try {
      return (await stat(pathOf(hash))).size
    } catch (error) {
      if (isMissing(error)) return null
      throw error
    }
  }

  return {
    async putFile(hash, path) {
      assertMediaHash(hash)
      if ((await size(hash)) !== null) return
      await ensureDir(hash)
      const temp = join(dirOf(hash), `.${hash}.${randomBytes(8).toString('hex')}.tmp`)
      try {
        await linkOrCopy(path, temp)
        await fsyncPath(temp)
        // Atomic: readers see no file or the whole one. Concurrent puts of one hash rename identical bytes.
        await rename(temp, pathOf(hash))
      } catch (error) {
        await unlink(temp).catch(() => {})
        throw error
      }
      await fsyncPath(dirOf(hash))
    },

    size,

    async read(hash, range?: BlobRange): Promise<Readable | null> {
      assertMediaHash(hash)
      let handle: Awaited<ReturnType<typeof open>>
      try {
        handle = await open(pathOf(hash), 'r')
      } catch (error) {
        if (isMissing(error)) return null
        throw error
      }
      if (range) {
        const { size: bytes } = await handle.stat()
        if (!(range.start >= 0 && range.start <= range.end && range.end < bytes)) {
          await handle.close()
          throw new RangeError(`range ${range.start}-${range.end} is outside the blob (${bytes} bytes)`)
        }
      }
      // The stream owns the handle from here and closes it when it ends or is destroyed.
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {})
    },

    async delete(hash) {
      assertMediaHash(hash)
      await unlink(pathOf(hash)).catch((error) => {
        if (!isMissing(error)) throw error
      })
    },

    async *list() {
      let prefixes: string[]
      try {
        prefixes = (await readdir(root)).filter((name) => PREFIX_DIR.test(name)).sort()
      } catch (error) {
        if (isMissing(error)) return
        throw error
      }
      for (const prefix of prefixes) {
        const dir = join(root, prefix)
        for (const name of (await readdir(dir).catch(() => [])).sort()) {
          if (MEDIA_HASH.test(name) && name.startsWith(prefix)) yield name
          else if (TEMP_NAME.test(name)) await removeIfAbandoned(join(dir, name))
        }
      }
    },

    async close() {},
  }
}

/** Removes a put's temporary file left by a crash (listing is garbage collection's walk, so it tidies too). */
async function removeIfAbandoned(path: string): Promise<void> {
  try {
    if (Date.now() - (await stat(path)).ctimeMs > ABANDONED_TEMP_MS) await unlink(path)
  } catch (error) {
    if (!isMissing(error)) throw error
  }
}
