/**
 * The per-annotator drill-down on the results page (owners and leads): pick an annotator who submitted on the
 * shown version and see every answer beside gold, with the rationale they gave, grouped by guideline section.
 */
import { useState } from 'react'
import type { AnnotatorDrilldown as Drilldown } from '../../shared/schema/drilldown'
import { getDrilldown } from '../api/goldAudit'
import { Link } from '../app/Link'
import { projectPath } from '../app/router'
import { useResource } from '../ui/useResource'
import '../styles/goldAudit.css'

const pct = (v: number) => `${Math.round(v * 100)} %`

function Sections({ projectId, drill }: { projectId: string; drill: Drilldown }) {
  if (!drill.attempt)
    return (
      <p className="muted">
        {drill.name} has not submitted an attempt on v{drill.version}.
      </p>
    )
  const { attempt } = drill
  return (
    <div data-testid="drilldown">
      <p className="drill-head">
        <strong>{drill.name}</strong> scored <strong>{pct(attempt.score)}</strong> on v{drill.version} —{' '}
        <span className={attempt.passed ? 'pill pill--ok' : 'pill pill--miss'}>
          {attempt.passed ? 'passed' : 'failed'}
        </span>
        {attempt.original && (
          <span className="muted" data-testid="drilldown-rescored">
            {' '}
            · re-scored after a gold fix (originally {pct(attempt.original.score)},{' '}
            {attempt.original.passed ? 'passed' : 'failed'})
          </span>
        )}
      </p>
      {drill.sections.map((section) => (
        <section key={section.sectionId ?? 'none'} className="drill-section" data-testid="drilldown-section">
          <h3>
            {section.sectionId ? (
              <Link href={`${projectPath(projectId)}#${encodeURIComponent(section.sectionId)}`}>
                {section.title}
              </Link>
            ) : (
              section.title
            )}{' '}
            <span className="muted">
              {section.agreed} of {section.total} agree with gold
            </span>
          </h3>
          <table className="data-table drill-table">
            <thead>
              <tr>
                <th>Example</th>
                <th>Criterion</th>
                <th>Answer</th>
                <th>Gold</th>
                <th>Rationale given</th>
              </tr>
            </thead>
            <tbody>
              {section.examples.flatMap((example) =>
                example.answers.map((a, i) => (
                  <tr
                    key={`${example.exampleId}/${a.slotKey ?? a.criterionId}`}
                    data-testid="drilldown-answer"
                    data-agrees={String(a.agrees)}
                  >
                    <td>{i === 0 ? example.title : ''}</td>
                    <td>{a.criterionTitle}</td>
                    <td>
                      <span className={a.agrees ? 'verdict--ok' : 'drill-miss'}>{a.agrees ? '✓' : '✗'}</span>{' '}
                      {a.answer ?? <span className="muted">no answer</span>}
                      {a.closeness && (
                        <span className="stat__ci" data-testid="drilldown-closeness">
                          {a.closeness}
                        </span>
                      )}
                    </td>
                    <td>{a.gold.join(' or ')}</td>
                    <td className="drill-rationale">{a.rationale ?? <span className="muted">—</span>}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  )
}

export function AnnotatorDrilldown({
  projectId,
  version,
  annotators,
}: {
  projectId: string
  version: string
  annotators: { userId: string; name: string }[]
}) {
  const [chosen, setChosen] = useState<string>('')
  const userId = annotators.some((a) => a.userId === chosen) ? chosen : ''
  const { state } = useResource(userId ? `${userId}@${version}` : null, (signal) =>
    getDrilldown(projectId, userId, version, signal),
  )
  if (annotators.length === 0)
    return <p className="muted">Nobody has submitted on v{version} yet; their answers will show here.</p>
  return (
    <div>
      <label className="drill-picker">
        <span className="field-label">Annotator</span>
        <select
          className="select"
          data-testid="drilldown-annotator"
          value={userId}
          onChange={(e) => setChosen(e.target.value)}
        >
          <option value="">Choose an annotator…</option>
          {[...annotators]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((a) => (
              <option key={a.userId} value={a.userId}>
                {a.name}
              </option>
            ))}
        </select>
      </label>
      {!userId ? (
        <p className="muted">Choose an annotator to see every answer beside gold, per guideline section.</p>
      ) : state.status === 'loading' ? (
        <p className="muted" data-testid="drilldown-loading">
          Loading answers…
        </p>
      ) : state.status === 'error' ? (
        <p className="form-error" data-testid="drilldown-error">
          {state.message}
        </p>
      ) : (
        <Sections projectId={projectId} drill={state.value} />
      )}
    </div>
  )
}
