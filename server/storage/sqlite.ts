/**
 * The embedded default store: one SQLite file (better-sqlite3, WAL) under DATA_DIR. Writes are
 * synchronous and `synchronous = FULL`, so a resolved `appendUpdates` survives a crash or power loss.
 * (Moving the log's commits to a worker thread was measured and reverted: see test/bench/RESULTS.md.)
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { draftWriteTouch } from './draftWrites'
import { type ProjectRow, toProject } from './rows'
import { sqliteAccounts } from './sqliteAccounts'
import { sqliteCalibration } from './sqliteCalibration'
import { sqliteDocMaintenance } from './sqliteDocMaintenance'
import { migrate } from './sqliteMigrations'
import { sqliteVersions } from './sqliteVersions'
import type { DocStats, Store, StoredDoc, UpdateToAppend } from './store'

/** Fewest free pages worth an incremental_vacuum after a compaction (and at least a quarter of the file). */
const VACUUM_MIN_PAGES = 16

export function openSqliteStore(file: string): Store {
  mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  // Pages freed by compaction go back to the file system (takes effect on a new database; see compactDoc).
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
    stats: db.prepare<[string], { n: number; bytes: number | null }>(
      'SELECT count(*) AS n, sum(length(data)) AS bytes FROM doc_updates WHERE doc = ?',
    ),
    snapshotBytes: db.prepare<[string], { bytes: number }>(
      'SELECT length(data) AS bytes FROM doc_snapshots WHERE doc = ?',
    ),
    insertUpdate: db.prepare<[string, Uint8Array]>('INSERT INTO doc_updates (doc, data) VALUES (?, ?)'),
    upsertSnapshot: db.prepare<[string, number, Uint8Array]>(
      `INSERT INTO doc_snapshots (doc, through_seq, data) VALUES (?, ?, ?)
       ON CONFLICT (doc) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data
       WHERE excluded.through_seq > doc_snapshots.through_seq`,
    ),
    storedThrough: db
      .prepare<[string], number>('SELECT through_seq FROM doc_snapshots WHERE doc = ?')
      .pluck(),
    deleteUpdatesThrough: db.prepare<[string, number]>('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?'),
    listProjects: db.prepare<[], ProjectRow>('SELECT * FROM projects ORDER BY updated_at DESC, id'),
    getProject: db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE id = ?'),
    insertProject: db.prepare<[string, string, string, string]>(
      'INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)',
    ),
    renameProject: db.prepare<[string, string, string]>(
      'UPDATE projects SET name = ?, updated_at = ? WHERE id = ?',
    ),
    countProjects: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM projects'),
    touchProject: db.prepare<[string, string, string]>(
      'UPDATE projects SET updated_at = ? WHERE id = ? AND updated_at < ?',
    ),
  }

  const appendAll = db.transaction((updates: UpdateToAppend[]): number[] => {
    const seqs = updates.map((u) => Number(q.insertUpdate.run(u.doc, u.data).lastInsertRowid))
    const touch = draftWriteTouch(updates)
    for (const id of touch.projectIds) q.touchProject.run(touch.at, id, touch.before)
    return seqs
  })
  const compact = db.transaction((doc: string, data: Uint8Array, throughSeq: number) => {
    q.upsertSnapshot.run(doc, throughSeq, data)
    // Only delete what the stored snapshot covers (a newer snapshot may already be there).
    const through = q.storedThrough.get(doc)
    if (through !== undefined) q.deleteUpdatesThrough.run(doc, through)
  })
  // Returns freed pages to the file system when they are a sizeable part of the file, not after every
  // compaction: each incremental_vacuum is one more synced commit on the event loop.
  const vacuumIfWorthIt = () => {
    const free = db.pragma('freelist_count', { simple: true }) as number
    const pages = db.pragma('page_count', { simple: true }) as number
    if (free >= VACUUM_MIN_PAGES && free * 4 >= pages) db.pragma('incremental_vacuum')
  }

  return {
    ...sqliteAccounts(db),
    ...sqliteVersions(db),
    ...sqliteCalibration(db),
    ...sqliteDocMaintenance(db),
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
    async compactDoc(doc, data, throughSeq) {
      compact(doc, data, throughSeq)
      vacuumIfWorthIt()
    },
    async docStats(doc): Promise<DocStats> {
      const s = q.stats.get(doc)
      return {
        updateCount: s?.n ?? 0,
        updateBytes: s?.bytes ?? 0,
        snapshotBytes: q.snapshotBytes.get(doc)?.bytes ?? 0,
      }
    },
    async listProjects() {
      return q.listProjects.all().map(toProject)
    },
    async getProject(id) {
      const row = q.getProject.get(id)
      return row ? toProject(row) : null
    },
    async createProject({ id, name }) {
      const now = new Date().toISOString()
      q.insertProject.run(id, name, now, now)
      return { id, name, createdAt: now, updatedAt: now }
    },
    async renameProject(id, name) {
      const changed = q.renameProject.run(name, new Date().toISOString(), id).changes
      if (changed === 0) return null
      return toProject(q.getProject.get(id)!)
    },
    async countProjects() {
      return q.countProjects.get()?.n ?? 0
    },
    async close() {
      // Return every page compaction freed, so the file at rest tracks the documents' real size.
      db.pragma('incremental_vacuum')
      db.close()
    },
  }
}
