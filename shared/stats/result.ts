/**
 * The one result shape of every agreement statistic in `shared/stats`: a finite value, or "undefined" with a
 * reason a person can read. A statistic that has no value (nothing to compare, or every rating in one
 * category so that chance agreement is already perfect) is reported as undefined, never as NaN or 0.
 */

/** Why a statistic has no value. */
export const UndefinedReason = {
  /** Nothing to compare: no pair, unit or item carried the ratings the statistic needs. */
  noData: 'no_data',
  /** No disagreement is expected by chance (e.g. every rating is the same category): the statistic is 0/0. */
  noVariation: 'no_variation',
  /** Items were rated by different numbers of raters; Fleiss' kappa needs the same number for every item. */
  unequalRaterCounts: 'unequal_rater_counts',
  /** Fewer than two raters per item, so there is no pair of ratings to agree or disagree. */
  tooFewRaters: 'too_few_raters',
  /** A rating or argument the statistic cannot use (outside the categories, not a number, negative…). */
  invalidInput: 'invalid_input',
  /** The statistic does not apply to this kind of answer (e.g. one kappa over span sets); another figure does. */
  notApplicable: 'not_applicable',
} as const

export type UndefinedReason = (typeof UndefinedReason)[keyof typeof UndefinedReason]

/**
 * A statistic's value, or why it has none. `n` is how many items (pairs, units) contributed, so a caller can
 * show "κ = 0.62 (n = 40)" or "not enough data (n = 1)".
 */
export type Statistic =
  | { readonly defined: true; readonly value: number; readonly n: number }
  | {
      readonly defined: false
      readonly reason: UndefinedReason
      readonly message: string
      readonly n: number
    }

/**
 * A defined statistic. Inputs are validated before any arithmetic, so a non-finite value here is a bug in
 * this module, not a property of the data: it throws instead of leaking NaN to a chart.
 */
export function definedStatistic(value: number, n: number): Statistic {
  if (!Number.isFinite(value)) throw new RangeError(`statistic computed as ${value}; this is a bug`)
  return { defined: true, value, n }
}

export function undefinedStatistic(reason: UndefinedReason, message: string, n = 0): Statistic {
  return { defined: false, reason, message, n }
}
