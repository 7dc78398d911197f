/**
 * Creates an invite link for a role (limited to what your role may hand out), an expiry and an optional note
 * of who it is for (a name or email: nothing is sent, it tells links apart in the list), then shows the link
 * exactly once with a Copy button: the server never shows it again.
 */
import { type FormEvent, useId, useState } from 'react'
import { invitableRoles, ROLE_LABELS, type Role, roleWithArticle } from '../../shared/auth/permissions'
import { type CreatedInvite, INVITE_NOTE_MAX } from '../../shared/schema/auth'
import { errorMessage } from '../api/http'
import { CopyField } from '../ui/CopyField'
import { ROLE_DESCRIPTIONS } from '../ui/RoleBadge'

const EXPIRY_CHOICES = [
  { hours: 24, label: '1 day' },
  { hours: 72, label: '3 days' },
  { hours: 168, label: '7 days' },
  { hours: 720, label: '30 days' },
] as const

interface InviteCreatorProps {
  role: Role
  onCreate: (role: Role, expiresInHours: number, note: string) => Promise<CreatedInvite>
}

export function InviteCreator({ role: myRole, onCreate }: InviteCreatorProps) {
  const roles = invitableRoles(myRole)
  const [role, setRole] = useState<Role>(
    roles.includes('annotator') ? 'annotator' : (roles[0] ?? 'annotator'),
  )
  const [hours, setHours] = useState(168)
  const [note, setNote] = useState('')
  const noteTooLong = note.trim().length > INVITE_NOTE_MAX
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [created, setCreated] = useState<CreatedInvite | null>(null)
  const id = useId()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (noteTooLong) return
    setPending(true)
    setError(null)
    try {
      setCreated(await onCreate(role, hours, note.trim()))
      setNote('')
    } catch (caught) {
      setError(errorMessage(caught))
    } finally {
      setPending(false)
    }
  }

  return (
    <div className="invite-creator">
      <form className="invite-creator__form" onSubmit={submit}>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-role`}>
            Role
          </label>
          <select
            id={`${id}-role`}
            className="select"
            data-testid="invite-role-select"
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
          >
            {roles.map((choice) => (
              <option key={choice} value={choice}>
                {ROLE_LABELS[choice]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-expiry`}>
            Link expires after
          </label>
          <select
            id={`${id}-expiry`}
            className="select"
            data-testid="invite-expiry-select"
            value={hours}
            onChange={(event) => setHours(Number(event.target.value))}
          >
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.hours} value={choice.hours}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field invite-creator__note">
          <label className="field-label" htmlFor={`${id}-note`}>
            For (optional)
          </label>
          <input
            id={`${id}-note`}
            className="text-input"
            data-testid="invite-note"
            placeholder="Name or email"
            value={note}
            aria-invalid={noteTooLong}
            aria-describedby={noteTooLong ? `${id}-note-error` : undefined}
            onChange={(event) => setNote(event.target.value)}
          />
        </div>
        <button
          type="submit"
          className="button button--primary"
          data-testid="invite-create"
          disabled={pending || noteTooLong}
        >
          {pending ? 'Creating…' : 'Create invite link'}
        </button>
      </form>
      {noteTooLong && (
        <p className="form-error" id={`${id}-note-error`} data-testid="invite-note-error">
          The note is {note.trim().length} characters; keep it to {INVITE_NOTE_MAX}.
        </p>
      )}
      <p className="field-hint">
        {ROLE_LABELS[role]}: {ROLE_DESCRIPTIONS[role]}
      </p>
      {error && (
        <p className="form-error" role="alert" data-testid="invite-create-error">
          {error}
        </p>
      )}
      {created && (
        <div className="invite-created" data-testid="invite-created" role="status">
          <p className="invite-created__title">
            Invite link for {created.note || roleWithArticle(created.role)}
            {created.note ? ` (${ROLE_LABELS[created.role].toLowerCase()})` : ''} — copy it now
          </p>
          <CopyField value={created.url} testId="invite-url" label="Invite link" />
          <p className="field-hint">
            It works once, for one person, and is shown only now. Send it privately (chat or email). Need
            another? Create a new link.
          </p>
        </div>
      )}
    </div>
  )
}
