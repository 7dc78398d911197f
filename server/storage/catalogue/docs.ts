/**
 * Document storage, written once for both databases: the append-only update log, the compacted snapshot,
 * and the compaction that rebuilds it. The log append is the durable-before-relay hot path.
 */

import { draftWriteTouch } from '../draftWrites'
import { all, type BatchInsert, type Db, get, insertAll, lock, type Query, run, sql } from '../sql'
import type { DocStats, DocStore, StoredDoc } from '../store'

const APPEND: BatchInsert = { table: 'doc_updates', columns: ['doc', 'data'], returning: 'seq' }
const SNAPSHOT = sql('SELECT through_seq, data FROM doc_snapshots WHERE doc = ?')
// Every update still in the log: compaction deletes exactly what it merged, and with several PostgreSQL
// instances an update may commit with a lower seq than one a snapshot already covers.
const LOG = sql('SELECT seq, data FROM doc_updates WHERE doc = ? ORDER BY seq')
const LOG_STATS = sql('SELECT count(*) AS n, sum(length(data)) AS bytes FROM doc_updates WHERE doc = ?')
const SNAPSHOT_BYTES = sql('SELECT length(data) AS bytes FROM doc_snapshots WHERE doc = ?')
const UPSERT_NEWER_SNAPSHOT = sql(
  `INSERT INTO doc_snapshots (doc, through_seq, data) VALUES (?, ?, ?)
   ON CONFLICT (doc) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data
   WHERE excluded.through_seq > doc_snapshots.through_seq`,
)
const UPSERT_SNAPSHOT = sql(
  `INSERT INTO doc_snapshots (doc, through_seq, data) VALUES (?, ?, ?)
   ON CONFLICT (doc) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data`,
)
const STORED_THROUGH = sql('SELECT through_seq FROM doc_snapshots WHERE doc = ?')
const DELETE_THROUGH = sql('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?')
// The seqs travel as one JSON array, so a long log is one statement with one parameter on both databases.
const DELETE_SEQS = sql('DELETE FROM doc_updates WHERE doc = ? AND seq IN (SELECT value FROM json_each(?))', {
  postgres:
    'DELETE FROM doc_updates WHERE doc = ? AND seq IN (SELECT jsonb_array_elements_text(?::jsonb)::bigint)',
})
const PING = sql('SELECT 1 AS one')
const TOUCH_PROJECT = sql('UPDATE projects SET updated_at = ? WHERE id = ? AND updated_at < ?')

interface SnapshotRow {
  through_seq: number
  data: Uint8Array
}
interface UpdateRow {
  seq: number
  data: Uint8Array
}

export function docStore(db: Db): DocStore {
  /** When this process last marked each project as edited. */
  const touched = new Map<string, number>()
  return {
    loadDoc: (doc) => db.read(load(doc)),
    // The durable-before-relay hot path: no wrapper of its own, the driver's promise is the answer.
    appendUpdates: (updates) => {
      if (updates.length === 0) return Promise.resolve([])
      const rows = updates.map((u) => [u.doc, u.data])
      // A draft's project shows when it was last edited (draftWrites.ts): at most once a minute per project.
      const touch = draftWriteTouch(updates, touched)
      if (touch.projectIds.length === 0) return db.run(insertAll(APPEND, rows))
      return db.write(function* () {
        const seqs = yield* insertAll(APPEND, rows)
        for (const id of touch.projectIds) yield* run(TOUCH_PROJECT, [touch.at, id, touch.before])
        return seqs
      })
    },
    async compactDoc(doc, data, throughSeq) {
      await db.write(function* () {
        yield* run(UPSERT_NEWER_SNAPSHOT, [doc, throughSeq, data])
        // Only delete what the stored snapshot covers (a newer snapshot may already be there).
        const stored = yield* get<{ through_seq: number }>(STORED_THROUGH, [doc])
        if (stored) yield* run(DELETE_THROUGH, [doc, stored.through_seq])
      })
      await db.reclaim()
    },
    async compactFromLog(doc, merge) {
      await db.write(function* () {
        // One compaction per document at a time, across every instance.
        yield* lock(`doc:${doc}`)
        const snap = yield* get<SnapshotRow>(SNAPSHOT, [doc])
        const updates = yield* all<UpdateRow>(LOG, [doc])
        if (updates.length === 0) return
        const merged = merge(
          snap?.data ?? null,
          updates.map((u) => u.data),
        )
        const throughSeq = Math.max(snap?.through_seq ?? 0, updates.at(-1)!.seq)
        yield* run(UPSERT_SNAPSHOT, [doc, throughSeq, merged])
        // Exactly the merged updates: one committed meanwhile with a lower seq stays in the log.
        yield* run(DELETE_SEQS, [doc, JSON.stringify(updates.map((u) => u.seq))])
      })
      await db.reclaim()
    },
    async ping() {
      await db.run(get(PING))
    },
    docStats: (doc) => db.run(stats(doc)),
  }
}

function* load(doc: string): Query<StoredDoc> {
  const snap = yield* get<SnapshotRow>(SNAPSHOT, [doc])
  // The rows are already { seq, data }: handed over as they are, with no copy on the load path.
  const updates = yield* all<UpdateRow>(LOG, [doc])
  return { snapshot: snap ? { throughSeq: snap.through_seq, data: snap.data } : null, updates }
}

function* stats(doc: string): Query<DocStats> {
  const log = yield* get<{ n: number; bytes: number | null }>(LOG_STATS, [doc])
  const snap = yield* get<{ bytes: number }>(SNAPSHOT_BYTES, [doc])
  return { updateCount: log?.n ?? 0, updateBytes: log?.bytes ?? 0, snapshotBytes: snap?.bytes ?? 0 }
}
