/**
 * Accounts, written once for both databases: users, the first-run setup, sessions, memberships, invites
 * and the append-only audit log. Whether an invite may be used is the invite service's rule
 * (server/auth/invites.ts); the store only reads the facts and applies the decision atomically.
 */
import type { Role } from '../../../shared/auth/permissions'
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
import { all, type Db, get, lock, run, sql } from '../sql'
import type { AccountStore, AuditRecord, MemberRecord, NewUser } from '../store'

const USER_BY_ID = sql('SELECT * FROM users WHERE id = ?')
const USER_BY_EMAIL = sql('SELECT * FROM users WHERE email = ?')
const COUNT_USERS = sql('SELECT count(*) AS n FROM users')
const INSERT_USER = sql(
  'INSERT INTO users (id, email, name, color, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
)
const UPDATE_USER = sql(
  'UPDATE users SET name = COALESCE(?, name), color = COALESCE(?, color), password_hash = COALESCE(?, password_hash) WHERE id = ?',
)
const INSERT_SETUP_TOKEN = sql('INSERT INTO setup_tokens (token_hash, created_at) VALUES (?, ?)')
const SETUP_TOKEN = sql('SELECT 1 AS one FROM setup_tokens WHERE token_hash = ?')
const OWN_UNCLAIMED_PROJECTS = sql(
  `INSERT INTO memberships (project_id, user_id, role, created_at)
   SELECT id, ?, 'owner', ? FROM projects WHERE id NOT IN (SELECT project_id FROM memberships)`,
)
const DELETE_SETUP_TOKENS = sql('DELETE FROM setup_tokens')
const INSERT_SESSION = sql(
  `INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, user_agent)
   VALUES (?, ?, ?, ?, ?, ?, ?)`,
)
const LIVE_SESSION = sql('SELECT * FROM sessions WHERE token_hash = ? AND expires_at > ?')
const TOUCH_SESSION = sql('UPDATE sessions SET last_seen_at = ? WHERE id = ?')
const DELETE_SESSION = sql('DELETE FROM sessions WHERE id = ?')
const LIVE_SESSIONS_OF = sql(
  'SELECT * FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY last_seen_at DESC',
)
const ROLE_OF = sql('SELECT role FROM memberships WHERE project_id = ? AND user_id = ?')
const MEMBERS = sql(
  `SELECT u.*, m.role, m.created_at AS joined_at FROM memberships m JOIN users u ON u.id = m.user_id
   WHERE m.project_id = ? ORDER BY m.created_at, u.name`,
)
const SET_ROLE = sql(
  `INSERT INTO memberships (project_id, user_id, role, created_at) VALUES (?, ?, ?, ?)
   ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role`,
)
const REMOVE_MEMBER = sql('DELETE FROM memberships WHERE project_id = ? AND user_id = ?')
const PROJECTS_OF = sql(
  `SELECT p.*, m.role FROM projects p JOIN memberships m ON m.project_id = p.id
   WHERE m.user_id = ? ORDER BY p.updated_at DESC, p.id`,
)
const INSERT_INVITE = sql(
  `INSERT INTO invites (id, project_id, role, token_hash, created_by, created_at, expires_at, note)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
)
const INVITE_BY_HASH = sql('SELECT * FROM invites WHERE token_hash = ?')
const INVITE_BY_HASH_LOCKED = sql('SELECT * FROM invites WHERE token_hash = ?', { forUpdate: true })
const INVITES_OF = sql('SELECT * FROM invites WHERE project_id = ? ORDER BY created_at DESC')
const REVOKE_INVITE = sql(
  'UPDATE invites SET revoked_at = ? WHERE id = ? AND project_id = ? AND used_at IS NULL AND revoked_at IS NULL',
)
const USE_INVITE = sql('UPDATE invites SET used_at = ?, used_by = ? WHERE id = ?')
const APPEND_AUDIT = sql(
  'INSERT INTO audit_log (project_id, actor_id, action, details, created_at) VALUES (?, ?, ?, ?, ?)',
)
const AUDIT_OF = sql(
  `SELECT a.*, u.name AS actor_name FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
   WHERE a.project_id = ? ORDER BY a.id DESC LIMIT ?`,
)

interface AuditRow {
  id: number
  project_id: string
  actor_id: string | null
  actor_name: string | null
  action: string
  details: string
  created_at: string
}

const now = () => new Date().toISOString()
const insertUser = (u: NewUser) => run(INSERT_USER, [u.id, u.email, u.name, u.color, u.passwordHash, now()])

export function accountStore(db: Db): AccountStore {
  return {
    async countUsers() {
      return (await db.run(get<{ n: number }>(COUNT_USERS)))?.n ?? 0
    },
    async getUser(id) {
      const row = await db.run(get<UserRow>(USER_BY_ID, [id]))
      return row ? toUser(row) : null
    },
    async getUserByEmail(email) {
      const row = await db.run(get<UserRow>(USER_BY_EMAIL, [email]))
      return row ? toUser(row) : null
    },
    async updateUser(id, changes) {
      const { name = null, color = null, passwordHash = null } = changes
      await db.run(run(UPDATE_USER, [name, color, passwordHash, id]))
    },

    async addSetupToken(tokenHash) {
      await db.run(run(INSERT_SETUP_TOKEN, [tokenHash, now()]))
    },
    completeSetup: (tokenHash, owner) =>
      db.write(function* () {
        yield* lock('setup')
        const token = yield* get(SETUP_TOKEN, [tokenHash])
        const users = (yield* get<{ n: number }>(COUNT_USERS))?.n ?? 0
        if (!token || users > 0) return false
        yield* insertUser(owner)
        yield* run(OWN_UNCLAIMED_PROJECTS, [owner.id, now()])
        yield* run(DELETE_SETUP_TOKENS)
        return true
      }),

    async createSession(s) {
      const at = now()
      await db.run(run(INSERT_SESSION, [s.id, s.tokenHash, s.userId, at, at, s.expiresAt, s.userAgent]))
    },
    async getSession(tokenHash) {
      const row = await db.run(get<SessionRow>(LIVE_SESSION, [tokenHash, now()]))
      return row ? toSession(row) : null
    },
    async touchSession(id, at) {
      await db.run(run(TOUCH_SESSION, [at, id]))
    },
    async deleteSession(id) {
      await db.run(run(DELETE_SESSION, [id]))
    },
    async listSessions(userId) {
      return (await db.run(all<SessionRow>(LIVE_SESSIONS_OF, [userId, now()]))).map(toSession)
    },

    async getRole(projectId, userId) {
      return (await db.run(get<{ role: Role }>(ROLE_OF, [projectId, userId])))?.role ?? null
    },
    async listMembers(projectId) {
      const rows = await db.run(all<UserRow & { role: Role; joined_at: string }>(MEMBERS, [projectId]))
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
      await db.run(run(SET_ROLE, [projectId, userId, role, now()]))
    },
    async removeMember(projectId, userId) {
      return (await db.run(run(REMOVE_MEMBER, [projectId, userId]))) > 0
    },
    async listProjectsForUser(userId) {
      const rows = await db.run(all<ProjectRow & { role: Role }>(PROJECTS_OF, [userId]))
      return rows.map((r) => ({ ...toProject(r), role: r.role }))
    },

    async createInvite(i) {
      await db.run(
        run(INSERT_INVITE, [
          i.id,
          i.projectId,
          i.role,
          i.tokenHash,
          i.createdBy,
          now(),
          i.expiresAt,
          i.note ?? '',
        ]),
      )
    },
    async getInviteByTokenHash(tokenHash) {
      const row = await db.run(get<InviteRow>(INVITE_BY_HASH, [tokenHash]))
      return row ? toInvite(row) : null
    },
    async listInvites(projectId) {
      return (await db.run(all<InviteRow>(INVITES_OF, [projectId]))).map(toInvite)
    },
    async revokeInvite(projectId, inviteId, at) {
      return (await db.run(run(REVOKE_INVITE, [at, inviteId, projectId]))) > 0
    },
    redeemInvite: ({ tokenHash, userId, at, newUser }, decide) =>
      db.write(function* () {
        const row = yield* get<InviteRow>(INVITE_BY_HASH_LOCKED, [tokenHash])
        const invite = row ? toInvite(row) : null
        const emailTaken = newUser ? (yield* get(USER_BY_EMAIL, [newUser.email])) !== undefined : false
        const current = invite ? yield* get<{ role: Role }>(ROLE_OF, [invite.projectId, userId]) : undefined
        const decision = decide({ invite, emailTaken, currentRole: current?.role ?? null })
        if (!decision.ok) return decision
        if (!invite) throw new Error('an invite decision accepted an unknown invite')
        if (newUser) yield* insertUser(newUser)
        yield* run(USE_INVITE, [at, userId, invite.id])
        yield* run(SET_ROLE, [invite.projectId, userId, decision.role, at])
        return decision
      }),

    async appendAudit(e) {
      await db.run(run(APPEND_AUDIT, [e.projectId, e.actorId, e.action, JSON.stringify(e.details), now()]))
    },
    async listAudit(projectId, limit) {
      return (await db.run(all<AuditRow>(AUDIT_OF, [projectId, limit]))).map(
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
