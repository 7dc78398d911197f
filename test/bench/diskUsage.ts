/**
 * What Yardstick's SQLite store holds on disk: file sizes (main file, WAL, shared-memory index) and, read
 * from the closed database, its pages, free pages, snapshot bytes and remaining log rows.
 */
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'

export interface DiskUsage {
  /** yardstick.sqlite + -wal + -shm, bytes. */
  totalBytes: number
  files: Record<string, number>
  pageSize: number
  pages: number
  freePages: number
  snapshotBytes: number
  logRows: number
  logBytes: number
}

export function diskUsage(dataDir: string): DiskUsage {
  const main = join(dataDir, 'yardstick.sqlite')
  const files: Record<string, number> = {}
  for (const suffix of ['', '-wal', '-shm']) {
    const file = `${main}${suffix}`
    if (existsSync(file)) files[`yardstick.sqlite${suffix}`] = statSync(file).size
  }
  const totalBytes = Object.values(files).reduce((sum, size) => sum + size, 0)
  const db = new Database(main, { readonly: true, fileMustExist: true })
  try {
    const one = <T>(sql: string) => db.prepare(sql).get() as T
    const log = one<{ rows: number; bytes: number | null }>(
      'SELECT count(*) AS rows, sum(length(data)) AS bytes FROM doc_updates',
    )
    return {
      totalBytes,
      files,
      pageSize: db.pragma('page_size', { simple: true }) as number,
      pages: db.pragma('page_count', { simple: true }) as number,
      freePages: db.pragma('freelist_count', { simple: true }) as number,
      snapshotBytes:
        one<{ bytes: number | null }>('SELECT sum(length(data)) AS bytes FROM doc_snapshots').bytes ?? 0,
      logRows: log.rows,
      logBytes: log.bytes ?? 0,
    }
  } finally {
    db.close()
  }
}
