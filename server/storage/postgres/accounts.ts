/** The PostgreSQL side of accounts: users, sessions, setup tokens, memberships, invites and the audit log. */
import type pg from 'pg'
import { ROLE_RANK, type Role } from '../../../shared/auth/permissions'
import {
  type InviteRow,
  type ProjectRow,
  type SessionRow,
  toInvite,
  toProject,
  toSession,
  toUser,
  type UserRow,
} from '../rows'
import type {
  AccountStore,
  AuditRecord,
  InviteRecord,
  MemberRecord,
  NewUser,
  ProjectRecord,
  SessionRecord,
  UserRecord,
} from '../store'
import { execute, type Queryable, query, transaction } from './db'

const now = () => new Date().toISOString()

const insertUser = (db: Queryable, u: NewUser) =>
  execute(
    db,
    'INSERT INTO users (id, email, name, color, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    [u.id, u.email, u.name, u.color, u.passwordHash, now()],
  )

const setRole = (db: Queryable, projectId: string, userId: string, role: Role) =>
  execute(
    db,
    `INSERT INTO memberships (project_id, user_id, role, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role`,
    [projectId, userId, role, now()],
  )

export function postgresAccounts(pool: pg.Pool): AccountStore {
  return {
    async countUsers() {
      return (await query<{ n: number }>(pool, 'SELECT count(*)::bigint AS n FROM users'))[0]?.n ?? 0
    },
    async getUser(id) {
      const [row] = await query<UserRow>(pool, 'SELECT * FROM users WHERE id = ?', [id])
      return row ? toUser(row) : null
    },
    async getUserByEmail(email) {
      const [row] = await query<UserRow>(pool, 'SELECT * FROM users WHERE email = ?', [email])
      return row ? toUser(row) : null
    },
    async updateUser(id, changes) {
      await execute(
        pool,
        'UPDATE users SET name = COALESCE(?, name), color = COALESCE(?, color), password_hash = COALESCE(?, password_hash) WHERE id = ?',
        [changes.name ?? null, changes.color ?? null, changes.passwordHash ?? null, id],
      )
    },

    async addSetupToken(tokenHash) {
      await execute(pool, 'INSERT INTO setup_tokens (token_hash, created_at) VALUES (?, ?)', [
        tokenHash,
        now(),
      ])
    },
    async completeSetup(tokenHash, owner) {
      return transaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(7231002)')
        const [token] = await query(client, 'SELECT 1 FROM setup_tokens WHERE token_hash = ?', [tokenHash])
        const users =
          (await query<{ n: number }>(client, 'SELECT count(*)::bigint AS n FROM users'))[0]?.n ?? 0
        if (!token || users > 0) return false
        await insertUser(client, owner)
        await execute(
          client,
          `INSERT INTO memberships (project_id, user_id, role, created_at)
           SELECT id, ?, 'owner', ? FROM projects WHERE id NOT IN (SELECT project_id FROM memberships)`,
          [owner.id, now()],
        )
        await execute(client, 'DELETE FROM setup_tokens')
        return true
      })
    },

    async createSession(s) {
      const at = now()
      await execute(
        pool,
        `INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, user_agent)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [s.id, s.tokenHash, s.userId, at, at, s.expiresAt, s.userAgent],
      )
    },
    async getSession(tokenHash) {
      const [row] = await query<SessionRow>(
        pool,
        'SELECT * FROM sessions WHERE token_hash = ? AND expires_at > ?',
        [tokenHash, now()],
      )
      return row ? toSession(row) : null
    },
    async touchSession(id, at) {
      await execute(pool, 'UPDATE sessions SET last_seen_at = ? WHERE id = ?', [at, id])
    },
    async deleteSession(id) {
      await execute(pool, 'DELETE FROM sessions WHERE id = ?', [id])
    },
    async listSessions(userId) {
      return (
        await query<SessionRow>(
          pool,
          'SELECT * FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY last_seen_at DESC',
          [userId, now()],
        )
      ).map(toSession)
    },

    async getRole(projectId, userId) {
      const [row] = await query<{ role: Role }>(
        pool,
        'SELECT role FROM memberships WHERE project_id = ? AND user_id = ?',
        [projectId, userId],
      )
      return row?.role ?? null
    },
    async listMembers(projectId) {
      const rows = await query<UserRow & { role: Role; joined_at: string }>(
        pool,
        `SELECT u.*, m.role, m.created_at AS joined_at FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.project_id = ? ORDER BY m.created_at, u.name`,
        [projectId],
      )
      return rows.map(
        (r): MemberRecord => ({
          userId: r.id,
          name: r.name,
          email: r.email,
          color: r.color,
          role: r.role,
          joinedAt: r.joined_at,
        }),
      )
    },
    async setRole(projectId, userId, role) {
      await setRole(pool, projectId, userId, role)
    },
    async removeMember(projectId, userId) {
      return (
        (await execute(pool, 'DELETE FROM memberships WHERE project_id = ? AND user_id = ?', [
          projectId,
          userId,
        ])) > 0
      )
    },
    async listProjectsForUser(userId) {
      const rows = await query<ProjectRow & { role: Role }>(
        pool,
        `SELECT p.*, m.role FROM projects p JOIN memberships m ON m.project_id = p.id
         WHERE m.user_id = ? ORDER BY p.updated_at DESC, p.id`,
        [userId],
      )
      return rows.map((r) => ({ ...toProject(r), role: r.role }))
    },

    async createInvite(i) {
      await execute(
        pool,
        `INSERT INTO invites (id, project_id, role, token_hash, created_by, created_at, expires_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [i.id, i.projectId, i.role, i.tokenHash, i.createdBy, now(), i.expiresAt, i.note ?? ''],
      )
    },
    async getInviteByTokenHash(tokenHash) {
      const [row] = await query<InviteRow>(pool, 'SELECT * FROM invites WHERE token_hash = ?', [tokenHash])
      return row ? toInvite(row) : null
    },
    async listInvites(projectId) {
      return (
        await query<InviteRow>(pool, 'SELECT * FROM invites WHERE project_id = ? ORDER BY created_at DESC', [
          projectId,
        ])
      ).map(toInvite)
    },
    async revokeInvite(projectId, inviteId, at) {
      return (
        (await execute(
          pool,
          'UPDATE invites SET revoked_at = ? WHERE id = ? AND project_id = ? AND used_at IS NULL AND revoked_at IS NULL',
          [at, inviteId, projectId],
        )) > 0
      )
    },
    async acceptInvite(tokenHash, userId, at, newUser) {
      return transaction(pool, async (client) => {
        const [row] = await query<InviteRow>(
          client,
          'SELECT * FROM invites WHERE token_hash = ? FOR UPDATE',
          [tokenHash],
        )
        if (!row) return { ok: false, reason: 'unknown' }
        if (row.revoked_at) return { ok: false, reason: 'revoked' }
        if (row.used_at) return { ok: false, reason: 'used' }
        if (row.expires_at <= at) return { ok: false, reason: 'expired' }
        if (newUser) {
          if ((await query(client, 'SELECT 1 FROM users WHERE email = ?', [newUser.email])).length > 0) {
            return { ok: false, reason: 'email_taken' }
          }
          await insertUser(client, newUser)
        }
        await execute(client, 'UPDATE invites SET used_at = ?, used_by = ? WHERE id = ?', [
          at,
          userId,
          row.id,
        ])
        const [existing] = await query<{ role: Role }>(
          client,
          'SELECT role FROM memberships WHERE project_id = ? AND user_id = ?',
          [row.project_id, userId],
        )
        const role = existing && ROLE_RANK[existing.role] > ROLE_RANK[row.role] ? existing.role : row.role
        await setRole(client, row.project_id, userId, role)
        return { ok: true, userId, role }
      })
    },

    async appendAudit(e) {
      await execute(
        pool,
        'INSERT INTO audit_log (project_id, actor_id, action, details, created_at) VALUES (?, ?, ?, ?, ?)',
        [e.projectId, e.actorId, e.action, JSON.stringify(e.details), now()],
      )
    },
    async listAudit(projectId, limit) {
      const rows = await query<{
        id: number
        project_id: string
        actor_id: string | null
        actor_name: string | null
        action: string
        details: string
        created_at: string
      }>(
        pool,
        `SELECT a.*, u.name AS actor_name FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
         WHERE a.project_id = ? ORDER BY a.id DESC LIMIT ?`,
        [projectId, limit],
      )
      return rows.map(
        (r): AuditRecord => ({
          id: r.id,
          projectId: r.project_id,
          actorId: r.actor_id,
          actorName: r.actor_name ?? 'system',
          action: r.action,
          details: JSON.parse(r.details) as Record<string, unknown>,
          createdAt: r.created_at,
        }),
      )
    },
  }
}
