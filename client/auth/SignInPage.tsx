/**
 * `/signin`: email and password. Afterwards the user returns to where they were (or to the invite they were
 * accepting). On a fresh install it points to the one-time setup link the server printed instead.
 */
import { type FormEvent, useEffect, useId, useState } from 'react'
import { isSetupNeeded, signIn } from '../api/auth'
import { errorMessage } from '../api/http'
import { navigate } from '../app/router'
import { revealOnMount } from '../ui/revealOnMount'
import { AuthCard } from './AuthCard'
import { takeReturn } from './returnTo'
import { setSignedIn, useSession } from './session'

function SetupNeeded() {
  return (
    <div className="notice notice--info" data-testid="setup-needed">
      <strong>No account yet — open the setup link printed by the server.</strong>
      <p>
        When Yardstick starts without any account it prints a one-time link (<code>http://…/setup#…</code>) in
        its output. Open it to create the owner account.
      </p>
    </div>
  )
}

export default function SignInPage() {
  const session = useSession()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [setupNeeded, setSetupNeeded] = useState(false)
  const id = useId()

  useEffect(() => {
    document.title = 'Sign in — Yardstick'
    const controller = new AbortController()
    isSetupNeeded(controller.signal).then(setSetupNeeded, () => {})
    return () => controller.abort()
  }, [])

  // Already signed in (e.g. the page was bookmarked): go on to the app.
  useEffect(() => {
    if (session.status === 'signedIn' && !pending) navigate(takeReturn(), { replace: true })
  }, [session.status, pending])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!email.trim() || !password) {
      setError('Enter your email and password.')
      return
    }
    setPending(true)
    setError(null)
    try {
      const user = await signIn(email.trim(), password)
      setSignedIn(user)
      navigate(takeReturn(), { replace: true })
    } catch (caught) {
      setError(errorMessage(caught))
      setPending(false)
    }
  }

  return (
    <AuthCard
      title="Sign in"
      subtitle="Co-author guidelines, rubrics and gold examples with your team."
      testId="signin-page"
    >
      {session.status === 'signedOut' && session.reason && (
        <div className="notice notice--warning" role="status" data-testid="signin-reason">
          {session.reason}
        </div>
      )}
      {setupNeeded ? (
        <SetupNeeded />
      ) : (
        <form className="auth-form" onSubmit={submit} noValidate>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-email`}>
              Email
            </label>
            <input
              id={`${id}-email`}
              className="text-input"
              data-testid="signin-email"
              type="email"
              autoComplete="username"
              // biome-ignore lint/a11y/noAutofocus: signing in is the only thing to do on this page
              autoFocus
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-password`}>
              Password
            </label>
            <input
              id={`${id}-password`}
              className="text-input"
              data-testid="signin-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          {error && (
            <p
              className="form-error form-error--block"
              role="alert"
              ref={revealOnMount}
              data-testid="signin-error"
            >
              {error}
            </p>
          )}
          <button
            type="submit"
            className="button button--primary button--block"
            data-testid="signin-submit"
            disabled={pending}
          >
            {pending ? 'Signing in…' : 'Sign in'}
          </button>
          <p className="auth-card__footnote muted">
            New here? Ask a project owner or lead for an invite link — opening it lets you create your
            account.
          </p>
        </form>
      )}
    </AuthCard>
  )
}
