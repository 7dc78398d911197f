/** The invite rule (server/auth/invites.ts): the five refusals, in order, and keeping the higher role. */
import { describe, expect, it } from 'vitest'
import { decideInvite, inviteStatus, roleAfterInvite } from '../../server/auth/invites'
import type { InviteRecord } from '../../server/storage/store'

const at = '2026-12-03T12:00:00.000Z'
const invite = (changes: Partial<InviteRecord> = {}): InviteRecord => ({
  id: 'i',
  projectId: 'p',
  role: 'reviewer',
  createdBy: 'u1',
  createdAt: '2026-12-01T00:00:00.000Z',
  expiresAt: '2026-12-04T00:00:00.000Z',
  usedAt: null,
  usedBy: null,
  revokedAt: null,
  note: '',
  ...changes,
})
const facts = (changes: Partial<Parameters<typeof decideInvite>[0]> = {}) => ({
  invite: invite(),
  emailTaken: false,
  currentRole: null,
  ...changes,
})

describe('decideInvite', () => {
  it('refuses an unknown, withdrawn, used or expired invite, and a taken email', () => {
    expect(decideInvite(facts({ invite: null }), at)).toEqual({ ok: false, reason: 'unknown' })
    expect(decideInvite(facts({ invite: invite({ revokedAt: at }) }), at)).toEqual({
      ok: false,
      reason: 'revoked',
    })
    expect(decideInvite(facts({ invite: invite({ usedAt: at, usedBy: 'u2' }) }), at)).toEqual({
      ok: false,
      reason: 'used',
    })
    expect(decideInvite(facts({ invite: invite({ expiresAt: at }) }), at)).toEqual({
      ok: false,
      reason: 'expired',
    })
    expect(decideInvite(facts({ emailTaken: true }), at)).toEqual({ ok: false, reason: 'email_taken' })
  })

  it('says withdrawn before used before expired, and all of them before a taken email', () => {
    const everything = invite({ revokedAt: at, usedAt: at, expiresAt: at })
    expect(decideInvite(facts({ invite: everything, emailTaken: true }), at)).toMatchObject({
      reason: 'revoked',
    })
    const usedAndExpired = invite({ usedAt: at, expiresAt: at })
    expect(decideInvite(facts({ invite: usedAndExpired, emailTaken: true }), at)).toMatchObject({
      reason: 'used',
    })
    expect(decideInvite(facts({ invite: invite({ expiresAt: at }), emailTaken: true }), at)).toMatchObject({
      reason: 'expired',
    })
  })

  it("gives the invite's role, but a member keeps a higher one", () => {
    expect(decideInvite(facts(), at)).toEqual({ ok: true, role: 'reviewer' })
    expect(decideInvite(facts({ currentRole: 'annotator' }), at)).toEqual({ ok: true, role: 'reviewer' })
    expect(decideInvite(facts({ currentRole: 'lead' }), at)).toEqual({ ok: true, role: 'lead' })
    expect(decideInvite(facts({ currentRole: 'reviewer' }), at)).toEqual({ ok: true, role: 'reviewer' })
  })
})

describe('roleAfterInvite and inviteStatus', () => {
  it('keeps the higher role in both directions', () => {
    expect(roleAfterInvite('owner', 'annotator')).toBe('owner')
    expect(roleAfterInvite('annotator', 'lead')).toBe('lead')
    expect(roleAfterInvite(null, 'annotator')).toBe('annotator')
  })

  it('expires at the expiry instant, not after it', () => {
    expect(inviteStatus(invite({ expiresAt: at }), at)).toBe('expired')
    expect(inviteStatus(invite({ expiresAt: '2026-12-03T12:00:00.001Z' }), at)).toBe('valid')
  })
})
