/**
 * Blob stores for tests, opened from a plain description so that a child process can open the same one
 * (the crash-mid-put test kills a child while it stores a blob): files under a data dir, or chunk rows in a
 * SQLite file or a PostgreSQL schema.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import type { BlobStore } from '../../server/media/blobStore'
import { openFsBlobStore } from '../../server/media/fsBlobStore'
import { openSqlBlobStore } from '../../server/media/sqlBlobStore'
import { openPostgresDb } from '../../server/storage/postgres'
import { openSqliteDb } from '../../server/storage/sqlite'

export type BlobStoreSpec =
  | { kind: 'fs'; dataDir: string }
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; schema: string }

export interface OpenBlobStore {
  blobs: BlobStore
  /** Closes the blob store and the database under it. */
  close(): Promise<void>
}

export async function openBlobStoreFor(spec: BlobStoreSpec): Promise<OpenBlobStore> {
  if (spec.kind === 'fs') {
    const blobs = openFsBlobStore(spec.dataDir)
    return { blobs, close: () => blobs.close() }
  }
  const db =
    spec.kind === 'sqlite' ? openSqliteDb(spec.file) : await openPostgresDb(spec.url, { schema: spec.schema })
  const blobs = openSqlBlobStore(db)
  return {
    blobs,
    async close() {
      await blobs.close()
      await db.close()
    },
  }
}

/**
 * What a put in progress has left in the store so far (files under blobs/, or chunk rows), seen from outside
 * it; 0 while the store is not even created.
 */
export async function partialPutTraces(spec: BlobStoreSpec): Promise<number> {
  try {
    return await traces(spec)
  } catch {
    return 0
  }
}

async function traces(spec: BlobStoreSpec): Promise<number> {
  if (spec.kind === 'fs') {
    const root = join(spec.dataDir, 'blobs')
    let count = 0
    for (const prefix of safeReaddir(root)) count += safeReaddir(join(root, prefix)).length
    return count
  }
  const text = 'SELECT count(*) AS n FROM blob_chunks'
  if (spec.kind === 'sqlite') {
    const db = new Database(spec.file, { readonly: true, fileMustExist: true })
    try {
      return (db.prepare(text).get() as { n: number }).n
    } finally {
      db.close()
    }
  }
  const client = new pg.Client({ connectionString: spec.url, options: `-c search_path=${spec.schema}` })
  await client.connect()
  try {
    return Number((await client.query<{ n: string }>(text)).rows[0]?.n ?? 0)
  } finally {
    await client.end()
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}
