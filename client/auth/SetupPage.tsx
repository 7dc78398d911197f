/**
 * `/setup#<token>`: first run. Creates the owner account with the one-time link the server printed, signs in
 * and opens the project list. A used, incomplete or invalid link gets a clear page with a way to sign in.
 */
import { type FormEvent, useEffect, useState } from 'react'
import { completeSetup, isSetupNeeded, type NewAccount } from '../api/auth'
import { ApiRequestError, errorMessage } from '../api/http'
import { Link } from '../app/Link'
import { navigate } from '../app/router'
import { randomColor } from '../ui/palette'
import { revealOnMount } from '../ui/revealOnMount'
import { AccountFields, checkAccount, type FieldErrors } from './AccountFields'
import { AuthCard } from './AuthCard'
import { setSignedIn } from './session'

type SetupState = 'checking' | 'open' | 'closed' | 'noToken' | 'unreachable'

function SetupClosed({ reason }: { reason: 'closed' | 'noToken' }) {
  return (
    <AuthCard
      title={reason === 'closed' ? 'This setup link can’t be used' : 'This setup link is incomplete'}
      testId="setup-closed"
    >
      <p className="auth-card__text">
        {reason === 'closed'
          ? 'It has already been used, or Yardstick already has an owner account. Sign in with your account instead.'
          : 'The part after “#” is missing. Copy the whole link the server printed, including everything after “#setup”.'}
      </p>
      <Link href="/signin" className="button button--primary button--block" data-testid="go-signin">
        Go to sign in
      </Link>
    </AuthCard>
  )
}

export default function SetupPage() {
  const [token] = useState(() => window.location.hash.slice(1))
  const [state, setState] = useState<SetupState>(token ? 'checking' : 'noToken')
  const [account, setAccount] = useState<NewAccount>(() => ({
    name: '',
    email: '',
    password: '',
    color: randomColor(),
  }))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)

  useEffect(() => {
    document.title = 'Set up Yardstick'
    if (!token) return
    const controller = new AbortController()
    isSetupNeeded(controller.signal).then(
      (needed) => setState(needed ? 'open' : 'closed'),
      () => !controller.signal.aborted && setState('unreachable'),
    )
    return () => controller.abort()
  }, [token])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const problems = checkAccount(account)
    setErrors(problems)
    if (Object.keys(problems).length > 0) return
    setPending(true)
    setError(null)
    try {
      const user = await completeSetup(token, {
        ...account,
        name: account.name.trim(),
        email: account.email.trim(),
      })
      setSignedIn(user)
      navigate('/', { replace: true })
    } catch (caught) {
      setPending(false)
      if (caught instanceof ApiRequestError && caught.code === 'setup_closed') setState('closed')
      else setError(errorMessage(caught))
    }
  }

  if (state === 'closed' || state === 'noToken') return <SetupClosed reason={state} />
  return (
    <AuthCard
      title="Welcome to Yardstick"
      subtitle="Create the owner account. You can invite leads, reviewers and annotators once you’re in."
      testId="setup-page"
    >
      {state === 'checking' && (
        <p className="muted" aria-busy="true">
          <span className="spinner" aria-hidden="true" /> Checking the setup link…
        </p>
      )}
      {state === 'unreachable' && (
        <p className="form-error form-error--block" role="alert">
          Could not reach the server. Check that Yardstick is running, then reload this page.
        </p>
      )}
      {state === 'open' && (
        <form className="auth-form" onSubmit={submit} noValidate>
          <AccountFields value={account} onChange={setAccount} errors={errors} />
          {error && (
            <p
              className="form-error form-error--block"
              role="alert"
              ref={revealOnMount}
              data-testid="setup-error"
            >
              {error}
            </p>
          )}
          <button
            type="submit"
            className="button button--primary button--block"
            data-testid="setup-submit"
            disabled={pending}
          >
            {pending ? 'Creating your account…' : 'Create owner account'}
          </button>
        </form>
      )}
    </AuthCard>
  )
}
