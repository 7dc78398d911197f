/**
 * The storage interface, implemented once by the SQL catalogue (`catalogue/`) over two drivers: SQLite (the
 * embedded default) and PostgreSQL (several instances). One contract test suite
 * (`test/integration/storeContract.ts`) runs against both.
 *
 * Documents are an append-only log of Yjs V1 updates plus at most one compacted snapshot per document;
 * a snapshot covers every update whose sequence number is at or below its `throughSeq`.
 */
import type { Role } from '../../shared/auth/permissions'
import type { AttemptResult, CriterionAnswer } from '../../shared/schema/calibration'
import type { MediaKind } from '../../shared/schema/media'
import type { TokenScope } from '../../shared/schema/version'
import type { DeliveryStatus, WebhookEventType } from '../../shared/schema/webhooks'

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

export type InviteRefusal = 'used' | 'expired' | 'revoked' | 'email_taken' | 'unknown'

/** What accepting an invite is decided from, read inside the accepting transaction. */
export interface InviteFacts {
  invite: InviteRecord | null
  /** Whether the email of the account to create with it is taken (false when none is created). */
  emailTaken: boolean
  /** The accepting user's role in the invite's project, if a member already. */
  currentRole: Role | null
}

export type InviteDecision = { ok: true; role: Role } | { ok: false; reason: InviteRefusal }

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
   * Atomically reads the facts (the invite, locked; whether `newUser`'s email is taken; the user's current
   * role), asks `decide` (the invite service's rule), and when it accepts uses the invite once, creates
   * `newUser` when given and gives the user the decided role. Writes nothing on a refusal.
   */
  redeemInvite(
    request: { tokenHash: string; userId: string; at: string; newUser?: NewUser | undefined },
    decide: (facts: InviteFacts) => InviteDecision,
  ): Promise<InviteDecision>

  /** Appends to the audit log, which the database keeps append-only (no UPDATE or DELETE). */
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
  /**
   * The webhook events of this publication, written to the outbox in the publishing transaction. For a
   * major bump `attempts` is every attempt of the project (newest first), for the `stale` status changes.
   */
  events?: (
    published: VersionRecord,
    attempts: AttemptRecord[],
    previousVersion: string | null,
  ) => NewWebhookEvent[]
}

export interface ReadTokenRecord {
  id: string
  projectId: string
  name: string
  createdBy: string
  createdAt: string
  lastUsedAt: string | null
  /** What the token may read beyond the annotator view (`gold`); empty for tokens made before scopes. */
  scopes: TokenScope[]
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
    scopes: TokenScope[]
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
  /** Per example id, then criterion id. */
  answers: Record<string, Record<string, CriterionAnswer>>
  startedAt: string
  updatedAt: string
  submittedAt: string | null
  /** The effective score: the re-score when gold the attempt answered was corrected since, else the original. */
  score: number | null
  /** The effective pass (as `score`): what the status API, analytics and exports read. */
  passed: boolean | null
  /** The effective stored result (feedback) once submitted. */
  result: AttemptResult | null
  /** Set when re-scored: the original outcome, kept beside the re-score, and which gold corrections applied. */
  rescored: AttemptRescore | null
}

/** A gold value corrected in a later version (after a dispute resolved `gold_wrong`). */
export interface GoldCorrection {
  exampleId: string
  criterionId: string
  /** The version whose gold replaces the disputed one. */
  fixedIn: string
}

export interface AttemptRescore {
  original: { score: number; passed: boolean; result: AttemptResult | null }
  corrections: GoldCorrection[]
  at: string
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
  outcome: 'gold_stands' | 'gold_wrong' | null
  fixedInVersion: string | null
}

export interface CalibrationStore {
  /**
   * Creates an attempt and registers it as the annotator's open one, atomically: null (and nothing
   * created) when the annotator already has an open attempt in the project.
   */
  createAttempt(attempt: {
    id: string
    projectId: string
    userId: string
    version: string
    exampleOrder: string[]
  }): Promise<AttemptRecord | null>
  /** The annotator's registered open attempt in the project, if any. */
  openAttempt(projectId: string, userId: string): Promise<AttemptRecord | null>
  /**
   * Every role the audit log says the user held in the project (creating it, joining, role changes,
   * removal), plus their current one; used to tell whether they could ever read the draft's gold.
   */
  rolesHeld(projectId: string, userId: string): Promise<Role[]>
  getAttempt(id: string): Promise<AttemptRecord | null>
  /** Newest first. */
  listAttempts(projectId: string, userId?: string): Promise<AttemptRecord[]>
  /** Merges answers for one example into an in-progress attempt; false when it is not in progress. */
  saveAnswers(
    attemptId: string,
    exampleId: string,
    answers: Record<string, CriterionAnswer>,
  ): Promise<boolean>
  /**
   * Marks the annotator's registered open attempt submitted with its score and frees the open slot; false
   * when it was not in progress or is not the registered open attempt.
   */
  submitAttempt(
    attemptId: string,
    outcome: { score: number; passed: boolean; result: AttemptResult },
    /**
     * The webhook events of this submission, written to the outbox in the same transaction, from the
     * annotator's attempts as now stored (newest first, this one submitted) and the latest version.
     */
    events?: (attempts: AttemptRecord[], latestVersion: string | null) => NewWebhookEvent[],
  ): Promise<boolean>
  /**
   * A cheap stamp of the project's submitted attempts — their count and newest `updated_at` — that changes
   * whenever one is submitted, re-scored (which must bump `updated_at`) or deleted. Caches key on it.
   */
  submittedAttemptsStamp(projectId: string): Promise<string>
  retakeCooldownMinutes(projectId: string): Promise<number>
  setRetakeCooldownMinutes(projectId: string, minutes: number): Promise<void>

  createDispute(
    d: Omit<
      DisputeRecord,
      | 'status'
      | 'reply'
      | 'resolvedBy'
      | 'createdAt'
      | 'resolvedAt'
      | 'userName'
      | 'outcome'
      | 'fixedInVersion'
    >,
  ): Promise<void>
  listDisputes(projectId: string, userId?: string): Promise<DisputeRecord[]>
  /** Resolves an open dispute with a reply and an outcome; false when it is not open (or not this project's). */
  resolveDispute(
    projectId: string,
    id: string,
    resolution: { reply: string; outcome: 'gold_stands' | 'gold_wrong'; resolvedBy: string },
  ): Promise<boolean>
  /** Records the version that fixed a `gold_wrong` dispute; false when it is not pending a fix. */
  markDisputeFixed(projectId: string, id: string, version: string): Promise<boolean>
  /**
   * Stores a re-score beside a submitted attempt's original outcome (replacing an earlier re-score); false when
   * the attempt is not submitted.
   */
  rescoreAttempt(
    attemptId: string,
    rescore: {
      score: number
      passed: boolean
      result: AttemptResult
      corrections: GoldCorrection[]
      at: string
    },
  ): Promise<boolean>
}

/** One gold slot's accepted values before and after (null: no gold) and its rationale if it changed. */
export interface GoldSlotChange {
  /** The slot key (criterion id, or `<criterionId>@A` / `@B`). */
  slot: string
  from: unknown[] | null
  to: unknown[] | null
  /** The gold rationale's text before and after, only when it changed ('' = none). */
  rationale?: { from: string; to: string }
}

/** A change to one example's gold by one person, as the sync server saw it applied to the draft. */
export interface GoldEditInput {
  projectId: string
  exampleId: string
  userId: string
  /** When it was applied (ms since the epoch). */
  at: number
  changes: GoldSlotChange[]
}

/** One row of the gold edit log: a person's changes to one example's gold within one minute. */
export interface GoldEditRecord {
  id: number
  projectId: string
  exampleId: string
  userId: string
  userName: string
  firstAt: string
  lastAt: string
  changes: GoldSlotChange[]
}

export interface GoldEditStore {
  /**
   * Records changes in order, in one transaction, coalescing each into the person's latest row for the
   * example while that row's minute is open (server/storage/goldEdits.ts); safe with several instances.
   */
  recordGoldEdits(edits: readonly GoldEditInput[]): Promise<void>
  /** The project's rows, most recently changed first, optionally for one example. */
  listGoldEdits(projectId: string, options: { exampleId?: string; limit: number }): Promise<GoldEditRecord[]>
}

/** One upload of a blob to a project (the media catalogue); the bytes themselves are in the BlobStore. */
export interface MediaRecord {
  projectId: string
  hash: string
  kind: MediaKind
  mime: string
  bytes: number
  width: number | null
  height: number | null
  /** The file's name on the first uploader's device (shown, never trusted). */
  name: string
  uploadedBy: string
  /** When the blob was last uploaded to the project: a repeat upload refreshes it (and GC's grace period). */
  createdAt: string
}

export type NewMedia = Omit<MediaRecord, 'createdAt'>

export interface MediaStore {
  /**
   * Records an upload once its blob is durable. Idempotent per project and hash: a repeat keeps the first
   * row's details and moves `createdAt` to now, so a blob uploaded again is not collected under the uploader.
   */
  recordMediaUpload(media: NewMedia): Promise<MediaRecord>
  getMedia(projectId: string, hash: string): Promise<MediaRecord | null>
  /** Every hash some project uploaded at or after `since` (ISO time), each once. */
  mediaHashesUploadedSince(since: string): Promise<string[]>
  /**
   * Deletes every project's rows of `hash` uploaded before `before` (ISO time), in one transaction, and says
   * how many it deleted and how many (newer) rows remain.
   */
  deleteMediaRows(hash: string, before: string): Promise<{ deleted: number; remaining: number }>
}

/** An event to put in the webhook outbox: one delivery per active endpoint of the project subscribed to it. */
export interface NewWebhookEvent {
  id: string
  projectId: string
  type: WebhookEventType | 'ping'
  createdAt: string
  /** The exact JSON body every delivery sends. */
  payload: string
  /** Deliver only to this endpoint (the test event), whatever it subscribed to. */
  onlyEndpointId?: string
}

export interface WebhookEndpointRecord {
  id: string
  projectId: string
  url: string
  description: string
  events: WebhookEventType[]
  active: boolean
  secret: string
  createdBy: string
  createdAt: string
  updatedAt: string
}

export interface WebhookDeliveryRecord {
  id: string
  eventId: string
  eventType: string
  endpointId: string
  status: DeliveryStatus
  attempts: number
  nextAttemptAt: string | null
  lastStatusCode: number | null
  lastError: string | null
  createdAt: string
  updatedAt: string
}

/** A delivery claimed by one instance, with what it needs to send it. */
export interface ClaimedDelivery extends WebhookDeliveryRecord {
  projectId: string
  url: string
  secret: string
  payload: string
}

export interface DeliveryOutcome {
  deliveryId: string
  leaseOwner: string
  status: DeliveryStatus
  nextAttemptAt: string | null
  statusCode: number | null
  error: string | null
  at: string
  durationMs: number
}

export interface WebhookStore {
  createWebhookEndpoint(
    endpoint: Omit<WebhookEndpointRecord, 'createdAt' | 'updatedAt'>,
  ): Promise<WebhookEndpointRecord>
  listWebhookEndpoints(projectId: string): Promise<WebhookEndpointRecord[]>
  getWebhookEndpoint(projectId: string, id: string): Promise<WebhookEndpointRecord | null>
  updateWebhookEndpoint(
    projectId: string,
    id: string,
    changes: Partial<Pick<WebhookEndpointRecord, 'url' | 'description' | 'events' | 'active' | 'secret'>>,
  ): Promise<WebhookEndpointRecord | null>
  deleteWebhookEndpoint(projectId: string, id: string): Promise<boolean>
  /** Writes events and their deliveries in one transaction (outside an event's own; e.g. the test event). */
  enqueueWebhookEvents(events: NewWebhookEvent[]): Promise<number>
  /** A new delivery of an existing delivery's event to the same endpoint; null when unknown. */
  redeliverWebhook(
    projectId: string,
    endpointId: string,
    deliveryId: string,
    at: string,
  ): Promise<WebhookDeliveryRecord | null>
  /** An endpoint's deliveries, newest first. */
  listWebhookDeliveries(
    projectId: string,
    endpointId: string,
    limit: number,
  ): Promise<WebhookDeliveryRecord[]>
  /**
   * Claims up to `limit` due deliveries (pending or retrying, next attempt at or before `now`, no live lease,
   * endpoint active) for `leaseMs`: each is claimed by one instance (PostgreSQL: `FOR UPDATE SKIP LOCKED`).
   */
  claimWebhookDeliveries(
    owner: string,
    now: string,
    leaseUntil: string,
    limit: number,
  ): Promise<ClaimedDelivery[]>
  /**
   * Deletes events queued before `before` (ISO time) whose deliveries are all over (delivered or failed),
   * with their deliveries and attempt logs; returns how many events it deleted.
   */
  pruneWebhookHistory(before: string): Promise<number>
  /** Records an attempt and the delivery's new state, if the lease is still this owner's; false otherwise. */
  recordWebhookAttempt(outcome: DeliveryOutcome): Promise<boolean>
}

/** A decision on a suggested edit, as recorded. */
export interface SuggestionDecisionRecord {
  projectId: string
  suggestionId: string
  decision: 'accept' | 'reject'
  decidedBy: { id: string; name: string }
  decidedAt: string
}

export interface SuggestionDecisionStore {
  /**
   * Records a decision and its audit entry in one transaction, unless the suggestion was decided already (by
   * anyone, on any instance): then writes nothing and returns the decision that holds.
   */
  recordSuggestionDecision(
    decision: {
      projectId: string
      suggestionId: string
      decision: 'accept' | 'reject'
      userId: string
      at: string
    },
    audit: { action: string; details: Record<string, unknown> },
  ): Promise<{ recorded: true } | { recorded: false; existing: SuggestionDecisionRecord }>
  getSuggestionDecision(projectId: string, suggestionId: string): Promise<SuggestionDecisionRecord | null>
}

export interface Store
  extends DocStore,
    ProjectStore,
    AccountStore,
    VersionStore,
    CalibrationStore,
    GoldEditStore,
    MediaStore,
    WebhookStore,
    SuggestionDecisionStore {
  close(): Promise<void>
}
