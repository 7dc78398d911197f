/**
 * The invite rule, decided once for every store: an invite link is used at most once, never after it was
 * withdrawn or expired, never to create an account whose email is taken; accepting it makes the user a
 * member with the invite's role, except that a member keeps a higher role they already have (a lead
 * accepting a reviewer link stays lead). The store reads the facts and applies the decision atomically.
 */
import { ROLE_RANK, type Role } from '../../shared/auth/permissions'
import type { Invite } from '../../shared/schema/auth'
import type { AccountStore, InviteDecision, InviteFacts, InviteRecord, NewUser } from '../storage/store'

/** Whether an invite can still be used at `at` (an ISO time), and if not, why. */
export function inviteStatus(invite: InviteRecord, at: string): Invite['status'] {
  if (invite.revokedAt) return 'revoked'
  if (invite.usedAt) return 'used'
  if (invite.expiresAt <= at) return 'expired'
  return 'valid'
}

/** The higher of a member's current role and the role an invite offers. */
export function roleAfterInvite(current: Role | null, offered: Role): Role {
  return current && ROLE_RANK[current] > ROLE_RANK[offered] ? current : offered
}

/** The decision, from facts read inside the accepting transaction. */
export function decideInvite(facts: InviteFacts, at: string): InviteDecision {
  if (!facts.invite) return { ok: false, reason: 'unknown' }
  const status = inviteStatus(facts.invite, at)
  if (status !== 'valid') return { ok: false, reason: status }
  if (facts.emailTaken) return { ok: false, reason: 'email_taken' }
  return { ok: true, role: roleAfterInvite(facts.currentRole, facts.invite.role) }
}

/** Uses the invite behind `tokenHash` for `userId` (creating `newUser` first when given), atomically. */
export async function acceptInvite(
  store: Pick<AccountStore, 'redeemInvite'>,
  request: { tokenHash: string; userId: string; at: string; newUser?: NewUser | undefined },
): Promise<{ ok: true; role: Role; invite: InviteRecord } | Extract<InviteDecision, { ok: false }>> {
  let invite: InviteRecord | null = null
  const decision = await store.redeemInvite(request, (facts) => {
    invite = facts.invite
    return decideInvite(facts, request.at)
  })
  if (!decision.ok) return decision
  return { ...decision, invite: invite! }
}
