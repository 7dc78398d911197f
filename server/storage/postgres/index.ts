/**
 * The PostgreSQL store (`DATABASE_URL=postgres://…`), for several server instances sharing one database.
 * Same schema and behaviour as the SQLite adapter, checked by the same contract suite. A committed
 * transaction is durable (synchronous_commit stays on).
 */
import pg from 'pg'
import { draftWriteTouch } from '../draftWrites'
import { type ProjectRow, toProject } from '../rows'
import type { DocStats, Store, StoredDoc } from '../store'
import { postgresAccounts } from './accounts'
import { postgresCalibration } from './calibration'
import { execute, migrate, query, transaction } from './db'
import { postgresVersions } from './versions'

export async function openPostgresStore(
  connectionString: string,
  options: { schema?: string } = {},
): Promise<Store> {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    // Tests isolate themselves in a schema of their own.
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  })
  await migrate(pool)
  const now = () => new Date().toISOString()

  return {
    ...postgresAccounts(pool),
    ...postgresVersions(pool),
    ...postgresCalibration(pool),

    async loadDoc(doc): Promise<StoredDoc> {
      // One snapshot of the database for both reads (a compaction in between could otherwise hide updates).
      return transaction(pool, async (client) => {
        await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ')
        const [snap] = await query<{ through_seq: number; data: Buffer }>(
          client,
          'SELECT through_seq, data FROM doc_snapshots WHERE doc = ?',
          [doc],
        )
        // Every update still in the log: compaction deletes exactly what it merged, and with several
        // instances an update may commit with a lower seq than one a snapshot already covers.
        const updates = await query<{ seq: number; data: Buffer }>(
          client,
          'SELECT seq, data FROM doc_updates WHERE doc = ? ORDER BY seq',
          [doc],
        )
        return {
          snapshot: snap ? { throughSeq: snap.through_seq, data: new Uint8Array(snap.data) } : null,
          updates: updates.map((u) => ({ seq: u.seq, data: new Uint8Array(u.data) })),
        }
      })
    },
    async appendUpdates(updates) {
      if (updates.length === 0) return []
      const values = updates.map(() => '(?, ?)').join(', ')
      const params = updates.flatMap((u) => [
        u.doc,
        Buffer.from(u.data.buffer, u.data.byteOffset, u.data.byteLength),
      ])
      // One statement: the updates, and the draft's project marked as written (see draftWrites.ts).
      const touch = draftWriteTouch(updates)
      const rows = await query<{ seq: number }>(
        pool,
        `WITH ins AS (INSERT INTO doc_updates (doc, data) VALUES ${values} RETURNING seq),
         touched AS (UPDATE projects SET updated_at = ? WHERE id = ANY(?) AND updated_at < ? RETURNING id)
         SELECT seq FROM ins ORDER BY seq`,
        [...params, touch.at, touch.projectIds, touch.before],
      )
      return rows.map((r) => r.seq)
    },
    async compactDoc(doc, data, throughSeq) {
      await transaction(pool, async (client) => {
        await execute(
          client,
          `INSERT INTO doc_snapshots (doc, through_seq, data) VALUES (?, ?, ?)
           ON CONFLICT (doc) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data
           WHERE excluded.through_seq > doc_snapshots.through_seq`,
          [doc, throughSeq, Buffer.from(data)],
        )
        const [stored] = await query<{ through_seq: number }>(
          client,
          'SELECT through_seq FROM doc_snapshots WHERE doc = ?',
          [doc],
        )
        if (stored)
          await execute(client, 'DELETE FROM doc_updates WHERE doc = ? AND seq <= ?', [
            doc,
            stored.through_seq,
          ])
      })
    },
    async compactFromLog(doc, merge) {
      await transaction(pool, async (client) => {
        // One compaction per document at a time, across every instance.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`doc:${doc}`])
        const [snap] = await query<{ through_seq: number; data: Buffer }>(
          client,
          'SELECT through_seq, data FROM doc_snapshots WHERE doc = ?',
          [doc],
        )
        const updates = await query<{ seq: number; data: Buffer }>(
          client,
          'SELECT seq, data FROM doc_updates WHERE doc = ? ORDER BY seq',
          [doc],
        )
        if (updates.length === 0) return
        const merged = merge(
          snap ? new Uint8Array(snap.data) : null,
          updates.map((u) => new Uint8Array(u.data)),
        )
        const throughSeq = Math.max(snap?.through_seq ?? 0, updates.at(-1)!.seq)
        await execute(
          client,
          `INSERT INTO doc_snapshots (doc, through_seq, data) VALUES (?, ?, ?)
           ON CONFLICT (doc) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data`,
          [doc, throughSeq, Buffer.from(merged)],
        )
        // Exactly the merged updates: one committed meanwhile with a lower seq stays in the log.
        await client.query('DELETE FROM doc_updates WHERE doc = $1 AND seq = ANY($2::bigint[])', [
          doc,
          updates.map((u) => u.seq),
        ])
      })
    },
    async ping() {
      await pool.query('SELECT 1')
    },
    async docStats(doc): Promise<DocStats> {
      const [s] = await query<{ n: number; bytes: number | null }>(
        pool,
        'SELECT count(*)::bigint AS n, sum(length(data))::bigint AS bytes FROM doc_updates WHERE doc = ?',
        [doc],
      )
      const [snap] = await query<{ bytes: number }>(
        pool,
        'SELECT length(data)::bigint AS bytes FROM doc_snapshots WHERE doc = ?',
        [doc],
      )
      return { updateCount: s?.n ?? 0, updateBytes: s?.bytes ?? 0, snapshotBytes: snap?.bytes ?? 0 }
    },

    async listProjects() {
      return (await query<ProjectRow>(pool, 'SELECT * FROM projects ORDER BY updated_at DESC, id')).map(
        toProject,
      )
    },
    async getProject(id) {
      const [row] = await query<ProjectRow>(pool, 'SELECT * FROM projects WHERE id = ?', [id])
      return row ? toProject(row) : null
    },
    async createProject({ id, name }) {
      const at = now()
      await execute(pool, 'INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)', [
        id,
        name,
        at,
        at,
      ])
      return { id, name, createdAt: at, updatedAt: at }
    },
    async renameProject(id, name) {
      const rows = await query<ProjectRow>(
        pool,
        'UPDATE projects SET name = ?, updated_at = ? WHERE id = ? RETURNING *',
        [name, now(), id],
      )
      return rows[0] ? toProject(rows[0]) : null
    },
    async countProjects() {
      return (await query<{ n: number }>(pool, 'SELECT count(*)::bigint AS n FROM projects'))[0]?.n ?? 0
    },
    async close() {
      await pool.end()
    },
  }
}
