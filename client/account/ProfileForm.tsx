/** Your name and colour, as co-editors see them next to your cursor and in member lists. */
import { type FormEvent, useId, useState } from 'react'
import type { User } from '../../shared/schema/auth'
import { unsafeCharacterMessage } from '../../shared/schema/safeText'
import { updateAccount } from '../api/auth'
import { errorMessage } from '../api/http'
import { setSignedIn } from '../auth/session'
import { Avatar } from '../ui/Avatar'
import { ColorSwatches } from '../ui/ColorSwatches'

export function ProfileForm({ user }: { user: User }) {
  const [name, setName] = useState(user.name)
  const [color, setColor] = useState(user.color)
  const [pending, setPending] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const id = useId()
  const changed = name.trim() !== user.name || color !== user.color
  const unsafe = unsafeCharacterMessage(name.trim())

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) {
      setMessage({ ok: false, text: 'Your name must not be empty.' })
      return
    }
    setPending(true)
    setMessage(null)
    try {
      setSignedIn(await updateAccount({ name: name.trim(), color }))
      setMessage({ ok: true, text: 'Saved. Editors you open from now on show the new name and colour.' })
    } catch (caught) {
      setMessage({ ok: false, text: errorMessage(caught) })
    } finally {
      setPending(false)
    }
  }

  return (
    <form className="account-form" onSubmit={submit} data-testid="profile-form">
      <div className="profile-preview">
        <Avatar name={name.trim() || user.name} color={color} size="large" />
        <div>
          <strong>{name.trim() || user.name}</strong>
          <p className="muted">{user.email}</p>
        </div>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-name`}>
          Name
        </label>
        <input
          id={`${id}-name`}
          className="text-input"
          data-testid="profile-name"
          maxLength={80}
          autoComplete="name"
          aria-invalid={unsafe ? true : undefined}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      {unsafe && (
        <p className="form-error" role="alert" data-testid="profile-name-error">
          Your name {unsafe}.
        </p>
      )}
      <ColorSwatches
        name={`${id}-color`}
        legend="Colour (avatar and cursor)"
        value={color}
        onChange={setColor}
      />
      {message && (
        <p
          className={message.ok ? 'form-success' : 'form-error'}
          role={message.ok ? 'status' : 'alert'}
          data-testid="profile-message"
        >
          {message.text}
        </p>
      )}
      <div>
        <button
          type="submit"
          className="button button--primary"
          data-testid="profile-save"
          disabled={pending || !changed || Boolean(unsafe)}
        >
          {pending ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  )
}
