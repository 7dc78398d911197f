/**
 * Runs the blob store contract against chunk rows in a SQLite file (BLOB_STORE=sql without DATABASE_URL), and
 * checks that what a crashed put left behind is tidied.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { openSqlBlobStore } from '../../server/media/sqlBlobStore'
import { openSqliteDb } from '../../server/storage/sqlite'
import { removeTempDirs, tempDataDir } from '../helpers/server'
import { blobStoreContractSuite } from './blobStoreContract'

afterAll(() => removeTempDirs())

blobStoreContractSuite('SQLite chunks', async () => ({
  kind: 'sqlite',
  file: join(tempDataDir(), 'yardstick.sqlite'),
}))

describe('SQLite chunk rows left by a crashed put', () => {
  it('are removed by a listing once an hour old, and a fresh incomplete put is left alone', async () => {
    const file = join(tempDataDir(), 'yardstick.sqlite')
    const db = openSqliteDb(file)
    const blobs = openSqlBlobStore(db)
    try {
      const [stale, fresh] = ['c'.repeat(64), 'd'.repeat(64)]
      const raw = new Database(file)
      const claim = raw.prepare('INSERT INTO blobs (hash, bytes, created_at, complete) VALUES (?, 0, ?, 0)')
      const chunk = raw.prepare('INSERT INTO blob_chunks (hash, n, data) VALUES (?, 0, ?)')
      claim.run(stale, new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString())
      claim.run(fresh, new Date().toISOString())
      chunk.run(stale, Buffer.from('half'))
      chunk.run(fresh, Buffer.from('half'))
      const listed: string[] = []
      for await (const hash of blobs.list()) listed.push(hash)
      expect(listed).toEqual([])
      const left = raw.prepare('SELECT hash FROM blob_chunks UNION SELECT hash FROM blobs').all()
      expect(left).toEqual([{ hash: fresh }])
      raw.close()
    } finally {
      await db.close()
    }
  })
})
