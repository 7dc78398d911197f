/**
 * Database rows as both adapters read them (SQLite and PostgreSQL share one schema), and their mapping to the
 * records of the Store interface.
 */
import type { Role } from '../../shared/auth/permissions'
import type { AttemptResult } from '../../shared/schema/calibration'
import { TOKEN_SCOPES, type TokenScope } from '../../shared/schema/version'
import type {
  AttemptRecord,
  DisputeRecord,
  GoldCorrection,
  InviteRecord,
  ProjectRecord,
  ReadTokenRecord,
  SessionRecord,
  StoredVersion,
  UserRecord,
  VersionRecord,
} from './store'

export interface ProjectRow {
  id: string
  name: string
  created_at: string
  updated_at: string
}

export function toProject(row: ProjectRow): ProjectRecord {
  return { id: row.id, name: row.name, createdAt: row.created_at, updatedAt: row.updated_at }
}

export interface UserRow {
  id: string
  email: string
  name: string
  color: string
  password_hash: string
  created_at: string
}
export const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  email: r.email,
  name: r.name,
  color: r.color,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
})

export interface SessionRow {
  id: string
  user_id: string
  created_at: string
  last_seen_at: string
  expires_at: string
  user_agent: string
}
export const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  userId: r.user_id,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
  userAgent: r.user_agent,
})

export interface InviteRow {
  id: string
  project_id: string
  role: Role
  created_by: string
  created_at: string
  expires_at: string
  used_at: string | null
  used_by: string | null
  revoked_at: string | null
  note: string
}
export const toInvite = (r: InviteRow): InviteRecord => ({
  id: r.id,
  projectId: r.project_id,
  role: r.role,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  usedBy: r.used_by,
  revokedAt: r.revoked_at,
  note: r.note,
})

export interface AttemptRow {
  id: string
  project_id: string
  user_id: string
  version: string
  status: AttemptRecord['status']
  example_order: string
  answers: string
  started_at: string
  updated_at: string
  submitted_at: string | null
  score: number | null
  passed: number | null
  result: string | null
  rescore: string | null
}

/** The re-score column: the outcome against corrected gold, and which corrections applied. */
interface StoredRescore {
  score: number
  passed: boolean
  result: AttemptResult
  corrections: GoldCorrection[]
  at: string
}

export const toAttempt = (r: AttemptRow): AttemptRecord => {
  const original = {
    score: r.score,
    passed: r.passed === null ? null : r.passed === 1,
    // Written only by submitAttempt from a typed AttemptResult.
    result: r.result === null ? null : (JSON.parse(r.result) as AttemptResult),
  }
  const rescore = r.rescore === null ? null : (JSON.parse(r.rescore) as StoredRescore)
  return {
    ...attemptFields(r),
    ...(rescore ? { score: rescore.score, passed: rescore.passed, result: rescore.result } : original),
    rescored: rescore
      ? {
          original: { score: r.score ?? 0, passed: r.passed === 1, result: original.result },
          corrections: rescore.corrections,
          at: rescore.at,
        }
      : null,
  }
}
const attemptFields = (r: AttemptRow) => ({
  id: r.id,
  projectId: r.project_id,
  userId: r.user_id,
  version: r.version,
  status: r.status,
  exampleOrder: JSON.parse(r.example_order) as string[],
  answers: JSON.parse(r.answers) as AttemptRecord['answers'],
  startedAt: r.started_at,
  updatedAt: r.updated_at,
  submittedAt: r.submitted_at,
})

export interface DisputeRow {
  id: string
  project_id: string
  attempt_id: string
  version: string
  example_id: string
  criterion_id: string
  user_id: string
  user_name: string | null
  comment: string
  status: DisputeRecord['status']
  reply: string | null
  resolved_by: string | null
  created_at: string
  resolved_at: string | null
  outcome: DisputeRecord['outcome']
  fixed_in_version: string | null
}
export const toDispute = (r: DisputeRow): DisputeRecord => ({
  id: r.id,
  projectId: r.project_id,
  attemptId: r.attempt_id,
  version: r.version,
  exampleId: r.example_id,
  criterionId: r.criterion_id,
  userId: r.user_id,
  userName: r.user_name ?? 'a former member',
  comment: r.comment,
  status: r.status,
  reply: r.reply,
  resolvedBy: r.resolved_by,
  createdAt: r.created_at,
  resolvedAt: r.resolved_at,
  outcome: r.outcome,
  fixedInVersion: r.fixed_in_version,
})

export interface VersionRow {
  project_id: string
  ordinal: number
  version: string
  bump: VersionRecord['bump']
  changelog: string
  author_id: string
  author_name: string
  created_at: string
  criteria: number
  examples: number
  open_threads: number
}
export const toRecord = (r: VersionRow): VersionRecord => ({
  projectId: r.project_id,
  ordinal: r.ordinal,
  version: r.version,
  bump: r.bump,
  changelog: r.changelog,
  authorId: r.author_id,
  authorName: r.author_name,
  createdAt: r.created_at,
  criteria: r.criteria,
  examples: r.examples,
  openThreads: r.open_threads,
})
export const toStored = (r: VersionRow & { snapshot: Uint8Array; json: string }): StoredVersion => ({
  ...toRecord(r),
  snapshot: new Uint8Array(r.snapshot),
  json: r.json,
})

export interface TokenRow {
  id: string
  project_id: string
  name: string
  created_by: string
  created_at: string
  last_used_at: string | null
  scopes: string
}
/** Stored scopes, space-separated; anything unknown is dropped (a token never gains what it was not given). */
const parseTokenScopes = (stored: string): TokenScope[] =>
  TOKEN_SCOPES.filter((scope) => stored.split(' ').includes(scope))
export const toToken = (r: TokenRow): ReadTokenRecord => ({
  id: r.id,
  projectId: r.project_id,
  name: r.name,
  createdBy: r.created_by,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  scopes: parseTokenScopes(r.scopes),
})

export const SUMMARY_COLUMNS =
  'project_id, ordinal, version, bump, changelog, author_id, author_name, created_at, criteria, examples, open_threads'
