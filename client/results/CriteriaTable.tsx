/** Agreement statistics per criterion: with gold (exact, within tolerance, Cohen's kappa) and between annotators. */
import type { DashboardData } from '../api/calibration'
import { StatCell } from './StatCell'

export function CriteriaTable({ criteria }: { criteria: DashboardData['criteria'] }) {
  return (
    <table className="data-table stats-table" data-testid="criteria-table">
      <thead>
        <tr>
          <th rowSpan={2}>Criterion</th>
          <th colSpan={2}>Agreement with gold</th>
          <th colSpan={3} title="Annotator vs gold, pooled over all answers">
            Cohen's κ (vs gold)
          </th>
          <th colSpan={2}>Between annotators</th>
        </tr>
        <tr>
          <th>Exact</th>
          <th>Within tolerance</th>
          <th>Unweighted</th>
          <th>Linear</th>
          <th>Quadratic</th>
          <th>Krippendorff's α</th>
          <th>Fleiss' κ</th>
        </tr>
      </thead>
      <tbody>
        {criteria.map((c) => (
          <tr key={c.criterionId} data-testid="criterion-row">
            <td>
              {c.title} <span className="muted">({c.kind})</span>
            </td>
            <StatCell stat={c.exactAgreement} percent />
            <StatCell stat={c.toleranceAgreement} percent />
            <StatCell stat={c.kappa.unweighted} />
            <StatCell stat={c.kappa.linear} />
            <StatCell stat={c.kappa.quadratic} />
            <StatCell stat={c.alpha} note={c.alphaLevel} />
            <StatCell stat={c.fleiss} />
          </tr>
        ))}
      </tbody>
    </table>
  )
}
