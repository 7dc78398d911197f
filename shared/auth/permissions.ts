/**
 * Roles and what each may do — the one table both the server's permission check (HTTP and sync) and the
 * client's UI read. The server enforces it; the client only uses it to hide what would be refused.
 */
export const ROLES = ['owner', 'lead', 'reviewer', 'annotator'] as const
export type Role = (typeof ROLES)[number]

export const PERMISSIONS = {
  /** See that the project exists, its name and one's own role. */
  'project.view': ['owner', 'lead', 'reviewer', 'annotator'],
  'project.rename': ['owner', 'lead'],
  /** Open the live draft (read-only for reviewers, at the protocol level). */
  'draft.read': ['owner', 'lead', 'reviewer'],
  'draft.write': ['owner', 'lead'],
  /** Read and write the draft's comment threads (a separate live document; annotators never receive it). */
  'draft.comment': ['owner', 'lead', 'reviewer'],
  'members.view': ['owner', 'lead'],
  /** Change roles and remove members. */
  'members.manage': ['owner'],
  'invites.manage': ['owner', 'lead'],
  'audit.view': ['owner', 'lead'],
  /** Read published versions and the version history. */
  'versions.view': ['owner', 'lead', 'reviewer', 'annotator'],
  'versions.publish': ['owner', 'lead'],
  /** See gold values and rationales in published versions. */
  'versions.gold': ['owner', 'lead'],
  /** Create and revoke the project's read tokens for tools. */
  'tokens.manage': ['owner', 'lead'],
  /** Take calibration on published versions. */
  'calibration.take': ['owner', 'lead', 'reviewer', 'annotator'],
  /** See everyone's attempts, statuses and analytics; resolve disputes; set the retake cool-down. */
  'calibration.manage': ['owner', 'lead'],
  /** Configure webhook endpoints (their secrets), read their delivery log, redeliver. */
  'webhooks.manage': ['owner'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

/** Higher roles can do more; used to keep the higher of two roles. */
export const ROLE_RANK: Record<Role, number> = { owner: 3, lead: 2, reviewer: 1, annotator: 0 }

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role != null && (PERMISSIONS[permission] as readonly Role[]).includes(role)
}

/** Roles a member with `role` may hand out in an invite link. */
export function invitableRoles(role: Role): Role[] {
  if (role === 'owner') return ['lead', 'reviewer', 'annotator']
  if (role === 'lead') return ['reviewer', 'annotator']
  return []
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  lead: 'Lead',
  reviewer: 'Reviewer',
  annotator: 'Annotator',
}

/** A role's name in running text with its article: "an annotator", "a lead", "an owner", "a reviewer". */
export function roleWithArticle(role: Role): string {
  const name = ROLE_LABELS[role].toLowerCase()
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`
}
