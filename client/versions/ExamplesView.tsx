/**
 * A published version's examples read-only (every content kind, Markdown rendered), with their role and task
 * type; gold answers per question slot (spans on their text, step verdicts by step) and rationales when the version
 * carries them (owners and leads) and for teaching examples (worked examples, shown to everyone).
 */
import { isHeldOut } from '../../shared/rubric/calibrationPool'
import { contentSteps, textFields } from '../../shared/rubric/contentFields'
import { questionSlots, slotTitle, taskTypeOf } from '../../shared/rubric/taskTypes'
import { isSpanSet, isStepVerdicts } from '../../shared/rubric/valueShapes'
import type { CalibrationExample, Criterion, GoldValue, Rubric } from '../../shared/schema/rubric'
import type { VersionJson } from '../../shared/schema/version'
import { describeAnswer } from '../calibration/answerState'
import { ContentView } from '../content/ContentView'
import { SpanMarker } from '../content/SpanMarker'

/** Gold spans shown on their texts; gold step verdicts listed by step number. */
function GoldDetail({
  criterion,
  value,
  example,
}: {
  criterion: Criterion
  value: GoldValue
  example: CalibrationExample
}) {
  if (criterion.kind === 'span' && isSpanSet(value)) {
    const fields = textFields(example.content).filter((f) => value.spans.some((s) => s.field === f.path))
    return (
      <div className="example-view__gold-detail">
        {fields.map((field) => (
          <div key={field.path} className="feedback-detail__field">
            <span className="step__field-label">{field.label}</span>
            <SpanMarker
              text={field.text}
              field={field.path}
              spans={value.spans}
              labels={criterion.labels.map((l) => l.value)}
              readOnly
            />
          </div>
        ))}
      </div>
    )
  }
  if (criterion.kind === 'stepVerdict' && isStepVerdicts(value)) {
    const steps = contentSteps(example.content)
    const first = steps.find((s) => s.id === value.firstWrong)
    return (
      <div className="example-view__gold-detail">
        {Object.keys(value.steps).length > 0 && (
          <ol className="example-view__steps">
            {steps.map((step) => (
              <li key={step.id} value={step.number}>
                {value.steps[step.id] ?? <span className="muted">no verdict</span>}
              </li>
            ))}
          </ol>
        )}
        {value.firstWrong !== undefined && (
          <p>
            First wrong step:{' '}
            {value.firstWrong === null ? 'none' : first ? `step ${first.number}` : '(removed)'}
          </p>
        )}
      </div>
    )
  }
  return null
}

function Gold({ example, rubric }: { example: CalibrationExample; rubric: Rubric }) {
  return (
    <div className="example-view__gold" data-testid="example-gold">
      <p className="example-view__gold-title">
        {example.role === 'teaching' ? (
          <>
            Gold answers <span className="muted">(a worked example, shown to everyone)</span>
          </>
        ) : (
          <>
            Gold answers <span className="muted">(owners and leads only)</span>
          </>
        )}
      </p>
      <ul>
        {questionSlots(rubric, example).map((slot) => {
          const entry = example.gold[slot.key]
          if (!entry) return null
          const first = entry.accepted[0]
          return (
            <li key={slot.key}>
              <strong>{slotTitle(slot, example.content)}:</strong>{' '}
              {entry.accepted.map((v) => describeAnswer(slot.criterion, v, example.content)).join(' or ')}
              {entry.rationale && <span className="muted"> — {entry.rationale}</span>}
              {first !== undefined && (
                <GoldDetail criterion={slot.criterion} value={first} example={example} />
              )}
            </li>
          )
        })}
      </ul>
      {example.rationale && (
        <p className="example-view__rationale">
          <strong>Why:</strong> {example.rationale}
        </p>
      )}
    </div>
  )
}

export function ExamplesView({ version }: { version: VersionJson }) {
  const examples = version.examples
  const sections = new Map(version.guideline.sections.map((s) => [s.id, s.title]))
  return (
    <section className="version-section" data-testid="version-examples" aria-labelledby="examples-title">
      <h2 id="examples-title">Calibration examples</h2>
      {!version.includesGold && (
        <p className="muted">
          Gold answers of calibration items are hidden: you'll see them after you submit a calibration
          attempt. Teaching examples show theirs.
        </p>
      )}
      {examples.length === 0 ? (
        <p className="section-empty">This version has no examples.</p>
      ) : (
        <ol className="example-list">
          {examples.map((example) => (
            <li key={example.id} className="example-view" data-testid="version-example">
              <div className="example-view__head">
                <h3>{example.title || 'Untitled example'}</h3>
                <span className="rubric-tag">{example.difficulty}</span>
                {isHeldOut(example) && (
                  <span className="rubric-tag" data-testid="held-out-badge">
                    Held-out calibration item
                  </span>
                )}
                {example.role === 'teaching' && <span className="rubric-tag">Teaching example</span>}
                {version.rubric.taskTypes?.length ? (
                  <span className="rubric-tag rubric-tag--muted" data-testid="example-task-type">
                    {taskTypeOf(version.rubric, example)?.name ?? 'No task type'}
                  </span>
                ) : null}
                {example.sectionId && sections.get(example.sectionId) && (
                  <a className="rubric-tag rubric-tag--muted" href={`#${example.sectionId}`}>
                    § {sections.get(example.sectionId)}
                  </a>
                )}
              </div>
              <ContentView content={example.content} compact projectId={version.project.id} />
              {'gold' in example && (version.includesGold || example.role === 'teaching') && (
                <Gold example={example as CalibrationExample} rubric={version.rubric} />
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
