/**
 * The gold edit log on the results page (owners and leads): who changed which example's gold in the draft,
 * most recent first, one row per person, example and minute with the value (and rationale) before and
 * after. Titles come from the shown version; an example or criterion it does not have is named by its id.
 */
import { useEffect, useState } from 'react'
import type { GoldEditEntry } from '../../shared/schema/goldEditLog'
import { getGoldEdits } from '../api/goldEdits'
import { errorMessage } from '../api/http'
import { projectPath } from '../app/router'
import { formatFullTime, formatRelativeTime } from '../ui/formatTime'

/** Rows fetched (the API's own limit is higher; this is what the card shows). */
const SHOWN = 100

/** Accepted values as short text: "3 or 4", "yes", "—" for no gold; structured values as JSON. */
export function describeAccepted(values: readonly unknown[] | null): string {
  if (values === null || values.length === 0) return '—'
  const one = (v: unknown) =>
    v === true
      ? 'yes'
      : v === false
        ? 'no'
        : typeof v === 'object' && v !== null
          ? JSON.stringify(v)
          : String(v)
  return values.map(one).join(' or ')
}

/** A rationale in quotes, shortened to one line of about 60 characters; "none" when empty. */
export function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  if (!line) return 'none'
  return `“${line.length > 60 ? `${line.slice(0, 59)}…` : line}”`
}

export function GoldEditLog({
  projectId,
  exampleTitle,
  criterionTitle,
}: {
  projectId: string
  exampleTitle: (id: string) => string | undefined
  criterionTitle: (id: string) => string | undefined
}) {
  const [edits, setEdits] = useState<GoldEditEntry[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const abort = new AbortController()
    getGoldEdits(projectId, SHOWN, abort.signal).then(
      (list) => setEdits(list.edits),
      (e) => abort.signal.aborted || setError(errorMessage(e)),
    )
    return () => abort.abort()
  }, [projectId])

  if (error) return <p className="muted">{error}</p>
  if (edits === null) return <p className="muted">Loading…</p>
  if (edits.length === 0) return <p className="muted">Nobody has changed gold in the draft yet.</p>
  return (
    // Scrolls sideways on its own on a phone, like the page's other wide tables.
    <div className="table-scroll">
      <table className="data-table" data-testid="gold-edit-log">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>Example</th>
            <th>Question</th>
            <th>Gold before → after</th>
          </tr>
        </thead>
        <tbody>
          {edits.flatMap((edit) =>
            edit.changes.map((change, i) => (
              <tr key={`${edit.id}-${change.slot}`} data-testid="gold-edit-row">
                {i === 0 && (
                  <>
                    <td rowSpan={edit.changes.length} title={formatFullTime(edit.lastAt)}>
                      {formatRelativeTime(edit.lastAt)}
                    </td>
                    <td rowSpan={edit.changes.length}>{edit.userName}</td>
                    <td rowSpan={edit.changes.length}>
                      <a href={`${projectPath(projectId)}#${encodeURIComponent(edit.exampleId)}`}>
                        {exampleTitle(edit.exampleId) ?? edit.exampleId}
                      </a>
                    </td>
                  </>
                )}
                <td>
                  {criterionTitle(change.criterionId) ?? change.criterionId}
                  {change.slot !== change.criterionId && ` (response ${change.slot.slice(-1)})`}
                </td>
                <td>
                  {describeAccepted(change.from)} → {describeAccepted(change.to)}
                  {change.rationale && (
                    <div className="muted" title={change.rationale.to}>
                      Rationale: {quote(change.rationale.from)} → {quote(change.rationale.to)}
                    </div>
                  )}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  )
}
