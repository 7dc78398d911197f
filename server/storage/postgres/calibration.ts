/** The PostgreSQL side of calibration: attempts with answers and results, retake cool-downs, disputes. */
import type pg from 'pg'
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
      await execute(
        pool,
        `INSERT INTO attempts (id, project_id, user_id, version, status, example_order, answers, started_at, updated_at)
         VALUES (?, ?, ?, ?, 'in_progress', ?, '{}', ?, ?)`,
        [a.id, a.projectId, a.userId, a.version, JSON.stringify(a.exampleOrder), at, at],
      )
      return toAttempt((await get(a.id))!)
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
    async submittedAttemptsStamp(projectId) {
      const [row] = await query<{ n: string | number; last: string | null }>(
        pool,
        `SELECT count(*) AS n, max(updated_at) AS last FROM attempts WHERE project_id = ? AND status = 'submitted'`,
        [projectId],
      )
      return `${Number(row?.n ?? 0)}:${row?.last ?? ''}`
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
      return (
        (await execute(
          pool,
          `UPDATE attempts SET status = 'submitted', submitted_at = ?, updated_at = ?, score = ?, passed = ?, result = ?
           WHERE id = ? AND status = 'in_progress'`,
          [at, at, outcome.score, outcome.passed ? 1 : 0, JSON.stringify(outcome.result), attemptId],
        )) > 0
      )
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
