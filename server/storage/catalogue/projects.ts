/** Projects, written once for both databases. */
import { type ProjectRow, toProject } from '../rows'
import { all, type Db, get, run, sql } from '../sql'
import type { ProjectStore } from '../store'

const LIST = sql('SELECT * FROM projects ORDER BY updated_at DESC, id')
const BY_ID = sql('SELECT * FROM projects WHERE id = ?')
const INSERT = sql('INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)')
const RENAME = sql('UPDATE projects SET name = ?, updated_at = ? WHERE id = ? RETURNING *')
const COUNT = sql('SELECT count(*) AS n FROM projects')

export function projectStore(db: Db): ProjectStore {
  return {
    async listProjects() {
      return (await db.run(all<ProjectRow>(LIST))).map(toProject)
    },
    async getProject(id) {
      const row = await db.run(get<ProjectRow>(BY_ID, [id]))
      return row ? toProject(row) : null
    },
    async createProject({ id, name }) {
      const now = new Date().toISOString()
      await db.run(run(INSERT, [id, name, now, now]))
      return { id, name, createdAt: now, updatedAt: now }
    },
    async renameProject(id, name) {
      const row = await db.run(get<ProjectRow>(RENAME, [name, new Date().toISOString(), id]))
      return row ? toProject(row) : null
    },
    async countProjects() {
      return (await db.run(get<{ n: number }>(COUNT)))?.n ?? 0
    },
  }
}
