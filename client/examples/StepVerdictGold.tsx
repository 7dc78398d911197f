/**
 * Gold for a stepVerdict criterion: a verdict per step (per-step mode) and/or the first wrong step ("none":
 * no step is wrong), depending on the criterion's mode. Verdicts are keyed by step id, so they follow their
 * step when steps move.
 */
import { type ContentStep, textAt } from '../../shared/rubric/contentFields'
import { isStepVerdicts } from '../../shared/rubric/valueShapes'
import type { ExampleContent, GoldValue, StepVerdictValue } from '../../shared/schema/rubric'

interface StepVerdictGoldProps {
  criterion: { verdicts: string[]; mode: 'perStep' | 'firstWrong' | 'both' }
  content: ExampleContent
  steps: ContentStep[]
  accepted: GoldValue[]
  editable: boolean
  write: (next: GoldValue[]) => void
}

/** A short preview of a step's text, so the select rows say which step they are. */
function preview(content: ExampleContent, id: string): string {
  const text = (textAt(content, `steps.${id}`) ?? textAt(content, `steps.${id}.thought`) ?? '').trim()
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

export function StepVerdictGold({
  criterion,
  content,
  steps,
  accepted,
  editable,
  write,
}: StepVerdictGoldProps) {
  const current: StepVerdictValue = accepted.find(isStepVerdicts) ?? { steps: {} }
  const others = accepted.filter((value) => !isStepVerdicts(value))
  const save = (next: StepVerdictValue) => {
    const empty = Object.keys(next.steps).length === 0 && next.firstWrong === undefined
    write(empty ? others : [next, ...others])
  }
  const setVerdict = (stepId: string, verdict: string) => {
    const { [stepId]: _, ...rest } = current.steps
    save({ ...current, steps: verdict ? { ...rest, [stepId]: verdict } : rest })
  }
  const setFirstWrong = (raw: string) => {
    const { firstWrong: _, ...rest } = current
    save(raw === '' ? rest : { ...rest, firstWrong: raw === 'none' ? null : raw })
  }
  const stale = Object.keys(current.steps).filter((id) => !steps.some((s) => s.id === id)).length
  if (steps.length === 0) return <p className="muted small">Add steps to the example first.</p>
  return (
    <div className="step-gold" data-testid="gold-steps">
      {criterion.mode !== 'firstWrong' && (
        <ol className="step-gold__list">
          {steps.map((step) => (
            <li key={step.id} className="step-gold__row">
              <span className="step-gold__name">
                Step {step.number}
                <span className="muted"> {preview(content, step.id)}</span>
              </span>
              <select
                className="text-input"
                aria-label={`Gold verdict for step ${step.number}`}
                value={current.steps[step.id] ?? ''}
                disabled={!editable}
                data-testid="gold-step-verdict"
                onChange={(event) => setVerdict(step.id, event.target.value)}
              >
                <option value="">verdict…</option>
                {criterion.verdicts.map((verdict) => (
                  <option key={verdict} value={verdict}>
                    {verdict}
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ol>
      )}
      {criterion.mode !== 'perStep' && (
        <label className="mini-field mini-field--inline">
          <span>First wrong step</span>
          <select
            className="text-input"
            value={current.firstWrong === undefined ? '' : (current.firstWrong ?? 'none')}
            disabled={!editable}
            data-testid="gold-first-wrong"
            onChange={(event) => setFirstWrong(event.target.value)}
          >
            <option value="">not set</option>
            <option value="none">none — every step is right</option>
            {steps.map((step) => (
              <option key={step.id} value={step.id}>
                Step {step.number}
              </option>
            ))}
          </select>
        </label>
      )}
      {stale > 0 && (
        <p className="gold__error">
          {stale} verdict{stale === 1 ? ' is' : 's are'} for steps that no longer exist.{' '}
          {editable && (
            <button
              type="button"
              className="link-button"
              onClick={() =>
                save({
                  ...current,
                  steps: Object.fromEntries(
                    Object.entries(current.steps).filter(([id]) => steps.some((s) => s.id === id)),
                  ),
                })
              }
            >
              Drop them
            </button>
          )}
        </p>
      )}
    </div>
  )
}
