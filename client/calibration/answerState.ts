/** Whether an answer is complete for its criterion (a valid value, and a rationale where one is required). */
import { describeValue, goldFits } from '../../shared/rubric/goldFits'
import type { CriterionAnswer } from '../../shared/schema/calibration'
import type { Criterion, GoldValue } from '../../shared/schema/rubric'

export type Missing = 'value' | 'strength' | 'rationale' | null

export function missingPart(criterion: Criterion, answer: CriterionAnswer | undefined): Missing {
  const value = answer?.value
  if (value === null || value === undefined) return 'value'
  if (!goldFits(criterion, value)) return criterion.kind === 'pairwise' ? 'strength' : 'value'
  if (criterion.rationaleRequired && !answer?.rationale?.trim()) return 'rationale'
  return null
}

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
