/**
 * Turns an audit-log entry into a sentence a person reads at a glance, e.g. "Olivia Owner changed Lee Lead's
 * role from lead to reviewer". Names of the people an entry is about come from the server when it sends them,
 * else from the current member list.
 */
import { ROLE_LABELS, ROLES, type Role, roleWithArticle } from '../../shared/auth/permissions'
import { AuditAction } from '../../shared/schema/notices'
import type { ClientAuditEntry } from '../api/members'

const roleName = (value: unknown): string =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value)
    ? ROLE_LABELS[value as Role].toLowerCase()
    : 'an unknown role'

const withArticle = (value: unknown): string =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value)
    ? roleWithArticle(value as Role)
    : 'an unknown role'

const versionText = (value: unknown): string => (typeof value === 'string' ? value : '(unknown)')

const text = (value: unknown): string => (typeof value === 'string' ? `“${value}”` : 'a new name')

const quoted = (value: unknown, limit = 60): string => {
  const text = typeof value === 'string' ? value : ''
  return `“${text.length > limit ? `${text.slice(0, limit - 1)}…` : text}”`
}

/** "Rita Reviewer's suggestion to replace “x” with “y” (Accuracy · description)". */
function suggestionText(details: Record<string, unknown>): string {
  const author = details.author as { name?: unknown } | undefined
  const who = typeof author?.name === 'string' ? `${author.name}’s` : 'a'
  const original = typeof details.original === 'string' ? details.original : ''
  const replacement = typeof details.replacement === 'string' ? details.replacement : ''
  const change =
    !original && !replacement
      ? ''
      : !original
        ? `insert ${quoted(replacement)}`
        : !replacement
          ? `delete ${quoted(original)}`
          : `replace ${quoted(original)} with ${quoted(replacement)}`
  const where = typeof details.label === 'string' && details.label ? ` (${details.label})` : ''
  return `${who} suggestion${change ? ` to ${change}` : ''}${where}`
}

export function auditSentence(entry: ClientAuditEntry, namesById: ReadonlyMap<string, string>): string {
  const { actor, details } = entry
  const userId = typeof details.userId === 'string' ? details.userId : null
  const subject = entry.subject ?? (userId ? namesById.get(userId) : undefined) ?? 'a former member'
  switch (entry.action) {
    case 'project.created':
      return `${actor} created the project ${text(details.name)}`
    case 'project.renamed':
      return `${actor} renamed the project from ${text(details.from)} to ${text(details.to)}`
    case 'invite.created':
      return `${actor} created an invite link for ${withArticle(details.role)}`
    case 'invite.revoked':
      return `${actor} withdrew an invite link`
    case 'member.joined':
      return `${actor} joined as ${withArticle(details.role)}`
    case 'member.role_changed':
      if (subject === actor) {
        return `${actor} changed their own role from ${roleName(details.from)} to ${roleName(details.to)}`
      }
      return `${actor} changed ${subject}’s role from ${roleName(details.from)} to ${roleName(details.to)}`
    case 'member.removed':
      return `${actor} removed ${subject} (${roleName(details.role)}) from the project`
    case AuditAction.published:
      return `${actor} published version ${versionText(details.version)}`
    case AuditAction.restored:
      return `${actor} restored version ${versionText(details.version)} into the draft`
    case 'suggestion.accepted':
    case 'suggestion.rejected':
      return `${actor} ${entry.action === 'suggestion.accepted' ? 'accepted' : 'rejected'} ${suggestionText(details)}`
    case 'webhook.created':
      return `${actor} added the webhook endpoint ${text(details.url)}`
    case 'webhook.changed':
      return `${actor} changed a webhook endpoint`
    case 'webhook.deleted':
      return `${actor} deleted a webhook endpoint`
    case 'webhook.secret_rotated':
      return `${actor} rotated a webhook endpoint’s secret`
    case 'webhook.redelivered':
      return `${actor} redelivered a webhook event`
    default:
      return `${actor}: ${entry.action.replace(/[._]/g, ' ')}`
  }
}
