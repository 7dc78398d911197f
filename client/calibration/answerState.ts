/** How the runner words an incomplete answer (completeness itself is decided in shared/rubric/answerCompleteness). */
import { type Missing, missingPart } from '../../shared/rubric/answerCompleteness'
import { contentSteps } from '../../shared/rubric/contentFields'
import { describeValue } from '../../shared/rubric/goldFits'
import { isLabelSet, isNotApplicable, isSpanSet, isStepVerdicts } from '../../shared/rubric/valueShapes'
import type { Criterion, ExampleContent, GoldValue } from '../../shared/schema/rubric'

export { type Missing, missingPart }

export const MISSING_TEXT: Record<Exclude<Missing, null>, string> = {
  value: 'No answer yet',
  strength: 'Say by how much it is better',
  rationale: 'Rationale required',
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`

/** A short readable answer: "N/A", labels, "2 spans marked", "4 steps judged · first wrong: step 3"… */
export function describeAnswer(
  criterion: Criterion,
  value: GoldValue | null | undefined,
  content?: ExampleContent,
): string {
  if (value === null || value === undefined) return '—'
  if (isNotApplicable(value)) return 'N/A'
  if (isLabelSet(value)) return value.labels.length ? value.labels.join(', ') : 'None of these'
  if (isSpanSet(value)) return value.spans.length ? plural(value.spans.length, 'span') : 'Nothing marked'
  if (isStepVerdicts(value)) {
    const parts = []
    const judged = Object.keys(value.steps).length
    if (judged) parts.push(`${plural(judged, 'step')} judged`)
    if (value.firstWrong === null) parts.push('no wrong step')
    else if (value.firstWrong !== undefined) {
      const step = content && contentSteps(content).find((s) => s.id === value.firstWrong)
      parts.push(step ? `first wrong: step ${step.number}` : 'first wrong step chosen')
    }
    return parts.join(' · ') || '—'
  }
  return describeValue(criterion, value)
}

/** The one wording of pairwise strengths lives in shared/rubric/pairwiseStrength.ts. */
export { STRENGTH_LABEL as STRENGTH_LABELS } from '../../shared/rubric/pairwiseStrength'
