/** The gold edit log (who changed which example's gold in the draft), written once for both databases. */
import { joinsRow, mergeGoldChanges } from '../goldEdits'
import { all, type Db, get, lock, run, sql } from '../sql'
import type { GoldEditRecord, GoldEditStore, GoldSlotChange } from '../store'

const LATEST_OF_PERSON = sql(
  `SELECT id, first_at, last_at, changes FROM gold_edits
   WHERE project_id = ? AND example_id = ? AND user_id = ? ORDER BY first_at DESC, id DESC LIMIT 1`,
  { forUpdate: true },
)
const COALESCE = sql('UPDATE gold_edits SET changes = ?, last_at = ? WHERE id = ?')
const INSERT = sql(
  `INSERT INTO gold_edits (project_id, example_id, user_id, first_at, last_at, changes)
   VALUES (?, ?, ?, ?, ?, ?)`,
)
const SELECT = `SELECT g.*, u.name AS user_name FROM gold_edits g LEFT JOIN users u ON u.id = g.user_id`
const OF_PROJECT = sql(`${SELECT} WHERE g.project_id = ? ORDER BY g.last_at DESC, g.id DESC LIMIT ?`)
const OF_EXAMPLE = sql(
  `${SELECT} WHERE g.project_id = ? AND g.example_id = ? ORDER BY g.last_at DESC, g.id DESC LIMIT ?`,
)

interface LatestRow {
  id: number
  first_at: number
  last_at: number
  changes: string
}

interface GoldEditRow extends LatestRow {
  project_id: string
  example_id: string
  user_id: string
  user_name: string | null
}

const toRecord = (r: GoldEditRow): GoldEditRecord => ({
  id: r.id,
  projectId: r.project_id,
  exampleId: r.example_id,
  userId: r.user_id,
  userName: r.user_name ?? 'former member',
  firstAt: new Date(r.first_at).toISOString(),
  lastAt: new Date(r.last_at).toISOString(),
  changes: JSON.parse(r.changes) as GoldSlotChange[],
})

export function goldEditStore(db: Db): GoldEditStore {
  return {
    recordGoldEdits: (edits) =>
      db.write(function* () {
        for (const e of edits) {
          if (e.changes.length === 0) continue
          // Two instances recording the same person and example take turns, so neither starts a second row.
          yield* lock(`gold_edits:${e.projectId}:${e.exampleId}:${e.userId}`)
          const row = yield* get<LatestRow>(LATEST_OF_PERSON, [e.projectId, e.exampleId, e.userId])
          if (row && joinsRow(row.first_at, e.at)) {
            const changes = mergeGoldChanges(JSON.parse(row.changes) as GoldSlotChange[], e.changes)
            yield* run(COALESCE, [JSON.stringify(changes), Math.max(row.last_at, e.at), row.id])
          } else {
            yield* run(INSERT, [e.projectId, e.exampleId, e.userId, e.at, e.at, JSON.stringify(e.changes)])
          }
        }
      }),
    async listGoldEdits(projectId, { exampleId, limit }) {
      const rows =
        exampleId === undefined
          ? await db.run(all<GoldEditRow>(OF_PROJECT, [projectId, limit]))
          : await db.run(all<GoldEditRow>(OF_EXAMPLE, [projectId, exampleId, limit]))
      return rows.map(toRecord)
    },
  }
}
