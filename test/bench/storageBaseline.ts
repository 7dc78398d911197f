/**
 * The SQLite hot path as it was before the SQL catalogue (the adapter's `appendUpdates` and `loadDoc`,
 * frozen from commit 6c603fd), so the storage micro-bench can compare both in the same run. Reference
 * code for measuring only; nothing in the server imports it.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { migrate } from '../../server/storage/sqliteMigrations'
import type { DocStore, StoredDoc, UpdateToAppend } from '../../server/storage/store'

export function openBaselineHotPath(file: string): Pick<DocStore, 'appendUpdates' | 'loadDoc'> & {
  close(): void
} {
  mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('auto_vacuum = INCREMENTAL')
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
  migrate(db)
  const q = {
    snapshot: db.prepare<[string], { through_seq: number; data: Buffer }>(
      'SELECT through_seq, data FROM doc_snapshots WHERE doc = ?',
    ),
    updatesAfter: db.prepare<[string, number], { seq: number; data: Buffer }>(
      'SELECT seq, data FROM doc_updates WHERE doc = ? AND seq > ? ORDER BY seq',
    ),
    insertUpdate: db.prepare<[string, Uint8Array]>('INSERT INTO doc_updates (doc, data) VALUES (?, ?)'),
  }
  const appendAll = db.transaction((updates: UpdateToAppend[]): number[] =>
    updates.map((u) => Number(q.insertUpdate.run(u.doc, u.data).lastInsertRowid)),
  )
  return {
    async loadDoc(doc: string): Promise<StoredDoc> {
      const snap = q.snapshot.get(doc)
      const updates = q.updatesAfter
        .all(doc, snap?.through_seq ?? 0)
        .map((r) => ({ seq: r.seq, data: r.data }))
      return { snapshot: snap ? { throughSeq: snap.through_seq, data: snap.data } : null, updates }
    },
    async appendUpdates(updates) {
      return updates.length === 0 ? [] : appendAll(updates)
    },
    close: () => db.close(),
  }
}
