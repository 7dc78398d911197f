/**
 * The figures of the criteria whose answers are sets, beneath the criteria table: per-label kappa for
 * multiLabel criteria (a small table: Cohen's κ vs gold and Fleiss' κ between annotators, each label as
 * yes/no), mean span F1 vs gold and between annotators for span criteria, and Krippendorff's α over steps with
 * the first-wrong-step exact share for step-verdict criteria. Nothing is shown when no criterion has them.
 */
import type { DashboardData } from '../api/dashboard'
import { StatCell } from './StatCell'

type Criterion = DashboardData['criteria'][number]

export function KindFigures({ criteria }: { criteria: DashboardData['criteria'] }) {
  const shown = criteria.filter((c) => c.scored && (c.perLabel || c.spanF1 || c.steps))
  if (shown.length === 0) return null
  return (
    <div data-testid="kind-figures">
      {shown.map((c) => (
        <section key={c.criterionId} className="table-scroll" data-testid="kind-figure">
          <h4>
            {c.title} <span className="muted">({c.kind})</span>
          </h4>
          <Figures criterion={c} />
        </section>
      ))}
    </div>
  )
}

function Figures({ criterion: c }: { criterion: Criterion }) {
  if (c.perLabel)
    return (
      <table className="data-table stats-table" data-testid="per-label-kappa">
        <thead>
          <tr>
            <th>Label (yes / no)</th>
            <th title="Annotator vs gold">Cohen's κ vs gold</th>
            <th>Fleiss' κ between annotators</th>
          </tr>
        </thead>
        <tbody>
          {c.perLabel.map((row) => (
            <tr key={row.label}>
              <td>{row.label}</td>
              <StatCell estimate={row.kappa} />
              <StatCell estimate={row.fleiss} />
            </tr>
          ))}
        </tbody>
      </table>
    )
  if (c.spanF1)
    return (
      <table className="data-table stats-table" data-testid="span-f1">
        <thead>
          <tr>
            <th title="Mean span F1 of each answer against its best accepted gold set">Span F1 vs gold</th>
            <th title="Mean span F1 over every pair of annotators on the same example">
              Span F1 between annotators
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <StatCell estimate={c.spanF1.vsGold} />
            <StatCell estimate={c.spanF1.betweenAnnotators} />
          </tr>
        </tbody>
      </table>
    )
  if (c.steps)
    return (
      <table className="data-table stats-table" data-testid="step-figures">
        <thead>
          <tr>
            <th title="Over (example, step) units across annotators">Krippendorff's α over step verdicts</th>
            <th title="Answers naming the same first wrong step as gold">First wrong step = gold</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <StatCell estimate={c.steps.alpha} note="nominal" />
            <StatCell estimate={c.steps.firstWrongExact} percent />
          </tr>
        </tbody>
      </table>
    )
  return null
}
