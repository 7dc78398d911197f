/**
 * The people in a project: avatar, name, email and role. Owners change roles with a select and remove members
 * after a confirmation; leads see the list read-only.
 */
import { useState } from 'react'
import { ROLE_LABELS, ROLES, type Role } from '../../shared/auth/permissions'
import type { Member } from '../../shared/schema/auth'
import { errorMessage } from '../api/http'
import { Avatar } from '../ui/Avatar'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { RoleBadge } from '../ui/RoleBadge'

interface MemberTableProps {
  members: Member[]
  selfId: string
  canManage: boolean
  projectName: string
  onChangeRole: (member: Member, role: Role) => Promise<void>
  onRemove: (member: Member) => Promise<void>
}

function MemberRow(props: MemberTableProps & { member: Member; onAskRemove: () => void }) {
  const { member, selfId, canManage, onChangeRole, onAskRemove } = props
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const isSelf = member.userId === selfId

  const change = async (role: Role) => {
    setPending(true)
    setError(null)
    try {
      await onChangeRole(member, role)
    } catch (caught) {
      setError(errorMessage(caught))
    } finally {
      setPending(false)
    }
  }

  return (
    <li
      className="member-row"
      data-testid="member-row"
      data-user-id={member.userId}
      data-email={member.email}
    >
      <Avatar name={member.name} color={member.color} />
      <div className="member-row__who">
        <span className="member-row__name">
          {member.name}
          {isSelf && <span className="muted"> (you)</span>}
        </span>
        <span className="member-row__email muted">{member.email}</span>
        {error && (
          <span className="form-error" role="alert" data-testid="member-error">
            {error}
          </span>
        )}
      </div>
      <div className="member-row__role">
        {canManage ? (
          <select
            className="select"
            data-testid="member-role"
            aria-label={`Role of ${member.name}`}
            value={member.role}
            disabled={pending}
            onChange={(event) => void change(event.target.value as Role)}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        ) : (
          <RoleBadge role={member.role} testId="member-role-badge" />
        )}
      </div>
      <div className="member-row__actions">
        {canManage && !isSelf && (
          <button
            type="button"
            className="button button--ghost button--danger-text"
            data-testid="member-remove"
            aria-label={`Remove ${member.name}`}
            onClick={onAskRemove}
          >
            Remove
          </button>
        )}
      </div>
    </li>
  )
}

export function MemberTable(props: MemberTableProps) {
  const [removing, setRemoving] = useState<Member | null>(null)
  const byRole = [...props.members].sort(
    (a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.name.localeCompare(b.name),
  )
  return (
    <>
      <ul className="member-list" data-testid="member-list">
        {byRole.map((member) => (
          <MemberRow key={member.userId} {...props} member={member} onAskRemove={() => setRemoving(member)} />
        ))}
      </ul>
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          confirmLabel="Remove from project"
          onConfirm={() => props.onRemove(removing)}
          onClose={() => setRemoving(null)}
        >
          <p>
            {removing.name} ({removing.email}) loses access to <strong>{props.projectName}</strong> at once,
            including any draft they have open. You can invite them again later.
          </p>
        </ConfirmDialog>
      )}
    </>
  )
}
