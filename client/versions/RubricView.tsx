/** A published rubric read-only: each criterion with its kind, weight, description and levels or labels. */
import type { Criterion, Rubric } from '../../shared/schema/rubric'

const KIND_LABELS: Record<Criterion['kind'], string> = {
  binary: 'Yes / no',
  ordinal: 'Scale',
  points: 'Points',
  pairwise: 'A / B comparison',
  label: 'Label',
}

function CriterionDetails({ criterion }: { criterion: Criterion }) {
  switch (criterion.kind) {
    case 'ordinal':
      return (
        <>
          <ol className="rubric-levels">
            {[...criterion.levels]
              .sort((a, b) => b.value - a.value)
              .map((level) => (
                <li key={level.value}>
                  <span className="rubric-levels__value">{level.value}</span>
                  <span>
                    {level.label && <strong>{level.label}. </strong>}
                    {level.descriptor}
                  </span>
                </li>
              ))}
          </ol>
          {criterion.tolerance > 0 && (
            <p className="muted">Answers within ±{criterion.tolerance} of gold count as agreement.</p>
          )}
        </>
      )
    case 'label':
      return (
        <ul className="rubric-labels">
          {criterion.labels.map((label) => (
            <li key={label.value}>
              <strong>{label.value}</strong>
              {criterion.passingLabels.includes(label.value) && <span className="rubric-tag">passes</span>}
              {label.description && <> — {label.description}</>}
            </li>
          ))}
        </ul>
      )
    case 'points':
      return (
        <p className="muted">
          {criterion.points >= 0 ? '+' : ''}
          {criterion.points} points when met.
        </p>
      )
    case 'pairwise':
      return (
        <p className="muted">
          Choose A or B{criterion.allowTie ? ' (or a tie)' : ''}
          {criterion.strengthRequired ? ', and say by how much' : ''}.
        </p>
      )
    case 'binary':
      return null
  }
}

export function RubricView({ rubric }: { rubric: Rubric }) {
  return (
    <section className="version-section" data-testid="version-rubric" aria-labelledby="rubric-title">
      <h2 id="rubric-title">{rubric.title || 'Rubric'}</h2>
      {rubric.instructions && <p className="version-section__intro">{rubric.instructions}</p>}
      <p className="muted">
        Pass threshold: {Math.round(rubric.passThreshold * 100)} % of the weighted score.
      </p>
      {rubric.criteria.length === 0 ? (
        <p className="section-empty">This version has no criteria.</p>
      ) : (
        <ol className="rubric-criteria">
          {rubric.criteria.map((criterion) => (
            <li key={criterion.id} className="rubric-criterion" data-testid="version-criterion">
              <div className="rubric-criterion__head">
                <h3>{criterion.title}</h3>
                <span className="rubric-tag">{KIND_LABELS[criterion.kind]}</span>
                {criterion.weight !== 1 && <span className="rubric-tag">weight {criterion.weight}</span>}
                {criterion.rationaleRequired && <span className="rubric-tag">rationale required</span>}
                {criterion.tags.map((tag) => (
                  <span key={tag} className="rubric-tag rubric-tag--muted">
                    {tag}
                  </span>
                ))}
              </div>
              {criterion.description && <p>{criterion.description}</p>}
              <CriterionDetails criterion={criterion} />
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
