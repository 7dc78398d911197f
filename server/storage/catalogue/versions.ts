/**
 * Published versions and read tokens, written once for both databases. Publishing locks the project row
 * (PostgreSQL) or holds the single writer (SQLite), so concurrent publishes never get the same number.
 */
import { bumpSemver, formatSemver, parseSemver } from '../../../shared/versioning/semver'
import {
  type AttemptRow,
  SUMMARY_COLUMNS,
  type TokenRow,
  toAttempt,
  toRecord,
  toStored,
  toToken,
  type VersionRow,
} from '../rows'
import { all, type Db, get, run, sql } from '../sql'
import type { VersionStore } from '../store'
import { enqueueEvents } from './webhooks'

type FullVersionRow = VersionRow & { snapshot: Uint8Array; json: string }

const LOCK_PROJECT = sql('SELECT id FROM projects WHERE id = ?', { forUpdate: true })
const LATEST = sql('SELECT * FROM versions WHERE project_id = ? ORDER BY ordinal DESC LIMIT 1')
const LATEST_NUMBER = sql(
  'SELECT ordinal, version FROM versions WHERE project_id = ? ORDER BY ordinal DESC LIMIT 1',
)
const INSERT_VERSION = sql(
  `INSERT INTO versions (${SUMMARY_COLUMNS}, snapshot, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
)
const ATTEMPTS_OF_PROJECT = sql(
  'SELECT * FROM attempts WHERE project_id = ? ORDER BY started_at DESC, id DESC',
)
const LIST = sql(`SELECT ${SUMMARY_COLUMNS} FROM versions WHERE project_id = ? ORDER BY ordinal DESC`)
const BY_NUMBER = sql('SELECT * FROM versions WHERE project_id = ? AND version = ?')
const INSERT_TOKEN = sql(
  'INSERT INTO read_tokens (id, project_id, name, token_hash, created_by, created_at, scopes) VALUES (?, ?, ?, ?, ?, ?, ?)',
)
const LIVE_TOKENS = sql(
  'SELECT * FROM read_tokens WHERE project_id = ? AND revoked_at IS NULL ORDER BY created_at DESC',
)
const REVOKE_TOKEN = sql(
  'UPDATE read_tokens SET revoked_at = ? WHERE id = ? AND project_id = ? AND revoked_at IS NULL',
)
const REDEEM_TOKEN = sql(
  'UPDATE read_tokens SET last_used_at = ? WHERE token_hash = ? AND revoked_at IS NULL RETURNING *',
)

export function versionStore(db: Db): VersionStore {
  return {
    publishVersion: (input) =>
      db.write(function* () {
        yield* get(LOCK_PROJECT, [input.projectId])
        const previous = yield* get<Pick<VersionRow, 'ordinal' | 'version'>>(LATEST_NUMBER, [input.projectId])
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
        const json = input.render(version, publishedAt)
        // In SUMMARY_COLUMNS order.
        yield* run(INSERT_VERSION, [
          row.project_id,
          row.ordinal,
          row.version,
          row.bump,
          row.changelog,
          row.author_id,
          row.author_name,
          row.created_at,
          row.criteria,
          row.examples,
          row.open_threads,
          input.snapshot,
          json,
        ])
        const record = toRecord(row)
        if (input.events) {
          // Only a major version makes passes stale, so only then are the attempts read.
          const attempts =
            input.bump === 'major'
              ? (yield* all<AttemptRow>(ATTEMPTS_OF_PROJECT, [input.projectId])).map(toAttempt)
              : []
          yield* enqueueEvents(input.events(record, attempts, previous?.version ?? null))
        }
        return record
      }),
    async listVersions(projectId) {
      return (await db.run(all<VersionRow>(LIST, [projectId]))).map(toRecord)
    },
    async getVersion(projectId, version) {
      const row = await db.run(get<FullVersionRow>(BY_NUMBER, [projectId, version]))
      return row ? toStored(row) : null
    },
    async latestVersion(projectId) {
      const row = await db.run(get<FullVersionRow>(LATEST, [projectId]))
      return row ? toStored(row) : null
    },

    async createReadToken(t) {
      const at = new Date().toISOString()
      await db.run(
        run(INSERT_TOKEN, [t.id, t.projectId, t.name, t.tokenHash, t.createdBy, at, t.scopes.join(' ')]),
      )
    },
    async listReadTokens(projectId) {
      return (await db.run(all<TokenRow>(LIVE_TOKENS, [projectId]))).map(toToken)
    },
    async revokeReadToken(projectId, id) {
      return (await db.run(run(REVOKE_TOKEN, [new Date().toISOString(), id, projectId]))) > 0
    },
    async redeemReadToken(tokenHash) {
      const row = await db.run(get<TokenRow>(REDEEM_TOKEN, [new Date().toISOString(), tokenHash]))
      return row ? toToken(row) : null
    },
  }
}
