/**
 * Whether an answer is complete for its criterion — a valid value (with strength where the criterion asks
 * for it) and a rationale where one is required. The runner shows it per answer; the server refuses to
 * submit an attempt while any answer is incomplete. Decided once, here.
 */
import type { CriterionAnswer } from '../schema/calibration'
import type { Criterion } from '../schema/rubric'
import { goldFits } from './goldFits'

export type Missing = 'value' | 'strength' | 'rationale' | null

export function missingPart(criterion: Criterion, answer: CriterionAnswer | undefined): Missing {
  const value = answer?.value
  if (value === null || value === undefined) return 'value'
  if (!goldFits(criterion, value)) return criterion.kind === 'pairwise' ? 'strength' : 'value'
  if (criterion.rationaleRequired && !answer?.rationale?.trim()) return 'rationale'
  return null
}
