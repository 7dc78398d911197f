/**
 * The storage interface every adapter implements (SQLite now, PostgreSQL next). One contract test suite
 * (`test/integration/storeContract.ts`) runs against each adapter.
 *
 * Documents are an append-only log of Yjs V1 updates plus at most one compacted snapshot per document;
 * a snapshot covers every update whose sequence number is at or below its `throughSeq`.
 */
import type { Role } from '../../shared/auth/permissions'

export interface StoredUpdate {
  seq: number
  data: Uint8Array
}

export interface StoredDoc {
  snapshot: { throughSeq: number; data: Uint8Array } | null
  /** Updates in the log (none of them covered by the snapshot), in sequence order. */
  updates: StoredUpdate[]
}

export interface UpdateToAppend {
  doc: string
  data: Uint8Array
}

export interface DocStats {
  updateCount: number
  updateBytes: number
  snapshotBytes: number
}

/** Merges a snapshot (if any) and log updates into one update; Yjs-specific, so supplied by the caller. */
export type MergeStored = (snapshot: Uint8Array | null, updates: Uint8Array[]) => Uint8Array

export interface DocStore {
  /** Everything needed to rebuild the document (empty when it has never been written). */
  loadDoc(doc: string): Promise<StoredDoc>
  /** Appends updates (possibly for several documents) in one durable transaction; returns their seqs. */
  appendUpdates(updates: UpdateToAppend[]): Promise<number[]>
  /**
   * Replaces the snapshot with `data` (the state through `throughSeq`) and deletes the updates it covers,
   * atomically. Updates with a higher seq, including ones appended while the snapshot was built, are kept.
   */
  compactDoc(doc: string, data: Uint8Array, throughSeq: number): Promise<void>
  /**
   * Rebuilds the snapshot from what is stored (the snapshot and every update in the log, merged by `merge`)
   * and deletes exactly the updates it merged, holding a per-document lock so that compactions from several
   * instances run one at a time. Safe while other instances append to the document.
   */
  compactFromLog(doc: string, merge: MergeStored): Promise<void>
  /** Throws when the database does not answer (the readiness probe). */
  ping(): Promise<void>
  docStats(doc: string): Promise<DocStats>
}

export interface ProjectRecord {
  id: string
  name: string
  createdAt: string
  updatedAt: string
}

export interface ProjectStore {
  listProjects(): Promise<ProjectRecord[]>
  getProject(id: string): Promise<ProjectRecord | null>
  createProject(project: { id: string; name: string }): Promise<ProjectRecord>
  renameProject(id: string, name: string): Promise<ProjectRecord | null>
  countProjects(): Promise<number>
}

export interface UserRecord {
  id: string
  email: string
  name: string
  color: string
  passwordHash: string
  createdAt: string
}

export interface NewUser {
  id: string
  email: string
  name: string
  color: string
  passwordHash: string
}

export interface SessionRecord {
  id: string
  userId: string
  createdAt: string
  lastSeenAt: string
  expiresAt: string
  userAgent: string
}

export interface MemberRecord {
  userId: string
  name: string
  email: string
  color: string
  role: Role
  joinedAt: string
}

export interface InviteRecord {
  id: string
  projectId: string
  role: Role
  createdBy: string
  createdAt: string
  expiresAt: string
  usedAt: string | null
  usedBy: string | null
  revokedAt: string | null
  /** Who the link is for, as the inviter noted it ('' when not noted). */
  note: string
}

export interface AuditRecord {
  id: number
  projectId: string
  actorId: string | null
  actorName: string
  action: string
  details: Record<string, unknown>
  createdAt: string
}

export type AcceptInviteResult =
  | { ok: true; userId: string; role: Role }
  | { ok: false; reason: 'used' | 'expired' | 'revoked' | 'email_taken' | 'unknown' }

export interface AccountStore {
  countUsers(): Promise<number>
  getUser(id: string): Promise<UserRecord | null>
  getUserByEmail(email: string): Promise<UserRecord | null>
  updateUser(id: string, changes: { name?: string; color?: string; passwordHash?: string }): Promise<void>

  addSetupToken(tokenHash: string): Promise<void>
  /**
   * Atomically: if the token is known and no user exists yet, creates the owner, makes them owner of every
   * project that has no member (the seeded example), and deletes every setup token. False otherwise.
   */
  completeSetup(tokenHash: string, owner: NewUser): Promise<boolean>

  createSession(session: {
    id: string
    tokenHash: string
    userId: string
    userAgent: string
    expiresAt: string
  }): Promise<void>
  /** The live session for a token hash (null when unknown or expired). */
  getSession(tokenHash: string): Promise<SessionRecord | null>
  touchSession(id: string, at: string): Promise<void>
  deleteSession(id: string): Promise<void>
  listSessions(userId: string): Promise<SessionRecord[]>

  getRole(projectId: string, userId: string): Promise<Role | null>
  listMembers(projectId: string): Promise<MemberRecord[]>
  setRole(projectId: string, userId: string, role: Role): Promise<void>
  removeMember(projectId: string, userId: string): Promise<boolean>
  listProjectsForUser(userId: string): Promise<(ProjectRecord & { role: Role })[]>

  createInvite(invite: {
    id: string
    projectId: string
    role: Role
    tokenHash: string
    createdBy: string
    expiresAt: string
    /** Who the link is for ('' or absent: not noted). */
    note?: string
  }): Promise<void>
  getInviteByTokenHash(tokenHash: string): Promise<InviteRecord | null>
  listInvites(projectId: string): Promise<InviteRecord[]>
  revokeInvite(projectId: string, inviteId: string, at: string): Promise<boolean>
  /**
   * Atomically uses a valid invite once: creates `newUser` when given (refused if the email is taken), and
   * makes the user a member with the invite's role (an existing member keeps a higher role).
   */
  acceptInvite(tokenHash: string, userId: string, at: string, newUser?: NewUser): Promise<AcceptInviteResult>

  appendAudit(entry: {
    projectId: string
    actorId: string | null
    action: string
    details: Record<string, unknown>
  }): Promise<void>
  listAudit(projectId: string, limit: number): Promise<AuditRecord[]>
}

export interface VersionRecord {
  projectId: string
  ordinal: number
  version: string
  bump: 'major' | 'minor' | 'patch'
  changelog: string
  authorId: string
  authorName: string
  createdAt: string
  criteria: number
  examples: number
  openThreads: number
}

export interface StoredVersion extends VersionRecord {
  snapshot: Uint8Array
  /** The immutable JSON text, exactly as published. */
  json: string
}

export interface PublishInput {
  projectId: string
  bump: 'major' | 'minor' | 'patch'
  changelog: string
  author: { id: string; name: string }
  snapshot: Uint8Array
  counts: { criteria: number; examples: number; openThreads: number }
  /** Renders the version's JSON once its number and time are fixed (inside the publishing transaction). */
  render(version: string, publishedAt: string): string
}

export interface ReadTokenRecord {
  id: string
  projectId: string
  name: string
  createdBy: string
  createdAt: string
  lastUsedAt: string | null
}

export interface VersionStore {
  /** Atomically numbers (from the latest version and the bump) and stores a new version. */
  publishVersion(input: PublishInput): Promise<VersionRecord>
  listVersions(projectId: string): Promise<VersionRecord[]>
  getVersion(projectId: string, version: string): Promise<StoredVersion | null>
  latestVersion(projectId: string): Promise<StoredVersion | null>

  createReadToken(token: {
    id: string
    projectId: string
    name: string
    tokenHash: string
    createdBy: string
  }): Promise<void>
  listReadTokens(projectId: string): Promise<ReadTokenRecord[]>
  revokeReadToken(projectId: string, id: string): Promise<boolean>
  /** The live token for a hash (null when unknown or revoked); records its use. */
  redeemReadToken(tokenHash: string): Promise<ReadTokenRecord | null>
}

export interface AttemptRecord {
  id: string
  projectId: string
  userId: string
  version: string
  status: 'in_progress' | 'submitted'
  exampleOrder: string[]
  answers: Record<string, Record<string, { value: unknown; rationale?: string }>>
  startedAt: string
  updatedAt: string
  submittedAt: string | null
  score: number | null
  passed: boolean | null
  /** The stored result (feedback) once submitted. */
  result: unknown
}

export interface DisputeRecord {
  id: string
  projectId: string
  attemptId: string
  version: string
  exampleId: string
  criterionId: string
  userId: string
  userName: string
  comment: string
  status: 'open' | 'resolved'
  reply: string | null
  resolvedBy: string | null
  createdAt: string
  resolvedAt: string | null
}

export interface CalibrationStore {
  createAttempt(attempt: {
    id: string
    projectId: string
    userId: string
    version: string
    exampleOrder: string[]
  }): Promise<AttemptRecord>
  getAttempt(id: string): Promise<AttemptRecord | null>
  /** Newest first. */
  listAttempts(projectId: string, userId?: string): Promise<AttemptRecord[]>
  /** Merges answers for one example into an in-progress attempt; false when it is not in progress. */
  saveAnswers(
    attemptId: string,
    exampleId: string,
    answers: Record<string, { value: unknown; rationale?: string }>,
  ): Promise<boolean>
  /** Marks an in-progress attempt submitted with its score; false when it was not in progress. */
  submitAttempt(
    attemptId: string,
    outcome: { score: number; passed: boolean; result: unknown },
  ): Promise<boolean>
  retakeCooldownMinutes(projectId: string): Promise<number>
  setRetakeCooldownMinutes(projectId: string, minutes: number): Promise<void>

  createDispute(
    d: Omit<DisputeRecord, 'status' | 'reply' | 'resolvedBy' | 'createdAt' | 'resolvedAt' | 'userName'>,
  ): Promise<void>
  listDisputes(projectId: string, userId?: string): Promise<DisputeRecord[]>
  resolveDispute(projectId: string, id: string, reply: string, resolvedBy: string): Promise<boolean>
}

export interface Store extends DocStore, ProjectStore, AccountStore, VersionStore, CalibrationStore {
  close(): Promise<void>
}
