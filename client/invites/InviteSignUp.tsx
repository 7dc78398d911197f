/**
 * Signed-out half of the invite page: create an account and join in one step, or — for people who already
 * have an account — sign in first and come straight back to this invite.
 */
import { type FormEvent, useState } from 'react'
import type { NewAccount } from '../api/auth'
import { ApiRequestError, errorMessage } from '../api/http'
import { currentLocation, navigate } from '../app/router'
import { AccountFields, checkAccount, type FieldErrors } from '../auth/AccountFields'
import { rememberReturn } from '../auth/returnTo'
import { randomColor } from '../ui/palette'
import { revealOnMount } from '../ui/revealOnMount'

interface InviteSignUpProps {
  /** Creates the account, joins the project and signs in; throws the server's error. */
  onSubmit: (account: NewAccount) => Promise<void>
}

function signInAndComeBack() {
  rememberReturn(currentLocation())
  navigate('/signin')
}

export function InviteSignUp({ onSubmit }: InviteSignUpProps) {
  const [account, setAccount] = useState<NewAccount>(() => ({
    name: '',
    email: '',
    password: '',
    color: randomColor(),
  }))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [error, setError] = useState<{ message: string; emailTaken: boolean } | null>(null)
  const [pending, setPending] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const problems = checkAccount(account)
    setErrors(problems)
    if (Object.keys(problems).length > 0) return
    setPending(true)
    setError(null)
    try {
      await onSubmit({ ...account, name: account.name.trim(), email: account.email.trim() })
    } catch (caught) {
      const emailTaken = caught instanceof ApiRequestError && caught.code === 'email_taken'
      setError({
        message: emailTaken
          ? 'An account with this email already exists. Sign in with it, and you’ll come back here to accept.'
          : errorMessage(caught),
        emailTaken,
      })
      setPending(false)
    }
  }

  return (
    <form className="auth-form" onSubmit={submit} noValidate data-testid="invite-signup">
      <h2 className="auth-form__heading">Create your account to join</h2>
      <AccountFields value={account} onChange={setAccount} errors={errors} />
      {error && (
        <div
          className="form-error form-error--block"
          role="alert"
          ref={revealOnMount}
          data-testid="invite-error"
        >
          <p>{error.message}</p>
          {error.emailTaken && (
            <button type="button" className="button button--secondary" onClick={signInAndComeBack}>
              Sign in
            </button>
          )}
        </div>
      )}
      <button
        type="submit"
        className="button button--primary button--block"
        data-testid="invite-signup-submit"
        disabled={pending}
      >
        {pending ? 'Creating your account…' : 'Create account and join'}
      </button>
      <p className="auth-card__footnote">
        <button type="button" className="link-button" data-testid="invite-signin" onClick={signInAndComeBack}>
          I already have an account — sign in
        </button>
      </p>
    </form>
  )
}
