/** How the runner words an incomplete answer (completeness itself is decided in shared/rubric/answerCompleteness). */
import { type Missing, missingPart } from '../../shared/rubric/answerCompleteness'
import { describeValue } from '../../shared/rubric/goldFits'
import type { Criterion, GoldValue } from '../../shared/schema/rubric'

export { type Missing, missingPart }

export const MISSING_TEXT: Record<Exclude<Missing, null>, string> = {
  value: 'No answer yet',
  strength: 'Say by how much it is better',
  rationale: 'Rationale required',
}

export function describeAnswer(criterion: Criterion, value: GoldValue | null | undefined): string {
  return value === null || value === undefined ? '—' : describeValue(criterion, value)
}

/** The one wording of pairwise strengths lives in shared/rubric/pairwiseStrength.ts. */
export { STRENGTH_LABEL as STRENGTH_LABELS } from '../../shared/rubric/pairwiseStrength'
