/** The project's activity, newest first, as readable sentences with relative times (exact time on hover). */
import type { ClientAuditEntry } from '../api/members'
import { formatFullTime, formatRelativeTime } from '../ui/formatTime'
import { auditSentence } from './auditSentence'

const SHOWN = 50

export function AuditLog({
  entries,
  namesById,
}: {
  entries: ClientAuditEntry[]
  namesById: ReadonlyMap<string, string>
}) {
  if (entries.length === 0) return <p className="section-empty">Nothing has happened yet.</p>
  return (
    <ol className="audit-log" data-testid="audit-log">
      {entries.slice(0, SHOWN).map((entry) => (
        <li key={entry.id} className="audit-entry" data-testid="audit-entry" data-action={entry.action}>
          <span className="audit-entry__text">{auditSentence(entry, namesById)}</span>
          <time className="audit-entry__time muted" dateTime={entry.at} title={formatFullTime(entry.at)}>
            {formatRelativeTime(entry.at)}
          </time>
        </li>
      ))}
    </ol>
  )
}
