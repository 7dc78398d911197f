/**
 * The fields of a new account — name, email, password and colour — shared by first-run setup and invite
 * sign-up, with the checks the server would make anyway done first so mistakes show next to their field.
 */
import { useId } from 'react'
import { MIN_PASSWORD_LENGTH } from '../../shared/schema/auth'
import { unsafeCharacterMessage } from '../../shared/schema/safeText'
import type { NewAccount } from '../api/auth'
import { ColorSwatches } from '../ui/ColorSwatches'

export type FieldErrors = Partial<Record<keyof NewAccount, string>>

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Problems a person can fix before the form is sent; the server still has the last word. */
export function checkAccount(account: NewAccount): FieldErrors {
  const errors: FieldErrors = {}
  const unsafeName = unsafeCharacterMessage(account.name.trim())
  if (!account.name.trim()) errors.name = 'Enter your name — co-editors see it next to your cursor.'
  else if (unsafeName) errors.name = `Your name ${unsafeName}.`
  if (!EMAIL.test(account.email.trim())) errors.email = 'Enter a valid email address.'
  if (account.password.length < MIN_PASSWORD_LENGTH)
    errors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`
  return errors
}

interface AccountFieldsProps {
  value: NewAccount
  onChange: (value: NewAccount) => void
  errors: FieldErrors
}

export function AccountFields({ value, onChange, errors }: AccountFieldsProps) {
  const id = useId()
  const field = (key: keyof NewAccount) => ({
    id: `${id}-${key}`,
    value: value[key],
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': `${id}-${key}-note`,
    onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
      onChange({ ...value, [key]: event.target.value }),
  })
  const note = (key: keyof NewAccount, hint?: string) =>
    errors[key] ? (
      <p id={`${id}-${key}-note`} className="form-error" data-testid={`${key}-error`}>
        {errors[key]}
      </p>
    ) : hint ? (
      <p id={`${id}-${key}-note`} className="field-hint">
        {hint}
      </p>
    ) : null

  return (
    <>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-name`}>
          Your name
        </label>
        <input
          className="text-input"
          data-testid="account-name"
          autoComplete="name"
          maxLength={80}
          {...field('name')}
        />
        {note('name', 'Shown to co-editors next to your cursor.')}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-email`}>
          Email
        </label>
        <input
          className="text-input"
          data-testid="account-email"
          type="email"
          autoComplete="email"
          {...field('email')}
        />
        {note('email')}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-password`}>
          Password
        </label>
        <input
          className="text-input"
          data-testid="account-password"
          type="password"
          autoComplete="new-password"
          {...field('password')}
        />
        {note('password', `At least ${MIN_PASSWORD_LENGTH} characters; very common passwords are refused.`)}
      </div>
      <ColorSwatches
        name={`${id}-color`}
        legend="Your colour (avatar and cursor)"
        value={value.color}
        onChange={(color) => onChange({ ...value, color })}
      />
    </>
  )
}
