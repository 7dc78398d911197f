/** Makes a server's SQLite update log refuse every insert, as a full disk would (a real SQLite error). */
import { join } from 'node:path'
import Database from 'better-sqlite3'

/** Starts failing writes to `dataDir`'s update log; returns how to let them through again. */
export function failWrites(dataDir: string): () => void {
  const db = new Database(join(dataDir, 'yardstick.sqlite'))
  db.exec(`CREATE TRIGGER disk_full BEFORE INSERT ON doc_updates
           BEGIN SELECT RAISE(ABORT, 'database or disk is full (simulated)'); END`)
  return () => {
    db.exec('DROP TRIGGER disk_full')
    db.close()
  }
}
