/** Where you are signed in: this device marked, every other session with a "Sign out" button. */
import { useState } from 'react'
import type { SessionInfo } from '../../shared/schema/auth'
import { endOtherSession, listSessions } from '../api/auth'
import { errorMessage } from '../api/http'
import { formatFullTime, formatRelativeTime } from '../ui/formatTime'
import { PageLoading } from '../ui/PageLoading'
import { useResource } from '../ui/useResource'
import { describeDevice } from './describeDevice'

function SessionRow({ session, onEnded }: { session: SessionInfo; onEnded: () => void }) {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const end = async () => {
    setPending(true)
    setError(null)
    try {
      await endOtherSession(session.id)
      onEnded()
    } catch (caught) {
      setError(errorMessage(caught))
      setPending(false)
    }
  }
  return (
    <li className="session-row" data-testid="session-row" data-current={session.current ? 'true' : 'false'}>
      <div className="session-row__main">
        <span className="session-row__device">
          {describeDevice(session.userAgent)}
          {session.current && (
            <span className="this-device" data-testid="this-device">
              This device
            </span>
          )}
        </span>
        <span className="muted session-row__meta">
          Signed in{' '}
          <span title={formatFullTime(session.createdAt)}>{formatRelativeTime(session.createdAt)}</span>
          {' · '}last active{' '}
          <span title={formatFullTime(session.lastSeenAt)}>{formatRelativeTime(session.lastSeenAt)}</span>
        </span>
        {error && (
          <span className="form-error" role="alert">
            {error}
          </span>
        )}
      </div>
      {!session.current && (
        <button
          type="button"
          className="button button--secondary"
          data-testid="session-sign-out"
          disabled={pending}
          onClick={() => void end()}
        >
          {pending ? 'Signing out…' : 'Sign out'}
        </button>
      )}
    </li>
  )
}

export function SessionList() {
  const { state, reload } = useResource('sessions', listSessions)
  if (state.status === 'loading') return <PageLoading />
  if (state.status === 'error') {
    return (
      <p className="form-error" role="alert">
        Sessions could not be loaded: {state.message}
      </p>
    )
  }
  const sessions = [...state.value].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
  )
  return (
    <ul className="session-list" data-testid="session-list">
      {sessions.map((session) => (
        <SessionRow key={session.id} session={session} onEnded={reload} />
      ))}
    </ul>
  )
}
