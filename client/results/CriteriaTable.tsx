/**
 * Agreement per criterion, with n and a 95 % interval in every cell: with gold (exact; within the scoring
 * tolerance, labelled with it; Cohen's kappa on the answers as given, and for pairwise-with-strength also over
 * the side only) and between annotators (Krippendorff's alpha, Fleiss' kappa). "not scored" where no gold exists.
 * Label sets, spans and step verdicts add their own figures beneath (KindFigures).
 */
import type { DashboardData } from '../api/dashboard'
import { KindFigures } from './KindFigures'
import { StatCell } from './StatCell'

export function CriteriaTable({ criteria }: { criteria: DashboardData['criteria'] }) {
  const anySide = criteria.some((c) => c.sideKappa !== null)
  return (
    <>
      <table className="data-table stats-table" data-testid="criteria-table">
        <thead>
          <tr>
            <th rowSpan={2}>
              Criterion
              <span className="stat__ci">under each value: [95% CI], n</span>
            </th>
            <th colSpan={2}>Agreement with gold</th>
            <th
              colSpan={anySide ? 4 : 3}
              title="Annotator vs gold, over the answers as given (tolerance does not apply)"
            >
              Cohen's κ vs gold (answers as given)
            </th>
            <th colSpan={2}>Between annotators</th>
          </tr>
          <tr>
            <th title="The answer equals an accepted gold value">Exact</th>
            <th title="What scoring counts as agreeing: within the criterion's tolerance">
              Within tolerance (as scored)
            </th>
            <th>Unweighted</th>
            <th>Linear</th>
            <th>Quadratic</th>
            {anySide && <th title="Pairwise with strength: kappa over the chosen side only">Side only</th>}
            <th>Krippendorff's α</th>
            <th>Fleiss' κ</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((c) => (
            <tr key={c.criterionId} data-testid="criterion-row" data-scored={c.scored}>
              <td>
                {c.title} <span className="muted">({c.kind})</span>
                <span className="stat__ci" data-testid="criterion-sample">
                  {c.scored
                    ? `${c.annotators} annotator${c.annotators === 1 ? '' : 's'} × ${c.items} item${c.items === 1 ? '' : 's'} · κ over ${c.categories}`
                    : 'not scored: no example has gold for it'}
                </span>
              </td>
              <StatCell estimate={c.exactAgreement} percent />
              {c.toleranceAgreement ? (
                <StatCell estimate={c.toleranceAgreement} percent note={c.tolerance ?? undefined} />
              ) : (
                <td className="stat stat--na" title="Scoring needs an exact match for this criterion">
                  = exact
                </td>
              )}
              <StatCell estimate={c.kappa.unweighted} />
              <StatCell estimate={c.kappa.linear} />
              <StatCell estimate={c.kappa.quadratic} />
              {anySide && <StatCell estimate={c.sideKappa} />}
              <StatCell estimate={c.alpha} note={c.alphaLevel} />
              <StatCell estimate={c.fleiss} />
            </tr>
          ))}
        </tbody>
      </table>
      <KindFigures criteria={criteria} />
    </>
  )
}
