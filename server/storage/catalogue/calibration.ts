/**
 * Calibration, written once for both databases: attempts with answers and results (one open attempt per
 * annotator and project, via `open_attempts`), retake cool-downs, disputes and their fixes, re-scores, and the
 * roles a member held.
 */
import type { Role } from '../../../shared/auth/permissions'
import { ROLE_HISTORY_SQL, roleHistoryParams, rolesFromAudit } from '../roleHistory'
import { type AttemptRow, type DisputeRow, toAttempt, toDispute } from '../rows'
import { all, type Db, get, run, sql } from '../sql'
import type { CalibrationStore } from '../store'
import { enqueueEvents } from './webhooks'

const DEFAULT_COOLDOWN_MINUTES = 60

const INSERT_ATTEMPT = sql(
  `INSERT INTO attempts (id, project_id, user_id, version, status, example_order, answers, started_at, updated_at)
   VALUES (?, ?, ?, ?, 'in_progress', ?, '{}', ?, ?) RETURNING *`,
)
const ATTEMPT = sql('SELECT * FROM attempts WHERE id = ?')
const ATTEMPT_LOCKED = sql('SELECT * FROM attempts WHERE id = ?', { forUpdate: true })
const ATTEMPTS_OF_PROJECT = sql(
  'SELECT * FROM attempts WHERE project_id = ? ORDER BY started_at DESC, id DESC',
)
const ATTEMPTS_OF_USER = sql(
  'SELECT * FROM attempts WHERE project_id = ? AND user_id = ? ORDER BY started_at DESC, id DESC',
)
const SAVE_ANSWERS = sql('UPDATE attempts SET answers = ?, updated_at = ? WHERE id = ?')
const CLAIM_OPEN_SLOT = sql(
  `INSERT INTO open_attempts (project_id, user_id, attempt_id) VALUES (?, ?, ?)
   ON CONFLICT (project_id, user_id) DO NOTHING`,
)
const OPEN_ATTEMPT = sql(
  `SELECT a.* FROM open_attempts o JOIN attempts a ON a.id = o.attempt_id
   WHERE o.project_id = ? AND o.user_id = ?`,
)
const SUBMIT = sql(
  `UPDATE attempts SET status = 'submitted', submitted_at = ?, updated_at = ?, score = ?, passed = ?, result = ?
   WHERE id = ? AND status = 'in_progress' AND id IN (SELECT attempt_id FROM open_attempts)`,
)
const LATEST_VERSION = sql('SELECT version FROM versions WHERE project_id = ? ORDER BY ordinal DESC LIMIT 1')
const FREE_OPEN_SLOT = sql('DELETE FROM open_attempts WHERE attempt_id = ?')
const ROLE_HISTORY = sql(ROLE_HISTORY_SQL)
const CURRENT_ROLE = sql('SELECT role FROM memberships WHERE project_id = ? AND user_id = ?')
const COOLDOWN = sql('SELECT retake_cooldown_minutes AS m FROM project_settings WHERE project_id = ?')
const SET_COOLDOWN = sql(
  `INSERT INTO project_settings (project_id, retake_cooldown_minutes) VALUES (?, ?)
   ON CONFLICT (project_id) DO UPDATE SET retake_cooldown_minutes = excluded.retake_cooldown_minutes`,
)
const INSERT_DISPUTE = sql(
  `INSERT INTO disputes (id, project_id, attempt_id, version, example_id, criterion_id, user_id, comment, status, created_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
)
const DISPUTES_SELECT = `SELECT d.*, u.name AS user_name FROM disputes d LEFT JOIN users u ON u.id = d.user_id
   WHERE d.project_id = ?`
const DISPUTES_OF_PROJECT = sql(`${DISPUTES_SELECT} ORDER BY d.created_at DESC`)
const DISPUTES_OF_USER = sql(`${DISPUTES_SELECT} AND d.user_id = ? ORDER BY d.created_at DESC`)
const RESOLVE_DISPUTE = sql(
  `UPDATE disputes SET status = 'resolved', reply = ?, outcome = ?, resolved_by = ?, resolved_at = ?
   WHERE id = ? AND project_id = ? AND status = 'open'`,
)
const MARK_DISPUTE_FIXED = sql(
  `UPDATE disputes SET fixed_in_version = ?
   WHERE id = ? AND project_id = ? AND outcome = 'gold_wrong' AND fixed_in_version IS NULL`,
)
// A re-score moves updated_at, so the submitted-attempts stamp (the analytics cache key) changes with it.
const RESCORE_ATTEMPT = sql(
  `UPDATE attempts SET rescore = ?, updated_at = ? WHERE id = ? AND status = 'submitted'`,
)
const SUBMITTED_STAMP = sql(
  `SELECT count(*) AS n, max(updated_at) AS last FROM attempts WHERE project_id = ? AND status = 'submitted'`,
)

const now = () => new Date().toISOString()

export function calibrationStore(db: Db): CalibrationStore {
  return {
    async createAttempt(a) {
      const at = now()
      const params = [a.id, a.projectId, a.userId, a.version, JSON.stringify(a.exampleOrder), at, at]
      try {
        // The attempt row first (PostgreSQL checks the slot's foreign key at once); a concurrent start waits
        // on the slot's primary key, finds it taken, and this transaction rolls back.
        return await db.write(function* () {
          const row = yield* get<AttemptRow>(INSERT_ATTEMPT, params)
          if ((yield* run(CLAIM_OPEN_SLOT, [a.projectId, a.userId, a.id])) === 0)
            throw new OpenAttemptExists()
          return toAttempt(row!)
        })
      } catch (error) {
        if (error instanceof OpenAttemptExists) return null
        throw error
      }
    },
    async openAttempt(projectId, userId) {
      const row = await db.run(get<AttemptRow>(OPEN_ATTEMPT, [projectId, userId]))
      return row ? toAttempt(row) : null
    },
    rolesHeld: (projectId, userId) =>
      db.read(function* () {
        const rows = yield* all<{ action: string; actor_id: string | null; details: string }>(
          ROLE_HISTORY,
          roleHistoryParams(projectId, userId),
        )
        const current = yield* get<{ role: Role }>(CURRENT_ROLE, [projectId, userId])
        return rolesFromAudit(userId, rows, current?.role ?? null)
      }),
    async getAttempt(id) {
      const row = await db.run(get<AttemptRow>(ATTEMPT, [id]))
      return row ? toAttempt(row) : null
    },
    async listAttempts(projectId, userId) {
      const rows = await db.run(
        userId
          ? all<AttemptRow>(ATTEMPTS_OF_USER, [projectId, userId])
          : all<AttemptRow>(ATTEMPTS_OF_PROJECT, [projectId]),
      )
      return rows.map(toAttempt)
    },
    saveAnswers: (attemptId, exampleId, answers) =>
      db.write(function* () {
        const row = yield* get<AttemptRow>(ATTEMPT_LOCKED, [attemptId])
        if (row?.status !== 'in_progress') return false
        const saved = JSON.parse(row.answers) as Record<string, unknown>
        saved[exampleId] = answers
        yield* run(SAVE_ANSWERS, [JSON.stringify(saved), now(), attemptId])
        return true
      }),
    submitAttempt: (attemptId, { score, passed, result }, events) =>
      db.write(function* () {
        const at = now()
        const changed = yield* run(SUBMIT, [at, at, score, passed ? 1 : 0, JSON.stringify(result), attemptId])
        yield* run(FREE_OPEN_SLOT, [attemptId])
        if (changed > 0 && events) {
          // The outbox rows commit (or roll back) with the submission itself.
          const submitted = (yield* get<AttemptRow>(ATTEMPT, [attemptId]))!
          const attempts = yield* all<AttemptRow>(ATTEMPTS_OF_USER, [submitted.project_id, submitted.user_id])
          const latest = yield* get<{ version: string }>(LATEST_VERSION, [submitted.project_id])
          yield* enqueueEvents(events(attempts.map(toAttempt), latest?.version ?? null))
        }
        return changed > 0
      }),
    async retakeCooldownMinutes(projectId) {
      return (await db.run(get<{ m: number }>(COOLDOWN, [projectId])))?.m ?? DEFAULT_COOLDOWN_MINUTES
    },
    async setRetakeCooldownMinutes(projectId, minutes) {
      await db.run(run(SET_COOLDOWN, [projectId, minutes]))
    },

    async createDispute(d) {
      await db.run(
        run(INSERT_DISPUTE, [
          d.id,
          d.projectId,
          d.attemptId,
          d.version,
          d.exampleId,
          d.criterionId,
          d.userId,
          d.comment,
          now(),
        ]),
      )
    },
    async listDisputes(projectId, userId) {
      const rows = await db.run(
        userId
          ? all<DisputeRow>(DISPUTES_OF_USER, [projectId, userId])
          : all<DisputeRow>(DISPUTES_OF_PROJECT, [projectId]),
      )
      return rows.map(toDispute)
    },
    async resolveDispute(projectId, id, { reply, outcome, resolvedBy }) {
      return (await db.run(run(RESOLVE_DISPUTE, [reply, outcome, resolvedBy, now(), id, projectId]))) > 0
    },
    async submittedAttemptsStamp(projectId) {
      const row = await db.run(get<{ n: number; last: string | null }>(SUBMITTED_STAMP, [projectId]))
      return `${row?.n ?? 0}:${row?.last ?? ''}`
    },
    async markDisputeFixed(projectId, id, version) {
      return (await db.run(run(MARK_DISPUTE_FIXED, [version, id, projectId]))) > 0
    },
    async rescoreAttempt(attemptId, rescore) {
      return (await db.run(run(RESCORE_ATTEMPT, [JSON.stringify(rescore), now(), attemptId]))) > 0
    },
  }
}

/** Rolls back the creation of an attempt when the annotator's open slot is taken. */
class OpenAttemptExists extends Error {}
