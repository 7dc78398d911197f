/**
 * The media wiring of a running server: BLOB_STORE chooses where blobs go (files under DATA_DIR, or chunk
 * rows in the store's own database), and garbage collection runs on its timer.
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { loadMediaConfig } from '../../server/config'
import { waitFor } from '../helpers/clients'
import { removeTempDirs, startTestServer, stopAllServers, tempDataDir } from '../helpers/server'

afterEach(() => stopAllServers())
afterAll(() => removeTempDirs())

function sourceFile(): { path: string; hash: string } {
  const data = randomBytes(3000)
  const path = join(tempDataDir(), 'orphan.bin')
  writeFileSync(path, data)
  return { path, hash: createHash('sha256').update(data).digest('hex') }
}

describe('media in a running server', () => {
  it('stores blobs as files under DATA_DIR by default', async () => {
    const server = await startTestServer({ media: { ...loadMediaConfig({}), gcIntervalMs: 0 } })
    const file = sourceFile()
    await server.blobs.putFile(file.hash, file.path)
    expect(existsSync(join(server.dataDir, 'blobs', file.hash.slice(0, 2), file.hash))).toBe(true)
  })

  it('with BLOB_STORE=sql stores them in the database, and collects an orphan on the GC timer', async () => {
    const media = { ...loadMediaConfig({ BLOB_STORE: 'sql' }), gcGraceMs: 0, gcIntervalMs: 1000 }
    const server = await startTestServer({ media })
    const file = sourceFile()
    await server.blobs.putFile(file.hash, file.path)
    expect(existsSync(join(server.dataDir, 'blobs'))).toBe(false)
    expect(await server.blobs.size(file.hash)).toBe(3000)
    await waitFor(async () => (await server.blobs.size(file.hash)) === null, {
      timeout: 10_000,
      message: 'the timer-driven collection to delete the orphan',
    })
  })
})
