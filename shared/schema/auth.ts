/** Schemas and types of accounts, sessions, members, invites and the audit log, for API bodies and answers. */
import { z } from 'zod'
import { ROLES } from '../auth/permissions'
import { safeName } from './safeText'

export const RoleSchema = z.enum(ROLES)

export const MIN_PASSWORD_LENGTH = 8
/** Generous bound on input size only (argon2 hashes the whole password; nothing is truncated). */
export const MAX_PASSWORD_LENGTH = 1024

export const Email = z.string().trim().toLowerCase().pipe(z.email('enter a valid email address').max(254))
export const Password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, 'password is too long')
export const DisplayName = safeName(
  z.string().trim().min(1, 'name must not be empty').max(80, 'name is too long'),
)
export const AvatarColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must look like #1a2b3c')

export const User = z.object({ id: z.string(), email: z.string(), name: z.string(), color: z.string() })
export type User = z.infer<typeof User>

export const SetupStatus = z.object({ needed: z.boolean() })
export const SetupBody = z
  .object({
    token: z.string().min(1),
    email: Email,
    password: Password,
    name: DisplayName,
    color: AvatarColor.optional(),
  })
  .strict()
export const LoginBody = z
  .object({ email: Email, password: z.string().min(1).max(MAX_PASSWORD_LENGTH) })
  .strict()
export const UpdateAccountBody = z
  .object({ name: DisplayName.optional(), color: AvatarColor.optional() })
  .strict()
export const ChangePasswordBody = z
  .object({ currentPassword: z.string().max(MAX_PASSWORD_LENGTH), newPassword: Password })
  .strict()

export const SessionInfo = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  userAgent: z.string(),
  current: z.boolean(),
})
export type SessionInfo = z.infer<typeof SessionInfo>

export const Member = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  color: z.string(),
  role: RoleSchema,
  joinedAt: z.string(),
})
export type Member = z.infer<typeof Member>
export const ChangeRoleBody = z.object({ role: RoleSchema }).strict()

export const INVITE_NOTE_MAX = 120
export const InviteNote = z
  .string()
  .trim()
  .max(INVITE_NOTE_MAX, `the note is too long (at most ${INVITE_NOTE_MAX} characters)`)
export const CreateInviteBody = z
  .object({
    role: RoleSchema,
    expiresInHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(72),
    /** Who the link is for (a name or email), so links in the list can be told apart; nothing is sent. */
    note: InviteNote.default(''),
  })
  .strict()
export const Invite = z.object({
  id: z.string(),
  role: RoleSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
  createdBy: z.string(),
  status: z.enum(['valid', 'used', 'expired', 'revoked']),
  note: z.string(),
})
export type Invite = z.infer<typeof Invite>
/** The answer to creating an invite: the only time the link is shown. */
export const CreatedInvite = Invite.extend({ url: z.string() })
export type CreatedInvite = z.infer<typeof CreatedInvite>

/** What anyone holding an invite link may learn about it. */
export const InvitePreview = z.object({
  projectName: z.string(),
  role: RoleSchema,
  invitedBy: z.string(),
  status: z.enum(['valid', 'used', 'expired', 'revoked']),
  expiresAt: z.string(),
})
export type InvitePreview = z.infer<typeof InvitePreview>
export const InviteTokenBody = z.object({ token: z.string().min(1).max(200) }).strict()
/** Accepting while signed out creates the account from `account`. */
export const AcceptInviteBody = z
  .object({
    token: z.string().min(1).max(200),
    account: z
      .object({ email: Email, password: Password, name: DisplayName, color: AvatarColor.optional() })
      .strict()
      .optional(),
  })
  .strict()

export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  /** The name of the member the entry is about (for membership changes), if known. */
  subject: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
})
export type AuditEntry = z.infer<typeof AuditEntry>

/** Answers that carry one user: setup, sign in, `GET /api/auth/me`, `PATCH /api/account`. */
export const UserAnswer = z.object({ user: User })
/** `GET /api/auth/session`: the signed-in user, or null (signed out is an expected state there). */
export const SessionAnswer = z.object({ user: User.nullable() })
export const SessionList = z.object({ sessions: z.array(SessionInfo) })
export const MemberList = z.object({ members: z.array(Member) })
/** `PATCH /api/projects/:id/members/:userId`: the member with the new role. */
export const MemberAnswer = z.object({ member: Member })
export const InviteList = z.object({ invites: z.array(Invite) })
export const AuditList = z.object({ entries: z.array(AuditEntry) })
/** `POST /api/invites/accept`: the project joined and the role held there. */
export const AcceptedInvite = z.object({ projectId: z.string(), role: RoleSchema })
export type AcceptedInvite = z.infer<typeof AcceptedInvite>
