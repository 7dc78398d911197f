/** The SQLite side of published versions and per-project read tokens. */
import type Database from 'better-sqlite3'
import { bumpSemver, formatSemver, parseSemver } from '../../shared/versioning/semver'
import { SUMMARY_COLUMNS, type TokenRow, toRecord, toStored, toToken, type VersionRow } from './rows'
import type { VersionRecord, VersionStore } from './store'

export function sqliteVersions(db: Database.Database): VersionStore {
  const latest = db.prepare<[string], VersionRow & { snapshot: Buffer; json: string }>(
    'SELECT * FROM versions WHERE project_id = ? ORDER BY ordinal DESC LIMIT 1',
  )
  const publish = db.transaction((input: Parameters<VersionStore['publishVersion']>[0]): VersionRecord => {
    const previous = latest.get(input.projectId)
    const version = formatSemver(bumpSemver(previous ? parseSemver(previous.version) : null, input.bump))
    const publishedAt = new Date().toISOString()
    const row: VersionRow = {
      project_id: input.projectId,
      ordinal: (previous?.ordinal ?? 0) + 1,
      version,
      bump: input.bump,
      changelog: input.changelog,
      author_id: input.author.id,
      author_name: input.author.name,
      created_at: publishedAt,
      criteria: input.counts.criteria,
      examples: input.counts.examples,
      open_threads: input.counts.openThreads,
    }
    db.prepare(
      `INSERT INTO versions (${SUMMARY_COLUMNS}, snapshot, json)
       VALUES (@project_id, @ordinal, @version, @bump, @changelog, @author_id, @author_name, @created_at,
               @criteria, @examples, @open_threads, @snapshot, @json)`,
    ).run({ ...row, snapshot: input.snapshot, json: input.render(version, publishedAt) })
    return toRecord(row)
  })

  return {
    async publishVersion(input) {
      return publish(input)
    },
    async listVersions(projectId) {
      return db
        .prepare<[string], VersionRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM versions WHERE project_id = ? ORDER BY ordinal DESC`,
        )
        .all(projectId)
        .map(toRecord)
    },
    async getVersion(projectId, version) {
      const row = db
        .prepare<[string, string], VersionRow & { snapshot: Buffer; json: string }>(
          'SELECT * FROM versions WHERE project_id = ? AND version = ?',
        )
        .get(projectId, version)
      return row ? toStored(row) : null
    },
    async latestVersion(projectId) {
      const row = latest.get(projectId)
      return row ? toStored(row) : null
    },

    async createReadToken(t) {
      db.prepare(
        'INSERT INTO read_tokens (id, project_id, name, token_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(t.id, t.projectId, t.name, t.tokenHash, t.createdBy, new Date().toISOString())
    },
    async listReadTokens(projectId) {
      return db
        .prepare<[string], TokenRow>(
          'SELECT * FROM read_tokens WHERE project_id = ? AND revoked_at IS NULL ORDER BY created_at DESC',
        )
        .all(projectId)
        .map(toToken)
    },
    async revokeReadToken(projectId, id) {
      return (
        db
          .prepare(
            'UPDATE read_tokens SET revoked_at = ? WHERE id = ? AND project_id = ? AND revoked_at IS NULL',
          )
          .run(new Date().toISOString(), id, projectId).changes > 0
      )
    },
    async redeemReadToken(tokenHash) {
      const row = db
        .prepare<[string], TokenRow>('SELECT * FROM read_tokens WHERE token_hash = ? AND revoked_at IS NULL')
        .get(tokenHash)
      if (!row) return null
      const now = new Date().toISOString()
      db.prepare('UPDATE read_tokens SET last_used_at = ? WHERE id = ?').run(now, row.id)
      return toToken({ ...row, last_used_at: now })
    },
  }
}
