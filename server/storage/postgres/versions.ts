/** The PostgreSQL side of published versions and read tokens; publishing locks the project row so numbers never collide. */
import type pg from 'pg'
import { bumpSemver, formatSemver, parseSemver } from '../../../shared/versioning/semver'
import {
  SUMMARY_COLUMNS as SUMMARY,
  type TokenRow,
  toRecord,
  toStored,
  toToken,
  type VersionRow,
} from '../rows'
import type { VersionStore } from '../store'
import { execute, query, transaction } from './db'

export function postgresVersions(pool: pg.Pool): VersionStore {
  return {
    async publishVersion(input) {
      return transaction(pool, async (client) => {
        await query(client, 'SELECT id FROM projects WHERE id = ? FOR UPDATE', [input.projectId])
        const [previous] = await query<VersionRow>(
          client,
          `SELECT ${SUMMARY} FROM versions WHERE project_id = ? ORDER BY ordinal DESC LIMIT 1`,
          [input.projectId],
        )
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
        await execute(
          client,
          `INSERT INTO versions (${SUMMARY}, snapshot, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [...Object.values(row), Buffer.from(input.snapshot), input.render(version, publishedAt)],
        )
        return toRecord(row)
      })
    },
    async listVersions(projectId) {
      return (
        await query<VersionRow>(
          pool,
          `SELECT ${SUMMARY} FROM versions WHERE project_id = ? ORDER BY ordinal DESC`,
          [projectId],
        )
      ).map(toRecord)
    },
    async getVersion(projectId, version) {
      const [row] = await query<VersionRow & { snapshot: Buffer; json: string }>(
        pool,
        'SELECT * FROM versions WHERE project_id = ? AND version = ?',
        [projectId, version],
      )
      return row ? toStored(row) : null
    },
    async latestVersion(projectId) {
      const [row] = await query<VersionRow & { snapshot: Buffer; json: string }>(
        pool,
        'SELECT * FROM versions WHERE project_id = ? ORDER BY ordinal DESC LIMIT 1',
        [projectId],
      )
      return row ? toStored(row) : null
    },

    async createReadToken(t) {
      await execute(
        pool,
        'INSERT INTO read_tokens (id, project_id, name, token_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        [t.id, t.projectId, t.name, t.tokenHash, t.createdBy, new Date().toISOString()],
      )
    },
    async listReadTokens(projectId) {
      return (
        await query<TokenRow>(
          pool,
          'SELECT * FROM read_tokens WHERE project_id = ? AND revoked_at IS NULL ORDER BY created_at DESC',
          [projectId],
        )
      ).map(toToken)
    },
    async revokeReadToken(projectId, id) {
      return (
        (await execute(
          pool,
          'UPDATE read_tokens SET revoked_at = ? WHERE id = ? AND project_id = ? AND revoked_at IS NULL',
          [new Date().toISOString(), id, projectId],
        )) > 0
      )
    },
    async redeemReadToken(tokenHash) {
      const [row] = await query<TokenRow>(
        pool,
        'UPDATE read_tokens SET last_used_at = ? WHERE token_hash = ? AND revoked_at IS NULL RETURNING *',
        [new Date().toISOString(), tokenHash],
      )
      return row ? toToken(row) : null
    },
  }
}
