/** Typed calls to the invite-link endpoints: preview and accept (anyone holding a link). */
import { z } from 'zod'
import { InvitePreview, RoleSchema } from '../../shared/schema/auth'
import type { NewAccount } from './auth'
import { requestJson } from './http'

const Accepted = z.object({ projectId: z.string(), role: RoleSchema })
export type Accepted = z.infer<typeof Accepted>

export function previewInvite(token: string, signal?: AbortSignal): Promise<InvitePreview> {
  return requestJson('/api/invites/preview', InvitePreview, {
    method: 'POST',
    body: { token },
    signal,
    authRedirect: false,
  })
}

/** Accepts as the signed-in user, or — with `account` — creates that account and signs it in. */
export function acceptInvite(token: string, account?: NewAccount): Promise<Accepted> {
  return requestJson('/api/invites/accept', Accepted, {
    method: 'POST',
    body: account ? { token, account } : { token },
    authRedirect: false,
  })
}
