/**
 * Editor notices: what someone else did that changes what a person sees in the open editor — their own role
 * changed, the draft was restored from a version, a version was published — read from the activity log.
 */
import { z } from 'zod'
import { ROLES } from '../auth/permissions'
import { SEMVER } from './version'

export const Notice = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('roleChanged'),
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    from: z.enum(ROLES),
    to: z.enum(ROLES),
  }),
  z.object({
    kind: z.literal('restored'),
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    version: z.string(),
  }),
  z.object({
    kind: z.literal('published'),
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    version: z.string(),
  }),
])
export type Notice = z.infer<typeof Notice>

/** The answer of `GET /api/projects/:id/notices?after=N`: notices newer than entry N, and the newest entry id. */
export const NoticeList = z.object({ notices: z.array(Notice), latest: z.number().int() })
export type NoticeList = z.infer<typeof NoticeList>

/** `POST /api/projects/:id/restores`: the client restored this version into the draft (recorded in the log). */
export const RestoreBody = z
  .object({ version: z.string().regex(SEMVER, 'version must look like 1.2.3') })
  .strict()

/** Activity-log action names written by the server and read by the client (declared once). */
export const AuditAction = {
  roleChanged: 'member.role_changed',
  restored: 'draft.restored',
  published: 'version.published',
  /** A lead accepted or rejected a suggested edit (details: suggestionId, label, original, replacement, author). */
  suggestionAccepted: 'suggestion.accepted',
  suggestionRejected: 'suggestion.rejected',
} as const
