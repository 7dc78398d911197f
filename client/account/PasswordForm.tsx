/** Change your password: the current one, then the new one twice. */
import { type FormEvent, useId, useState } from 'react'
import { MIN_PASSWORD_LENGTH } from '../../shared/schema/auth'
import { changePassword } from '../api/auth'
import { errorMessage } from '../api/http'

export function PasswordForm() {
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [repeat, setRepeat] = useState('')
  const [pending, setPending] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const id = useId()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (next.length < MIN_PASSWORD_LENGTH) {
      setMessage({ ok: false, text: `The new password needs at least ${MIN_PASSWORD_LENGTH} characters.` })
      return
    }
    if (next !== repeat) {
      setMessage({ ok: false, text: 'The two new passwords are not the same.' })
      return
    }
    setPending(true)
    setMessage(null)
    try {
      await changePassword(current, next)
      setCurrent('')
      setNext('')
      setRepeat('')
      setMessage({ ok: true, text: 'Password changed.' })
    } catch (caught) {
      setMessage({ ok: false, text: errorMessage(caught) })
    } finally {
      setPending(false)
    }
  }

  const input = (
    key: string,
    label: string,
    value: string,
    set: (v: string) => void,
    autoComplete: string,
  ) => (
    <div className="field">
      <label className="field-label" htmlFor={`${id}-${key}`}>
        {label}
      </label>
      <input
        id={`${id}-${key}`}
        className="text-input"
        data-testid={`password-${key}`}
        type="password"
        autoComplete={autoComplete}
        value={value}
        onChange={(event) => set(event.target.value)}
      />
    </div>
  )

  return (
    <form className="account-form" onSubmit={submit} data-testid="password-form" noValidate>
      {input('current', 'Current password', current, setCurrent, 'current-password')}
      {input('new', 'New password', next, setNext, 'new-password')}
      {input('repeat', 'New password again', repeat, setRepeat, 'new-password')}
      {message && (
        <p
          className={message.ok ? 'form-success' : 'form-error'}
          role={message.ok ? 'status' : 'alert'}
          data-testid="password-message"
        >
          {message.text}
        </p>
      )}
      <div>
        <button
          type="submit"
          className="button button--secondary"
          data-testid="password-save"
          disabled={pending || !current || !next}
        >
          {pending ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  )
}
