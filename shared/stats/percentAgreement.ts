/**
 * Percent agreement of an annotator with gold, where gold may accept several values: exact agreement, and
 * agreement within a tolerance for ordinal criteria (an answer within ±tolerance of an accepted value).
 * Not chance-corrected: read it next to a kappa or alpha.
 */
import { definedStatistic, type Statistic, UndefinedReason, undefinedStatistic } from './result'

/** One item: the annotator's answer (missing if skipped) and every value gold accepts for it. */
export interface GoldComparison<T> {
  answer: T | null | undefined
  accepted: readonly T[]
}

/**
 * Share of items whose answer equals one of the accepted values:
 *   agreement = |{ i : ∃ g ∈ accepted_i, equals(answer_i, g) }| / N
 * where N counts the items with an answer and at least one accepted value (the others are skipped).
 * `equals` defaults to `===`; pass one for values that are objects (e.g. pairwise choices).
 * Undefined when N = 0.
 */
export function exactAgreement<T>(
  comparisons: readonly GoldComparison<T>[],
  equals: (answer: T, gold: T) => boolean = (answer, gold) => answer === gold,
): Statistic {
  return shareAgreeing(comparisons, (answer, accepted) => accepted.some((gold) => equals(answer, gold)))
}

/**
 * Share of items whose numeric answer lies within `tolerance` of one of the accepted values:
 *   agreement = |{ i : ∃ g ∈ accepted_i, |answer_i − g| ≤ tolerance }| / N
 * with N as in {@link exactAgreement}. Tolerance 0 is exact agreement. The comparison is exact, which suits
 * the integer levels of ordinal criteria. Undefined when N = 0, or when the tolerance is negative or not
 * finite, or when a value is not a finite number.
 */
export function agreementWithinTolerance(
  comparisons: readonly GoldComparison<number>[],
  tolerance: number,
): Statistic {
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    return undefinedStatistic(UndefinedReason.invalidInput, `tolerance ${tolerance} is not a number ≥ 0`)
  }
  const values = comparisons.flatMap(({ answer, accepted }) =>
    answer == null ? accepted : [answer, ...accepted],
  )
  const bad = values.find((value) => !Number.isFinite(value))
  if (bad !== undefined) {
    return undefinedStatistic(UndefinedReason.invalidInput, `value ${bad} is not a finite number`)
  }
  return shareAgreeing(comparisons, (answer, accepted) =>
    accepted.some((gold) => Math.abs(answer - gold) <= tolerance),
  )
}

function shareAgreeing<T>(
  comparisons: readonly GoldComparison<T>[],
  agrees: (answer: T, accepted: readonly T[]) => boolean,
): Statistic {
  let compared = 0
  let agreeing = 0
  for (const { answer, accepted } of comparisons) {
    if (answer === null || answer === undefined || accepted.length === 0) continue
    compared += 1
    if (agrees(answer, accepted)) agreeing += 1
  }
  if (compared === 0) {
    return undefinedStatistic(UndefinedReason.noData, 'no item has both an answer and an accepted gold value')
  }
  return definedStatistic(agreeing / compared, compared)
}
