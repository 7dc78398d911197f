/** The SQLite side of calibration: attempts with their answers and results, retake cool-downs, disputes. */
import type Database from 'better-sqlite3'
import { type AttemptRow, type DisputeRow, toAttempt, toDispute } from './rows'
import type { CalibrationStore } from './store'

const now = () => new Date().toISOString()

export function sqliteCalibration(db: Database.Database): CalibrationStore {
  const getAttempt = db.prepare<[string], AttemptRow>('SELECT * FROM attempts WHERE id = ?')
  const save = db.transaction(
    (attemptId: string, exampleId: string, answers: Record<string, unknown>): boolean => {
      const row = getAttempt.get(attemptId)
      if (!row || row.status !== 'in_progress') return false
      const all = JSON.parse(row.answers) as Record<string, unknown>
      all[exampleId] = answers
      db.prepare('UPDATE attempts SET answers = ?, updated_at = ? WHERE id = ?').run(
        JSON.stringify(all),
        now(),
        attemptId,
      )
      return true
    },
  )

  return {
    async createAttempt(a) {
      const at = now()
      db.prepare(
        `INSERT INTO attempts (id, project_id, user_id, version, status, example_order, answers, started_at, updated_at)
         VALUES (?, ?, ?, ?, 'in_progress', ?, '{}', ?, ?)`,
      ).run(a.id, a.projectId, a.userId, a.version, JSON.stringify(a.exampleOrder), at, at)
      return toAttempt(getAttempt.get(a.id)!)
    },
    async getAttempt(id) {
      const row = getAttempt.get(id)
      return row ? toAttempt(row) : null
    },
    async listAttempts(projectId, userId) {
      const rows = userId
        ? db
            .prepare<[string, string], AttemptRow>(
              'SELECT * FROM attempts WHERE project_id = ? AND user_id = ? ORDER BY started_at DESC, id DESC',
            )
            .all(projectId, userId)
        : db
            .prepare<[string], AttemptRow>(
              'SELECT * FROM attempts WHERE project_id = ? ORDER BY started_at DESC, id DESC',
            )
            .all(projectId)
      return rows.map(toAttempt)
    },
    async submittedAttemptsStamp(projectId) {
      const row = db
        .prepare<[string], { n: number; last: string | null }>(
          `SELECT count(*) AS n, max(updated_at) AS last FROM attempts WHERE project_id = ? AND status = 'submitted'`,
        )
        .get(projectId)
      return `${row?.n ?? 0}:${row?.last ?? ''}`
    },
    async saveAnswers(attemptId, exampleId, answers) {
      return save(attemptId, exampleId, answers)
    },
    async submitAttempt(attemptId, outcome) {
      const at = now()
      return (
        db
          .prepare(
            `UPDATE attempts SET status = 'submitted', submitted_at = ?, updated_at = ?, score = ?, passed = ?, result = ?
             WHERE id = ? AND status = 'in_progress'`,
          )
          .run(at, at, outcome.score, outcome.passed ? 1 : 0, JSON.stringify(outcome.result), attemptId)
          .changes > 0
      )
    },
    async retakeCooldownMinutes(projectId) {
      const row = db
        .prepare<[string], { m: number }>(
          'SELECT retake_cooldown_minutes AS m FROM project_settings WHERE project_id = ?',
        )
        .get(projectId)
      return row?.m ?? 60
    },
    async setRetakeCooldownMinutes(projectId, minutes) {
      db.prepare(
        `INSERT INTO project_settings (project_id, retake_cooldown_minutes) VALUES (?, ?)
         ON CONFLICT (project_id) DO UPDATE SET retake_cooldown_minutes = excluded.retake_cooldown_minutes`,
      ).run(projectId, minutes)
    },

    async createDispute(d) {
      db.prepare(
        `INSERT INTO disputes (id, project_id, attempt_id, version, example_id, criterion_id, user_id, comment, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
      ).run(d.id, d.projectId, d.attemptId, d.version, d.exampleId, d.criterionId, d.userId, d.comment, now())
    },
    async listDisputes(projectId, userId) {
      const sql = `SELECT d.*, u.name AS user_name FROM disputes d LEFT JOIN users u ON u.id = d.user_id
                   WHERE d.project_id = ? ${userId ? 'AND d.user_id = ?' : ''} ORDER BY d.created_at DESC`
      const rows = (
        userId ? db.prepare(sql).all(projectId, userId) : db.prepare(sql).all(projectId)
      ) as DisputeRow[]
      return rows.map(toDispute)
    },
    async resolveDispute(projectId, id, reply, resolvedBy) {
      return (
        db
          .prepare(
            `UPDATE disputes SET status = 'resolved', reply = ?, resolved_by = ?, resolved_at = ?
             WHERE id = ? AND project_id = ? AND status = 'open'`,
          )
          .run(reply, resolvedBy, now(), id, projectId).changes > 0
      )
    },
  }
}
