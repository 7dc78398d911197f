/**
 * `/invite#<token>`: who invited you to which project, as what. Signed in, one click accepts and opens the
 * project; signed out, you create an account on the spot or sign in first. Dead links get a clear page.
 */
import { useEffect, useState } from 'react'
import { ROLE_LABELS, roleWithArticle } from '../../shared/auth/permissions'
import type { InvitePreview } from '../../shared/schema/auth'
import { fetchMe, type NewAccount } from '../api/auth'
import { ApiRequestError, errorMessage } from '../api/http'
import { acceptInvite } from '../api/invites'
import { navigate, projectPath } from '../app/router'
import { AuthCard } from '../auth/AuthCard'
import { setSignedIn, signOut, useSession } from '../auth/session'
import { Avatar } from '../ui/Avatar'
import { formatFullTime, formatRelativeTime } from '../ui/formatTime'
import { ROLE_DESCRIPTIONS } from '../ui/RoleBadge'
import { revealOnMount } from '../ui/revealOnMount'
import { InviteGone } from './InviteGone'
import { InviteSignUp } from './InviteSignUp'
import { useInvitePreview } from './useInvitePreview'

const GONE_CODES = { invite_used: 'used', invite_expired: 'expired', invite_revoked: 'revoked' } as const

function InviteSummary({ preview }: { preview: InvitePreview }) {
  return (
    <div className="invite-summary" data-testid="invite-summary">
      <p className="invite-summary__headline">
        <strong>{preview.invitedBy}</strong> invited you to <strong>{preview.projectName}</strong> as{' '}
        {roleWithArticle(preview.role).split(' ')[0]}{' '}
        <strong data-testid="invite-role">{ROLE_LABELS[preview.role]}</strong>
      </p>
      <p className="muted">
        {ROLE_DESCRIPTIONS[preview.role]} This link works once and expires{' '}
        <span title={formatFullTime(preview.expiresAt)}>{formatRelativeTime(preview.expiresAt)}</span>.
      </p>
    </div>
  )
}

export default function InvitePage() {
  const [token] = useState(() => window.location.hash.slice(1))
  const { state, markGone } = useInvitePreview(token)
  const session = useSession()
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    document.title = 'Invitation — Yardstick'
  }, [])

  /** Accepts (creating the account first when given), then opens the project. */
  const accept = async (account?: NewAccount) => {
    try {
      const joined = await acceptInvite(token, account)
      if (account) {
        const user = await fetchMe()
        if (user) setSignedIn(user)
      }
      navigate(projectPath(joined.projectId), { replace: true })
    } catch (caught) {
      if (caught instanceof ApiRequestError && caught.code in GONE_CODES) {
        markGone(GONE_CODES[caught.code as keyof typeof GONE_CODES])
        return
      }
      throw caught
    }
  }

  const acceptSignedIn = async () => {
    setPending(true)
    setError(null)
    try {
      await accept()
    } catch (caught) {
      setError(errorMessage(caught))
      setPending(false)
    }
  }

  if (state.status === 'noToken' || state.status === 'unknown') return <InviteGone reason={state.status} />
  if (state.status === 'ready' && state.preview.status !== 'valid') {
    return <InviteGone reason={state.preview.status} invitedBy={state.preview.invitedBy} />
  }
  return (
    <AuthCard title="You’re invited" testId="invite-page" wide>
      {state.status === 'loading' && (
        <p className="muted" aria-busy="true">
          <span className="spinner" aria-hidden="true" /> Opening the invitation…
        </p>
      )}
      {state.status === 'error' && (
        <p className="form-error form-error--block" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && <InviteSummary preview={state.preview} />}
      {state.status === 'ready' && session.status === 'loading' && (
        <p className="muted">Checking who you are…</p>
      )}
      {state.status === 'ready' && session.status === 'signedIn' && (
        <div className="invite-accept">
          <div className="invite-accept__who">
            <Avatar name={session.user.name} color={session.user.color} />
            <span>
              Signed in as <strong>{session.user.name}</strong>{' '}
              <span className="muted">({session.user.email})</span>
            </span>
          </div>
          {error && (
            <p
              className="form-error form-error--block"
              role="alert"
              ref={revealOnMount}
              data-testid="invite-error"
            >
              {error}
            </p>
          )}
          <button
            type="button"
            className="button button--primary button--block"
            data-testid="invite-accept"
            disabled={pending}
            onClick={() => void acceptSignedIn()}
          >
            {pending ? 'Joining…' : `Accept and open ${state.preview.projectName}`}
          </button>
          <p className="auth-card__footnote">
            Not you?{' '}
            <button type="button" className="link-button" onClick={() => void signOut(`/invite#${token}`)}>
              Sign out
            </button>{' '}
            and use another account.
          </p>
        </div>
      )}
      {state.status === 'ready' && (session.status === 'signedOut' || session.status === 'error') && (
        <InviteSignUp onSubmit={(account) => accept(account)} />
      )}
    </AuthCard>
  )
}
