/**
 * Whether an answer is complete for its criterion — a valid value (with strength where the criterion asks
 * for it) and a rationale where one is required. The runner shows it per answer; the server refuses to
 * submit an attempt while any answer is incomplete. Decided once, here.
 */
import type { CriterionAnswer } from '../schema/calibration'
import type { Criterion, ExampleContent } from '../schema/rubric'
import { STRENGTH_REQUIRED, whyNotFits } from './goldFits'

export type Missing = 'value' | 'strength' | 'rationale' | null

/** `content`: the example's content, so spans and step verdicts are checked against its texts and steps. */
export function missingPart(
  criterion: Criterion,
  answer: CriterionAnswer | undefined,
  content?: ExampleContent,
): Missing {
  const value = answer?.value
  if (value === null || value === undefined) return 'value'
  const why = whyNotFits(criterion, value, content)
  if (why) return why === STRENGTH_REQUIRED ? 'strength' : 'value'
  if (criterion.rationaleRequired && !answer?.rationale?.trim()) return 'rationale'
  return null
}
