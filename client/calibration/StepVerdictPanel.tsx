/**
 * The card part of a step-verdict question: how many steps have a verdict (the selects sit beside each
 * step in the content) and, where the criterion asks for it, the first wrong step (or "no step is wrong").
 */
import { contentSteps, textFields } from '../../shared/rubric/contentFields'
import { isStepVerdicts } from '../../shared/rubric/valueShapes'
import type { Criterion, ExampleContent, GoldValue } from '../../shared/schema/rubric'
import { judgedSteps, setFirstWrong } from './answerValues'

type StepCriterion = Extract<Criterion, { kind: 'stepVerdict' }>

const NONE = '__none__'

/** A step's first words, for the first-wrong-step options. */
export function stepPreview(content: ExampleContent, stepId: string, max = 60): string {
  const prefix = `steps.${stepId}`
  const text = textFields(content)
    .filter((f) => f.path === prefix || f.path.startsWith(`${prefix}.`))
    .map((f) => f.text)
    .find((t) => t.trim() !== '')
  if (!text) return ''
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

export function StepVerdictPanel({
  criterion,
  content,
  value,
  set,
}: {
  criterion: StepCriterion
  content: ExampleContent
  value: GoldValue | null
  set: (v: GoldValue | null) => void
}) {
  const steps = contentSteps(content)
  const perStep = criterion.mode !== 'firstWrong'
  const firstWrong = criterion.mode !== 'perStep'
  const current = isStepVerdicts(value) ? value : null
  const judged = judgedSteps(
    value,
    steps.map((s) => s.id),
  )
  return (
    <div className="step-panel">
      {perStep && (
        <p className="step-panel__progress" data-testid="steps-judged">
          {judged} of {steps.length} steps judged — choose a verdict beside each step above (
          {criterion.verdicts.join(', ')}).
        </p>
      )}
      {firstWrong && (
        <label className="step-panel__first">
          <span className="field-label">First wrong step</span>
          <select
            className="select"
            data-testid="first-wrong"
            value={
              current?.firstWrong === undefined ? '' : current.firstWrong === null ? NONE : current.firstWrong
            }
            onChange={(e) =>
              set(
                setFirstWrong(
                  value,
                  e.target.value === '' ? undefined : e.target.value === NONE ? null : e.target.value,
                ),
              )
            }
          >
            <option value="">Choose…</option>
            <option value={NONE}>None — every step is right</option>
            {steps.map((step) => (
              <option key={step.id} value={step.id}>
                Step {step.number}: {stepPreview(content, step.id)}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  )
}
