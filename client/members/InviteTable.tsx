/** The project's invite links — role, who made each, status and expiry — with Withdraw for links still valid. */
import { useState } from 'react'
import { ROLE_LABELS } from '../../shared/auth/permissions'
import type { Invite } from '../../shared/schema/auth'
import { errorMessage } from '../api/http'
import { formatFullTime, formatRelativeTime } from '../ui/formatTime'

const STATUS_LABELS: Record<Invite['status'], string> = {
  valid: 'Waiting to be used',
  used: 'Used',
  expired: 'Expired',
  revoked: 'Withdrawn',
}

interface InviteTableProps {
  invites: Invite[]
  namesById: ReadonlyMap<string, string>
  onWithdraw: (invite: Invite) => Promise<void>
}

function InviteRow({
  invite,
  namesById,
  onWithdraw,
}: Omit<InviteTableProps, 'invites'> & { invite: Invite }) {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const withdraw = async () => {
    setPending(true)
    setError(null)
    try {
      await onWithdraw(invite)
    } catch (caught) {
      setError(errorMessage(caught))
      setPending(false)
    }
  }
  const when =
    invite.status === 'valid'
      ? `expires ${formatRelativeTime(invite.expiresAt)}`
      : `created ${formatRelativeTime(invite.createdAt)}`
  return (
    <li
      className="invite-row"
      data-testid="invite-row"
      data-status={invite.status}
      data-invite-id={invite.id}
    >
      <span className="invite-row__role">{ROLE_LABELS[invite.role]}</span>
      <span className="invite-row__meta muted">
        {invite.note && (
          <span className="invite-row__note" data-testid="invite-note-text">
            for {invite.note} ·{' '}
          </span>
        )}
        by {namesById.get(invite.createdBy) ?? 'a former member'} ·{' '}
        <span title={formatFullTime(invite.status === 'valid' ? invite.expiresAt : invite.createdAt)}>
          {when}
        </span>
      </span>
      <span className={`invite-status invite-status--${invite.status}`} data-testid="invite-status">
        {STATUS_LABELS[invite.status]}
      </span>
      <span className="invite-row__actions">
        {invite.status === 'valid' && (
          <button
            type="button"
            className="button button--ghost button--danger-text"
            data-testid="invite-withdraw"
            disabled={pending}
            onClick={() => void withdraw()}
          >
            {pending ? 'Withdrawing…' : 'Withdraw'}
          </button>
        )}
      </span>
      {error && (
        <span className="form-error invite-row__error" role="alert">
          {error}
        </span>
      )}
    </li>
  )
}

export function InviteTable(props: InviteTableProps) {
  if (props.invites.length === 0) {
    return (
      <p className="section-empty" data-testid="invites-empty">
        No invite links yet. Links you create appear here so you can see which were used and withdraw the
        rest.
      </p>
    )
  }
  const order = { valid: 0, used: 1, expired: 2, revoked: 3 }
  const sorted = [...props.invites].sort(
    (a, b) => order[a.status] - order[b.status] || b.createdAt.localeCompare(a.createdAt),
  )
  return (
    <ul className="invite-list" data-testid="invite-list">
      {sorted.map((invite) => (
        <InviteRow
          key={invite.id}
          invite={invite}
          namesById={props.namesById}
          onWithdraw={props.onWithdraw}
        />
      ))}
    </ul>
  )
}
