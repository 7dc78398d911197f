/** Examples ranked by miss rate (with its 95 % interval), the most common wrong answers in full, and how many disputes each drew. */
import type { DashboardData } from '../api/dashboard'
import { formatInterval } from './formatStat'

export function ExamplesTable({
  examples,
  disputesByExample,
}: {
  examples: DashboardData['examples']
  disputesByExample: Record<string, number>
}) {
  const sorted = [...examples].sort((a, b) => (b.missRate ?? -1) - (a.missRate ?? -1))
  return (
    <table className="data-table" data-testid="examples-table">
      <thead>
        <tr>
          <th>Example</th>
          <th>Miss rate</th>
          <th>Most common wrong answers</th>
          <th>Disputes</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((e) => (
          <tr key={e.exampleId} data-testid="example-row">
            <td>{e.title}</td>
            <td>
              {e.missRate === null ? (
                <span className="muted">no answers yet</span>
              ) : (
                <>
                  {`${Math.round(e.missRate * 100)}%`}{' '}
                  <span className="muted">
                    ({e.misses}/{e.answers})
                  </span>
                  {e.missRateCi && <span className="stat__ci">95% CI {formatInterval(e.missRateCi)}</span>}
                </>
              )}
            </td>
            <td>
              {e.commonWrongAnswers.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                <ul className="wrong-answers">
                  {e.commonWrongAnswers.slice(0, 3).map((w) => (
                    // The title tells the slots (A and B) of one criterion apart.
                    <li key={`${w.criterionId}:${w.criterionTitle}:${w.answer}`}>
                      {w.criterionTitle}: <strong>{w.answer}</strong> ×{w.count}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>{disputesByExample[e.exampleId] ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
