/**
 * The embedded default store: one SQLite file (better-sqlite3, WAL) under DATA_DIR, `synchronous = FULL`,
 * so a resolved `appendUpdates` survives a crash or power loss. The document log's writes go through a
 * worker thread's connection (sqliteLogWriter.ts) so their fsyncs never block the event loop; everything
 * else, reads of the log included, uses this thread's connection.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { type ProjectRow, toProject } from './rows'
import { sqliteAccounts } from './sqliteAccounts'
import { sqliteCalibration } from './sqliteCalibration'
import { sqliteDocMaintenance } from './sqliteDocMaintenance'
import { startSqliteLogWriter } from './sqliteLogWriter'
import { migrate } from './sqliteMigrations'
import { sqliteVersions } from './sqliteVersions'
import type { DocStats, Store, StoredDoc, UpdateToAppend } from './store'

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
  // Started after the migrations, so the worker finds the schema in place.
  const logWriter = startSqliteLogWriter(file)

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
    listProjects: db.prepare<[], ProjectRow>('SELECT * FROM projects ORDER BY updated_at DESC, id'),
    getProject: db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE id = ?'),
    insertProject: db.prepare<[string, string, string, string]>(
      'INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)',
    ),
    renameProject: db.prepare<[string, string, string]>(
      'UPDATE projects SET name = ?, updated_at = ? WHERE id = ?',
    ),
    countProjects: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM projects'),
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
    async appendUpdates(updates: UpdateToAppend[]) {
      return updates.length === 0 ? [] : logWriter.append(updates)
    },
    async compactDoc(doc, data, throughSeq) {
      // The worker also returns freed pages to the file system once they are a quarter of the file.
      await logWriter.compact(doc, data, throughSeq)
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
      await logWriter.close()
      // Return every page compaction freed, so the file at rest tracks the documents' real size.
      db.pragma('incremental_vacuum')
      db.close()
    },
  }
}
