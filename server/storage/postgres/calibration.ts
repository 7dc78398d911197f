/**
 * The PostgreSQL side of calibration: attempts with answers and results (one open attempt per annotator
 * and project, via `open_attempts`), retake cool-downs, disputes, and the roles a member held.
 */
import type pg from 'pg'
import type { Role } from '../../../shared/auth/permissions'
import { ROLE_HISTORY_SQL, roleHistoryParams, rolesFromAudit } from '../roleHistory'
import { type AttemptRow, type DisputeRow, toAttempt, toDispute } from '../rows'
import type { CalibrationStore } from '../store'
import { execute, query, transaction } from './db'

const now = () => new Date().toISOString()

export function postgresCalibration(pool: pg.Pool): CalibrationStore {
  const get = async (id: string) =>
    (await query<AttemptRow>(pool, 'SELECT * FROM attempts WHERE id = ?', [id]))[0]
  return {
    async createAttempt(a) {
      const at = now()
      // A concurrent start waits on the open slot's primary key, then finds it taken and rolls back.
      const created = await transaction(pool, async (client) => {
        await execute(
          client,
          `INSERT INTO attempts (id, project_id, user_id, version, status, example_order, answers, started_at, updated_at)
           VALUES (?, ?, ?, ?, 'in_progress', ?, '{}', ?, ?)`,
          [a.id, a.projectId, a.userId, a.version, JSON.stringify(a.exampleOrder), at, at],
        )
        const slot = await execute(
          client,
          `INSERT INTO open_attempts (project_id, user_id, attempt_id) VALUES (?, ?, ?)
           ON CONFLICT (project_id, user_id) DO NOTHING`,
          [a.projectId, a.userId, a.id],
        )
        if (slot === 0) throw new OpenAttemptExists()
        return true
      }).catch((error: unknown) => {
        if (error instanceof OpenAttemptExists) return false
        throw error
      })
      return created ? toAttempt((await get(a.id))!) : null
    },
    async openAttempt(projectId, userId) {
      const [row] = await query<AttemptRow>(
        pool,
        `SELECT a.* FROM open_attempts o JOIN attempts a ON a.id = o.attempt_id
         WHERE o.project_id = ? AND o.user_id = ?`,
        [projectId, userId],
      )
      return row ? toAttempt(row) : null
    },
    async rolesHeld(projectId, userId) {
      const rows = await query<{ action: string; actor_id: string | null; details: string }>(
        pool,
        ROLE_HISTORY_SQL,
        roleHistoryParams(projectId, userId),
      )
      const [current] = await query<{ role: Role }>(
        pool,
        'SELECT role FROM memberships WHERE project_id = ? AND user_id = ?',
        [projectId, userId],
      )
      return rolesFromAudit(userId, rows, current?.role ?? null)
    },
    async getAttempt(id) {
      const row = await get(id)
      return row ? toAttempt(row) : null
    },
    async listAttempts(projectId, userId) {
      const rows = userId
        ? await query<AttemptRow>(
            pool,
            'SELECT * FROM attempts WHERE project_id = ? AND user_id = ? ORDER BY started_at DESC, id DESC',
            [projectId, userId],
          )
        : await query<AttemptRow>(
            pool,
            'SELECT * FROM attempts WHERE project_id = ? ORDER BY started_at DESC, id DESC',
            [projectId],
          )
      return rows.map(toAttempt)
    },
    async saveAnswers(attemptId, exampleId, answers) {
      return transaction(pool, async (client) => {
        const [row] = await query<AttemptRow>(client, 'SELECT * FROM attempts WHERE id = ? FOR UPDATE', [
          attemptId,
        ])
        if (!row || row.status !== 'in_progress') return false
        const all = JSON.parse(row.answers) as Record<string, unknown>
        all[exampleId] = answers
        await execute(client, 'UPDATE attempts SET answers = ?, updated_at = ? WHERE id = ?', [
          JSON.stringify(all),
          now(),
          attemptId,
        ])
        return true
      })
    },
    async submitAttempt(attemptId, outcome) {
      const at = now()
      return transaction(pool, async (client) => {
        const changed = await execute(
          client,
          `UPDATE attempts SET status = 'submitted', submitted_at = ?, updated_at = ?, score = ?, passed = ?, result = ?
           WHERE id = ? AND status = 'in_progress' AND id IN (SELECT attempt_id FROM open_attempts)`,
          [at, at, outcome.score, outcome.passed ? 1 : 0, JSON.stringify(outcome.result), attemptId],
        )
        await execute(client, 'DELETE FROM open_attempts WHERE attempt_id = ?', [attemptId])
        return changed > 0
      })
    },
    async retakeCooldownMinutes(projectId) {
      const [row] = await query<{ m: number }>(
        pool,
        'SELECT retake_cooldown_minutes AS m FROM project_settings WHERE project_id = ?',
        [projectId],
      )
      return row?.m ?? 60
    },
    async setRetakeCooldownMinutes(projectId, minutes) {
      await execute(
        pool,
        `INSERT INTO project_settings (project_id, retake_cooldown_minutes) VALUES (?, ?)
         ON CONFLICT (project_id) DO UPDATE SET retake_cooldown_minutes = excluded.retake_cooldown_minutes`,
        [projectId, minutes],
      )
    },

    async createDispute(d) {
      await execute(
        pool,
        `INSERT INTO disputes (id, project_id, attempt_id, version, example_id, criterion_id, user_id, comment, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
        [d.id, d.projectId, d.attemptId, d.version, d.exampleId, d.criterionId, d.userId, d.comment, now()],
      )
    },
    async listDisputes(projectId, userId) {
      const sql = `SELECT d.*, u.name AS user_name FROM disputes d LEFT JOIN users u ON u.id = d.user_id
                   WHERE d.project_id = ? ${userId ? 'AND d.user_id = ?' : ''} ORDER BY d.created_at DESC`
      return (await query<DisputeRow>(pool, sql, userId ? [projectId, userId] : [projectId])).map(toDispute)
    },
    async resolveDispute(projectId, id, reply, resolvedBy) {
      return (
        (await execute(
          pool,
          `UPDATE disputes SET status = 'resolved', reply = ?, resolved_by = ?, resolved_at = ?
           WHERE id = ? AND project_id = ? AND status = 'open'`,
          [reply, resolvedBy, now(), id, projectId],
        )) > 0
      )
    },
  }
}

/** Rolls back the creation of an attempt when the annotator's open slot is taken. */
class OpenAttemptExists extends Error {}
