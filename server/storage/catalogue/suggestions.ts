/**
 * Decisions on suggested edits, written once for both databases: the decision row and its audit entry go in
 * one transaction, and the row's primary key (project, suggestion) lets only the first decision in — a
 * concurrent second one (even from another instance) inserts nothing and reads the one that holds.
 */
import { type Db, get, run, sql } from '../sql'
import type { SuggestionDecisionRecord, SuggestionDecisionStore } from '../store'

const INSERT = sql(
  `INSERT INTO suggestion_decisions (project_id, suggestion_id, decision, decided_by, decided_at)
   VALUES (?, ?, ?, ?, ?) ON CONFLICT (project_id, suggestion_id) DO NOTHING`,
)
const APPEND_AUDIT = sql(
  'INSERT INTO audit_log (project_id, actor_id, action, details, created_at) VALUES (?, ?, ?, ?, ?)',
)
const ONE = sql(
  `SELECT d.*, u.name AS decided_by_name FROM suggestion_decisions d LEFT JOIN users u ON u.id = d.decided_by
   WHERE d.project_id = ? AND d.suggestion_id = ?`,
)

interface DecisionRow {
  project_id: string
  suggestion_id: string
  decision: 'accept' | 'reject'
  decided_by: string
  decided_by_name: string | null
  decided_at: string
}

const toRecord = (r: DecisionRow): SuggestionDecisionRecord => ({
  projectId: r.project_id,
  suggestionId: r.suggestion_id,
  decision: r.decision,
  decidedBy: { id: r.decided_by, name: r.decided_by_name ?? 'a former member' },
  decidedAt: r.decided_at,
})

export function suggestionDecisionStore(db: Db): SuggestionDecisionStore {
  return {
    recordSuggestionDecision: (d, audit) =>
      db.write(function* () {
        const inserted = yield* run(INSERT, [d.projectId, d.suggestionId, d.decision, d.userId, d.at])
        if (inserted === 0) {
          const existing = yield* get<DecisionRow>(ONE, [d.projectId, d.suggestionId])
          if (!existing) throw new Error('a suggestion decision conflicted with no stored decision')
          return { recorded: false as const, existing: toRecord(existing) }
        }
        yield* run(APPEND_AUDIT, [d.projectId, d.userId, audit.action, JSON.stringify(audit.details), d.at])
        return { recorded: true as const }
      }),
    async getSuggestionDecision(projectId, suggestionId) {
      const row = await db.run(get<DecisionRow>(ONE, [projectId, suggestionId]))
      return row ? toRecord(row) : null
    },
  }
}
