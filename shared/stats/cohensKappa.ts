/**
 * Cohen's kappa between two raters over the same items (e.g. an annotator against gold): unweighted for
 * nominal categories, and weighted with linear or quadratic disagreement weights for ordered categories.
 */
import { type Category, indexCategories, isMissing, type Rating } from './ratings'
import { definedStatistic, type Statistic, UndefinedReason, undefinedStatistic } from './result'

/** How far apart two categories count as disagreeing. */
export const KappaWeighting = {
  /** Any two different categories disagree fully (Cohen 1960). */
  unweighted: 'unweighted',
  /** Disagreement grows with the distance between positions in the ordered category list. */
  linear: 'linear',
  /** Disagreement grows with the squared distance (Fleiss & Cohen 1973); close to an ICC. */
  quadratic: 'quadratic',
} as const

export type KappaWeighting = (typeof KappaWeighting)[keyof typeof KappaWeighting]

/** One item rated by both raters; either rating may be missing, and then the item is skipped. */
export type RatingPair<T extends Category> = readonly [Rating<T>, Rating<T>]

/**
 * Disagreement weight of categories at positions i and j out of k, in [0, 1]:
 *   unweighted  w_ij = [i ≠ j]
 *   linear      w_ij = |i − j| / (k − 1)
 *   quadratic   w_ij = (i − j)² / (k − 1)²
 * Positions, not values, set the distance: levels [1, 2, 4] are equally spaced (as in R irr::kappa2).
 */
export function disagreementWeight(i: number, j: number, k: number, weighting: KappaWeighting): number {
  if (i === j) return 0
  const distance = Math.abs(i - j) / (k - 1)
  if (weighting === KappaWeighting.linear) return distance
  if (weighting === KappaWeighting.quadratic) return distance * distance
  return 1
}

/**
 * Cohen's kappa from paired ratings. Pairs with a missing rating are skipped; a rating outside
 * `categories` makes the statistic undefined (invalid input) rather than being dropped silently.
 * `categories` is the full ordered scale (for weighted kappa the order and the unused levels matter).
 * See {@link cohensKappaFromTable} for the formula.
 */
export function cohensKappa<T extends Category>(
  pairs: readonly RatingPair<T>[],
  categories: readonly T[],
  weighting: KappaWeighting = KappaWeighting.unweighted,
): Statistic {
  const indexed = indexCategories(categories)
  if ('invalid' in indexed) return undefinedStatistic(UndefinedReason.invalidInput, indexed.invalid)
  const k = categories.length
  const table = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (const [a, b] of pairs) {
    if (isMissing(a) || isMissing(b)) continue
    const i = indexed.index.get(a)
    const j = indexed.index.get(b)
    if (i === undefined || j === undefined) {
      const stray = i === undefined ? a : b
      return undefinedStatistic(UndefinedReason.invalidInput, `rating ${String(stray)} is not a category`)
    }
    table[i]![j]! += 1
  }
  return cohensKappaFromTable(table, weighting)
}

/**
 * Cohen's kappa from a k × k contingency table: `table[i][j]` counts items rater A put in category i and
 * rater B in category j. With N = Σ table, p_ij = table[i][j] / N, row and column marginals p_i. and p_.j,
 * and disagreement weights w_ij (see {@link disagreementWeight}):
 *
 *   q_o = Σ_ij w_ij · p_ij              observed (weighted) disagreement
 *   q_e = Σ_ij w_ij · p_i. · p_.j       disagreement expected if the raters were independent
 *   κ   = 1 − q_o / q_e
 *
 * Unweighted, this is the familiar κ = (p_o − p_e) / (1 − p_e) with p_o = Σ p_ii and p_e = Σ p_i. p_.i.
 * Undefined when N = 0 (no data) or q_e = 0: both raters put every item in the same single category, so
 * chance agreement is already 1 and κ would be 0/0.
 */
export function cohensKappaFromTable(
  table: readonly (readonly number[])[],
  weighting: KappaWeighting = KappaWeighting.unweighted,
): Statistic {
  const k = table.length
  if (table.some((row) => row.length !== k)) {
    return undefinedStatistic(UndefinedReason.invalidInput, 'the contingency table is not square')
  }
  if (table.some((row) => row.some((count) => !Number.isFinite(count) || count < 0))) {
    return undefinedStatistic(UndefinedReason.invalidInput, 'a count is negative or not a number')
  }
  const rows = table.map((row) => row.reduce((sum, count) => sum + count, 0))
  const columns = table.map((_, j) => table.reduce((sum, row) => sum + row[j]!, 0))
  const total = rows.reduce((sum, count) => sum + count, 0)
  if (total === 0) return undefinedStatistic(UndefinedReason.noData, 'no item has both ratings')

  let observed = 0
  let expected = 0
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = disagreementWeight(i, j, k, weighting)
      observed += (w * table[i]![j]!) / total
      expected += (w * rows[i]! * columns[j]!) / (total * total)
    }
  }
  if (expected === 0) {
    return undefinedStatistic(
      UndefinedReason.noVariation,
      'both raters used one and the same category for every item, so chance agreement is already perfect',
      total,
    )
  }
  return definedStatistic(1 - observed / expected, total)
}
