/** The page for an invite link that no longer works (used, expired, withdrawn) or never did (unknown). */
import { Link } from '../app/Link'
import { AuthCard } from '../auth/AuthCard'
import { useSession } from '../auth/session'

export type GoneReason = 'used' | 'expired' | 'revoked' | 'unknown' | 'noToken'

const TITLES: Record<GoneReason, string> = {
  used: 'This invite link has already been used',
  expired: 'This invite link has expired',
  revoked: 'This invite link was withdrawn',
  unknown: 'This invite link is not valid',
  noToken: 'This invite link is incomplete',
}

function explanation(reason: GoneReason, invitedBy: string | null): string {
  const who = invitedBy ?? 'the person who invited you'
  const ask = `Ask ${who} for a new one.`
  switch (reason) {
    case 'used':
      return `Each invite link works once. If you joined with it, sign in and open the project from your list; otherwise, ask ${who} for a new one.`
    case 'expired':
      return `Invite links work for a limited time. ${ask}`
    case 'revoked':
      return `Whoever created it withdrew it. ${ask}`
    case 'unknown':
      return `Check that you copied the whole link. ${ask}`
    case 'noToken':
      return 'The part after “#” is missing. Copy the whole link you were sent, including everything after “#”.'
  }
}

export function InviteGone({ reason, invitedBy = null }: { reason: GoneReason; invitedBy?: string | null }) {
  const session = useSession()
  const signedIn = session.status === 'signedIn'
  return (
    <AuthCard title={TITLES[reason]} testId="invite-gone">
      <p className="auth-card__text" data-testid="invite-gone-reason" data-reason={reason}>
        {explanation(reason, invitedBy)}
      </p>
      <Link href={signedIn ? '/' : '/signin'} className="button button--primary button--block">
        {signedIn ? 'Go to your projects' : 'Sign in'}
      </Link>
    </AuthCard>
  )
}
