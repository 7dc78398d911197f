/** Examples ranked by miss rate, with the most common wrong answers and how many disputes each drew. */
import type { DashboardData } from '../api/calibration'

export function ExamplesTable({
  examples,
  disputesByExample,
}: {
  examples: DashboardData['examples']
  disputesByExample: Record<string, number>
}) {
  const sorted = [...examples].sort((a, b) => b.missRate - a.missRate)
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
              {e.answers === 0 ? (
                <span className="muted">no answers</span>
              ) : (
                `${Math.round(e.missRate * 100)}%`
              )}{' '}
              <span className="muted">
                ({e.misses}/{e.answers})
              </span>
            </td>
            <td>
              {e.commonWrongAnswers.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                <ul className="wrong-answers">
                  {e.commonWrongAnswers.slice(0, 3).map((w) => (
                    <li key={`${w.criterionId}:${w.answer}`}>
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
