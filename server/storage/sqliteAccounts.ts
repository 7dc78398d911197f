/** The SQLite side of accounts: users, sessions, setup tokens, memberships, invites and the audit log. */
import type Database from 'better-sqlite3'
import { ROLE_RANK, type Role } from '../../shared/auth/permissions'
import {
  type InviteRow,
  type ProjectRow,
  type SessionRow,
  toInvite,
  toProject,
  toSession,
  toUser,
  type UserRow,
} from './rows'
import type {
  AcceptInviteResult,
  AccountStore,
  AuditRecord,
  InviteRecord,
  MemberRecord,
  NewUser,
  ProjectRecord,
  SessionRecord,
  UserRecord,
} from './store'

const now = () => new Date().toISOString()

export function sqliteAccounts(db: Database.Database): AccountStore {
  const insertUser = db.prepare<[string, string, string, string, string, string]>(
    'INSERT INTO users (id, email, name, color, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const userByEmail = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?')
  const setRoleStmt = db.prepare<[string, string, Role, string]>(
    `INSERT INTO memberships (project_id, user_id, role, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role`,
  )
  const roleOf = db.prepare<[string, string], { role: Role }>(
    'SELECT role FROM memberships WHERE project_id = ? AND user_id = ?',
  )
  const inviteByHash = db.prepare<[string], InviteRow>('SELECT * FROM invites WHERE token_hash = ?')

  const createUserRow = (u: NewUser) => insertUser.run(u.id, u.email, u.name, u.color, u.passwordHash, now())

  const completeSetup = db.transaction((tokenHash: string, owner: NewUser): boolean => {
    const token = db.prepare('SELECT 1 FROM setup_tokens WHERE token_hash = ?').get(tokenHash)
    const users = (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n
    if (!token || users > 0) return false
    createUserRow(owner)
    const at = now()
    db.prepare(
      `INSERT INTO memberships (project_id, user_id, role, created_at)
       SELECT id, ?, 'owner', ? FROM projects WHERE id NOT IN (SELECT project_id FROM memberships)`,
    ).run(owner.id, at)
    db.prepare('DELETE FROM setup_tokens').run()
    return true
  })

  const acceptInvite = db.transaction(
    (tokenHash: string, userId: string, at: string, newUser?: NewUser): AcceptInviteResult => {
      const row = inviteByHash.get(tokenHash)
      if (!row) return { ok: false, reason: 'unknown' }
      if (row.revoked_at) return { ok: false, reason: 'revoked' }
      if (row.used_at) return { ok: false, reason: 'used' }
      if (row.expires_at <= at) return { ok: false, reason: 'expired' }
      if (newUser) {
        if (userByEmail.get(newUser.email)) return { ok: false, reason: 'email_taken' }
        createUserRow(newUser)
      }
      db.prepare('UPDATE invites SET used_at = ?, used_by = ? WHERE id = ?').run(at, userId, row.id)
      // A member keeps a higher role than the invite offers (a lead accepting a reviewer link stays lead).
      const existing = roleOf.get(row.project_id, userId)?.role
      const role = existing && ROLE_RANK[existing] > ROLE_RANK[row.role] ? existing : row.role
      setRoleStmt.run(row.project_id, userId, role, at)
      return { ok: true, userId, role }
    },
  )

  return {
    async countUsers() {
      return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n
    },
    async getUser(id) {
      const row = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?').get(id)
      return row ? toUser(row) : null
    },
    async getUserByEmail(email) {
      const row = userByEmail.get(email)
      return row ? toUser(row) : null
    },
    async updateUser(id, changes) {
      const row = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?').get(id)
      if (!row) return
      db.prepare('UPDATE users SET name = ?, color = ?, password_hash = ? WHERE id = ?').run(
        changes.name ?? row.name,
        changes.color ?? row.color,
        changes.passwordHash ?? row.password_hash,
        id,
      )
    },

    async addSetupToken(tokenHash) {
      db.prepare('INSERT INTO setup_tokens (token_hash, created_at) VALUES (?, ?)').run(tokenHash, now())
    },
    async completeSetup(tokenHash, owner) {
      return completeSetup(tokenHash, owner)
    },

    async createSession(s) {
      const at = now()
      db.prepare(
        `INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, user_agent)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(s.id, s.tokenHash, s.userId, at, at, s.expiresAt, s.userAgent)
    },
    async getSession(tokenHash) {
      const row = db
        .prepare<[string, string], SessionRow>(
          'SELECT * FROM sessions WHERE token_hash = ? AND expires_at > ?',
        )
        .get(tokenHash, now())
      return row ? toSession(row) : null
    },
    async touchSession(id, at) {
      db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(at, id)
    },
    async deleteSession(id) {
      db.prepare('DELETE FROM sessions WHERE id = ?').run(id)
    },
    async listSessions(userId) {
      return db
        .prepare<[string, string], SessionRow>(
          'SELECT * FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY last_seen_at DESC',
        )
        .all(userId, now())
        .map(toSession)
    },

    async getRole(projectId, userId) {
      return roleOf.get(projectId, userId)?.role ?? null
    },
    async listMembers(projectId) {
      return db
        .prepare<[string], UserRow & { role: Role; joined_at: string }>(
          `SELECT u.*, m.role, m.created_at AS joined_at FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.project_id = ? ORDER BY m.created_at, u.name`,
        )
        .all(projectId)
        .map(
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
      setRoleStmt.run(projectId, userId, role, now())
    },
    async removeMember(projectId, userId) {
      return (
        db.prepare('DELETE FROM memberships WHERE project_id = ? AND user_id = ?').run(projectId, userId)
          .changes > 0
      )
    },
    async listProjectsForUser(userId) {
      return db
        .prepare<[string], ProjectRow & { role: Role }>(
          `SELECT p.*, m.role FROM projects p JOIN memberships m ON m.project_id = p.id
           WHERE m.user_id = ? ORDER BY p.updated_at DESC, p.id`,
        )
        .all(userId)
        .map((r) => ({ ...toProject(r), role: r.role }))
    },

    async createInvite(i) {
      db.prepare(
        `INSERT INTO invites (id, project_id, role, token_hash, created_by, created_at, expires_at, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(i.id, i.projectId, i.role, i.tokenHash, i.createdBy, now(), i.expiresAt, i.note ?? '')
    },
    async getInviteByTokenHash(tokenHash) {
      const row = inviteByHash.get(tokenHash)
      return row ? toInvite(row) : null
    },
    async listInvites(projectId) {
      return db
        .prepare<[string], InviteRow>('SELECT * FROM invites WHERE project_id = ? ORDER BY created_at DESC')
        .all(projectId)
        .map(toInvite)
    },
    async revokeInvite(projectId, inviteId, at) {
      return (
        db
          .prepare(
            'UPDATE invites SET revoked_at = ? WHERE id = ? AND project_id = ? AND used_at IS NULL AND revoked_at IS NULL',
          )
          .run(at, inviteId, projectId).changes > 0
      )
    },
    async acceptInvite(tokenHash, userId, at, newUser) {
      return acceptInvite(tokenHash, userId, at, newUser)
    },

    async appendAudit(e) {
      db.prepare(
        'INSERT INTO audit_log (project_id, actor_id, action, details, created_at) VALUES (?, ?, ?, ?, ?)',
      ).run(e.projectId, e.actorId, e.action, JSON.stringify(e.details), now())
    },
    async listAudit(projectId, limit) {
      return db
        .prepare<
          [string, number],
          {
            id: number
            project_id: string
            actor_id: string | null
            actor_name: string | null
            action: string
            details: string
            created_at: string
          }
        >(
          `SELECT a.*, u.name AS actor_name FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
           WHERE a.project_id = ? ORDER BY a.id DESC LIMIT ?`,
        )
        .all(projectId, limit)
        .map(
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
