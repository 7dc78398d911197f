/**
 * Pairwise preference strength, declared once: its wording (adverb for "A is … better", and a button label),
 * its step on the negligible → strong scale, and the check that refuses a strength that is not on the scale.
 */
import { PAIRWISE_STRENGTHS, type PairwiseStrength } from '../schema/rubric'

/** The adverb in "A, clearly better". */
export const STRENGTH_ADVERB: Record<PairwiseStrength, string> = {
  negligible: 'negligibly',
  slight: 'slightly',
  clear: 'clearly',
  strong: 'much',
}

/** A control's label: "Clearly better". */
export const STRENGTH_LABEL: Record<PairwiseStrength, string> = {
  negligible: 'Negligibly better',
  slight: 'Slightly better',
  clear: 'Clearly better',
  strong: 'Much better',
}

/** Whether a value is one of the declared strengths (stored data and hand-written JSON may hold others). */
export function isPairwiseStrength(value: unknown): value is PairwiseStrength {
  return typeof value === 'string' && (PAIRWISE_STRENGTHS as readonly string[]).includes(value)
}

/** The position of a strength on the scale (0 = negligible … 3 = strong), or undefined when it is not one. */
export function strengthStep(value: unknown): number | undefined {
  return isPairwiseStrength(value) ? PAIRWISE_STRENGTHS.indexOf(value) : undefined
}

/** "A, clearly better", "B" (no strength given) or "Tie". */
export function describePreference(choice: 'A' | 'B' | 'tie', strength: unknown): string {
  if (choice === 'tie') return 'Tie'
  if (strength === undefined) return choice
  return isPairwiseStrength(strength)
    ? `${choice}, ${STRENGTH_ADVERB[strength]} better`
    : `${choice}, ${String(strength)} (not a strength)`
}
