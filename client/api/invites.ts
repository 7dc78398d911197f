/** Typed calls to the invite-link endpoints: preview and accept (anyone holding a link). */
import { AcceptedInvite, InvitePreview } from '../../shared/schema/auth'
import type { NewAccount } from './auth'
import { requestJson } from './http'

export type Accepted = AcceptedInvite

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
  return requestJson('/api/invites/accept', AcceptedInvite, {
    method: 'POST',
    body: account ? { token, account } : { token },
    authRedirect: false,
  })
}
