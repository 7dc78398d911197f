/**
 * A published rubric read-only: each criterion with its kind, weight, description and levels, labels,
 * verdicts and thresholds; and the task types (which content each kind of task uses, which criteria apply).
 */
import type { ContentKind, Criterion, Rubric } from '../../shared/schema/rubric'

const KIND_LABELS: Record<Criterion['kind'], string> = {
  binary: 'Yes / no',
  ordinal: 'Scale',
  points: 'Points',
  pairwise: 'A / B comparison',
  label: 'Label',
  multiLabel: 'Labels (any number)',
  span: 'Marked spans',
  stepVerdict: 'Step verdicts',
}

const CONTENT_LABELS: Record<ContentKind, string> = {
  single: 'Prompt and response',
  pairwise: 'Two responses (A / B)',
  free: 'Free item',
  conversation: 'Conversation',
  reasoning: 'Reasoning steps',
  trajectory: 'Agent trajectory',
  media: 'Generated media',
}

const pct = (x: number) => `${Math.round(x * 100)} %`

function LabelList({ labels }: { labels: { value: string; description: string }[] }) {
  return (
    <ul className="rubric-labels">
      {labels.map((label) => (
        <li key={label.value}>
          <strong>{label.value}</strong>
          {label.description && <> — {label.description}</>}
        </li>
      ))}
    </ul>
  )
}

const MODE_TEXT = {
  perStep: 'A verdict for every step',
  firstWrong: 'The first wrong step',
  both: 'A verdict for every step and the first wrong step',
} as const

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
    case 'multiLabel':
      return (
        <>
          <LabelList labels={criterion.labels} />
          <p className="muted">
            Choose every label that applies (or none).{' '}
            {criterion.minJaccard >= 1
              ? 'Only the exact set agrees with gold.'
              : `Agrees with gold at ${pct(criterion.minJaccard)} overlap (Jaccard) or more.`}
          </p>
        </>
      )
    case 'span':
      return (
        <>
          <LabelList labels={criterion.labels} />
          <p className="muted">
            Mark passages in the text with a label. A mark matches gold when it overlaps a gold mark of the
            same label by {pct(criterion.minOverlap)} of the shorter one; an answer agrees at span F1{' '}
            {pct(criterion.minF1)} or more.
          </p>
        </>
      )
    case 'stepVerdict':
      return (
        <>
          <p>
            <strong>{MODE_TEXT[criterion.mode]}</strong>
            {criterion.mode !== 'firstWrong' && <>, from: {criterion.verdicts.join(', ')}</>}.
          </p>
          <p className="muted">
            {criterion.mode !== 'firstWrong' &&
              `Agrees when ${pct(criterion.minStepAgreement)} of the steps match gold. `}
            {criterion.mode !== 'perStep' &&
              (criterion.stepTolerance > 0
                ? `The first wrong step may be off by ${criterion.stepTolerance}.`
                : 'The first wrong step must match exactly.')}
          </p>
        </>
      )
    case 'binary':
      return null
  }
}

function TaskTypes({ rubric }: { rubric: Rubric }) {
  const types = rubric.taskTypes ?? []
  if (types.length === 0) return null
  const titles = new Map(rubric.criteria.map((c) => [c.id, c.title || 'Untitled criterion']))
  return (
    <div className="rubric-task-types" data-testid="version-task-types">
      <h3>Task types</h3>
      <ul>
        {types.map((type) => (
          <li key={type.id}>
            <strong>{type.name || 'Untitled task type'}</strong>{' '}
            <span className="rubric-tag">{CONTENT_LABELS[type.contentKind]}</span>
            <div className="muted">
              {type.criterionIds.length === 0
                ? 'No criteria'
                : rubric.criteria
                    .filter((c) => type.criterionIds.includes(c.id))
                    .map((c) => titles.get(c.id))
                    .join(' · ')}
            </div>
          </li>
        ))}
      </ul>
    </div>
  )
}

export function RubricView({ rubric }: { rubric: Rubric }) {
  return (
    <section className="version-section" data-testid="version-rubric" aria-labelledby="rubric-title">
      <h2 id="rubric-title">{rubric.title || 'Rubric'}</h2>
      {rubric.instructions && <p className="version-section__intro">{rubric.instructions}</p>}
      <p className="muted">
        Pass threshold: {Math.round(rubric.passThreshold * 100)} % of the weighted score.
      </p>
      <TaskTypes rubric={rubric} />
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
                {criterion.allowNA && <span className="rubric-tag">N/A allowed</span>}
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
