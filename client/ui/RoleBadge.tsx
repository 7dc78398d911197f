/** A small label with a member's role in a project, and one-line descriptions of what each role may do. */
import { ROLE_LABELS, type Role } from '../../shared/auth/permissions'

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Manages members and invites, and edits the draft guideline.',
  lead: 'Edits the draft guideline and invites reviewers and annotators.',
  reviewer: 'Reads the draft guideline and comments on it.',
  annotator: 'Reads published guideline versions and takes calibration.',
}

export function RoleBadge({ role, testId = 'role-badge' }: { role: Role; testId?: string }) {
  return (
    <span
      className={`role-badge role-badge--${role}`}
      data-testid={testId}
      data-role={role}
      title={ROLE_DESCRIPTIONS[role]}
    >
      {ROLE_LABELS[role]}
    </span>
  )
}
