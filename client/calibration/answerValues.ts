/**
 * How the rater's inputs change an answer value for the new kinds, as pure functions: ticking a label
 * (kept in the criterion's label order), adding and removing marked spans (removing the last one leaves no
 * answer: "nothing to mark" is said explicitly), and step verdicts / the first wrong step.
 */
import { isLabelSet, isSpanSet, isStepVerdicts } from '../../shared/rubric/valueShapes'
import type {
  GoldValue,
  LabelSetValue,
  MarkedSpan,
  SpanSetValue,
  StepVerdictValue,
} from '../../shared/schema/rubric'

type Value = GoldValue | null | undefined

/** The label set with `label` switched on or off, in the order of `order` (the criterion's labels). */
export function toggleLabel(
  value: Value,
  label: string,
  on: boolean,
  order: readonly string[],
): LabelSetValue {
  const chosen = new Set(isLabelSet(value) ? value.labels : [])
  if (on) chosen.add(label)
  else chosen.delete(label)
  return { labels: order.filter((l) => chosen.has(l)) }
}

/** The spans of an answer (none when it has no span set). */
export const spansOf = (value: Value): MarkedSpan[] => (isSpanSet(value) ? value.spans : [])

/** The answer with one more span (an identical span is not added twice), sorted by field and position. */
export function addSpan(value: Value, span: MarkedSpan): SpanSetValue {
  const spans = spansOf(value)
  const same = (s: MarkedSpan) =>
    s.field === span.field && s.start === span.start && s.end === span.end && s.label === span.label
  if (spans.some(same)) return { spans }
  return { spans: [...spans, span] }
}

/** The answer without the span at `index`; null (unanswered) when none is left. */
export function removeSpan(value: Value, index: number): SpanSetValue | null {
  const spans = spansOf(value).filter((_, i) => i !== index)
  return spans.length ? { spans } : null
}

const stepsOf = (value: Value): StepVerdictValue => (isStepVerdicts(value) ? value : { steps: {} })

/** The answer with `verdict` for a step ('' clears it); null when nothing is left to answer. */
export function setStepVerdict(value: Value, stepId: string, verdict: string): StepVerdictValue | null {
  const current = stepsOf(value)
  const steps = { ...current.steps }
  if (verdict) steps[stepId] = verdict
  else delete steps[stepId]
  const next: StepVerdictValue = { ...current, steps }
  return Object.keys(steps).length === 0 && next.firstWrong === undefined ? null : next
}

/** The answer with the first wrong step (null: no step is wrong; undefined: not answered). */
export function setFirstWrong(value: Value, firstWrong: string | null | undefined): StepVerdictValue | null {
  const { firstWrong: _old, ...rest } = stepsOf(value)
  const next: StepVerdictValue = firstWrong === undefined ? rest : { ...rest, firstWrong }
  return Object.keys(next.steps).length === 0 && next.firstWrong === undefined ? null : next
}

/** How many of the content's steps have a verdict in this answer. */
export function judgedSteps(value: Value, stepIds: readonly string[]): number {
  const steps = isStepVerdicts(value) ? value.steps : {}
  return stepIds.filter((id) => steps[id] !== undefined).length
}
