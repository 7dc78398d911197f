/** Every annotator of the project with their latest score on the shown version, pass/fail, and calibration status. */

import type { Member } from '../../shared/schema/auth'
import type { AnnotatorStatus } from '../../shared/schema/calibration'
import type { DashboardData } from '../api/dashboard'
import { formatRelativeTime } from '../ui/formatTime'

const STATUS_TEXT: Record<AnnotatorStatus['status'], string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  passed: 'Passed',
  passed_not_blind: 'Passed, not blind',
  failed: 'Failed',
  stale: 'Stale — needs re-calibration',
}

export function AnnotatorsTable({
  people,
  analytics,
}: {
  people: { member: Member; status: AnnotatorStatus | null }[]
  analytics: DashboardData
}) {
  if (people.length === 0)
    return <p className="muted">No annotators yet. Invite some from the Members page.</p>
  const scores = new Map(analytics.annotators.map((a) => [a.userId, a]))
  return (
    <table className="data-table" data-testid="annotators-table">
      <thead>
        <tr>
          <th>Annotator</th>
          <th>Score (v{analytics.version})</th>
          <th>Result</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {people.map(({ member, status }) => {
          const a = scores.get(member.userId)
          return (
            <tr key={member.userId} data-testid="annotator-row" data-name={member.name}>
              <td>{member.name}</td>
              <td>
                <span data-testid="annotator-score">{a ? `${Math.round(a.score * 100)}%` : '—'}</span>
                {a && (
                  <span className="stat__ci">
                    on {a.items} item{a.items === 1 ? '' : 's'}
                  </span>
                )}
              </td>
              <td>
                {a ? (
                  <span className={a.passed ? 'pill pill--ok' : 'pill pill--miss'}>
                    {a.passed ? 'Pass' : 'Fail'}
                  </span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                {status ? (
                  <span
                    className={`calibration-badge calibration-badge--${status.status}`}
                    title={status.at ? formatRelativeTime(status.at) : undefined}
                  >
                    {STATUS_TEXT[status.status]}
                  </span>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
