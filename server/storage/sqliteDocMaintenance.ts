/**
 * SQLite side of document maintenance off the write path: rebuilding a snapshot from the stored log (the
 * compaction several PostgreSQL instances share, kept here for the common store contract) and the readiness
 * probe.
 */
import type Database from 'better-sqlite3'
import type { DocStore } from './store'

export function sqliteDocMaintenance(db: Database.Database): Pick<DocStore, 'compactFromLog' | 'ping'> {
  const snapshot = db.prepare<[string], { through_seq: number; data: Buffer }>(
    'SELECT through_seq, data FROM doc_snapshots WHERE doc = ?',
  )
  const log = db.prepare<[string], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM doc_updates WHERE doc = ? ORDER BY seq',
  )
  const upsert = db.prepare<[string, number, Uint8Array]>(
    `INSERT INTO doc_snapshots (doc, through_seq, data) VALUES (?, ?, ?)
     ON CONFLICT (doc) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data`,
  )
  const deleteUpdate = db.prepare<[string, number]>('DELETE FROM doc_updates WHERE doc = ? AND seq = ?')

  return {
    // SQLite has one writer at a time: the transaction is the per-document lock.
    async compactFromLog(doc, merge) {
      db.transaction(() => {
        const snap = snapshot.get(doc)
        const updates = log.all(doc)
        if (updates.length === 0) return
        const merged = merge(
          snap?.data ?? null,
          updates.map((u) => u.data),
        )
        const throughSeq = Math.max(snap?.through_seq ?? 0, updates.at(-1)!.seq)
        upsert.run(doc, throughSeq, merged)
        for (const u of updates) deleteUpdate.run(doc, u.seq)
      }).immediate()
      db.pragma('incremental_vacuum')
    },
    async ping() {
      db.prepare('SELECT 1').get()
    },
  }
}
