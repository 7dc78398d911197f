/**
 * Reads the roles a user held in a project from audit-log rows (both adapters select the same rows with
 * `ROLE_HISTORY_SQL`): the creator was owner; joining, role changes and removal name the roles involved.
 */
import { ROLES, type Role } from '../../shared/auth/permissions'

/** Audit rows that may name the user's roles (`details LIKE` narrows; `rolesFromAudit` checks exactly). */
export const ROLE_HISTORY_SQL = `SELECT action, actor_id, details FROM audit_log
  WHERE project_id = ? AND action IN ('project.created', 'member.joined', 'member.role_changed', 'member.removed')
    AND (actor_id = ? OR details LIKE ?)`

export const roleHistoryParams = (projectId: string, userId: string) => [
  projectId,
  userId,
  `%${JSON.stringify(userId).slice(1, -1)}%`,
]

const isRole = (value: unknown): value is Role => ROLES.includes(value as Role)

export function rolesFromAudit(
  userId: string,
  rows: { action: string; actor_id: string | null; details: string }[],
  current: Role | null,
): Role[] {
  const roles = new Set<Role>(current ? [current] : [])
  for (const row of rows) {
    if (row.action === 'project.created') {
      if (row.actor_id === userId) roles.add('owner')
      continue
    }
    const details = JSON.parse(row.details) as Record<string, unknown>
    if (details.userId !== userId) continue
    for (const value of [details.role, details.from, details.to]) if (isRole(value)) roles.add(value)
  }
  return [...roles]
}
