/**
 * Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many raters", Psychological Bulletin
 * 76(5), 378–382) for items that each have the same number of raters, with the per-category kappas.
 */
import { type Category, indexCategories, isMissing, type Rating } from './ratings'
import { definedStatistic, type Statistic, UndefinedReason, undefinedStatistic } from './result'

export interface FleissKappa {
  /** The overall kappa. */
  kappa: Statistic
  /** One kappa per category, in the order of the counts' columns (or of the category list). */
  byCategory: Statistic[]
}

/**
 * Fleiss' kappa from counts: `counts[i][j]` is how many raters put item i in category j. Items nobody rated
 * (all counts 0) are skipped. With N items, m raters per item and p_j = Σ_i n_ij / (N m):
 *
 *   P_i = (Σ_j n_ij² − m) / (m (m − 1))        agreement among the rater pairs of item i
 *   P̄   = (1 / N) Σ_i P_i
 *   P̄_e = Σ_j p_j²
 *   κ   = (P̄ − P̄_e) / (1 − P̄_e)
 *
 * and per category (Fleiss 1971, eq. 20): κ_j = 1 − Σ_i n_ij (m − n_ij) / (N m (m − 1) p_j (1 − p_j)).
 *
 * Undefined when no item was rated, when items have different numbers of raters (m must be fixed; the
 * reason says so), when m < 2, or when every rating is one category (P̄_e = 1). A category's κ_j is
 * undefined when nobody or everybody used it (p_j = 0 or 1).
 */
export function fleissKappa(counts: readonly (readonly number[])[]): FleissKappa {
  return fromCounts(counts, (j) => `category ${j + 1}`)
}

function fromCounts(counts: readonly (readonly number[])[], nameOf: (j: number) => string): FleissKappa {
  const k = counts[0]?.length ?? 0
  const fail = (reason: UndefinedReason, message: string, n = 0): FleissKappa => {
    const kappa = undefinedStatistic(reason, message, n)
    return { kappa, byCategory: Array.from({ length: k }, () => kappa) }
  }
  if (counts.some((row) => row.length !== k)) {
    return fail(UndefinedReason.invalidInput, 'every item needs a count for every category')
  }
  if (counts.some((row) => row.some((count) => !Number.isInteger(count) || count < 0))) {
    return fail(UndefinedReason.invalidInput, 'a count is not a non-negative whole number')
  }
  const items = counts.filter((row) => row.some((count) => count > 0))
  const n = items.length
  if (n === 0) return fail(UndefinedReason.noData, 'no item has any rating')
  const raters = items.map((row) => row.reduce((sum, count) => sum + count, 0))
  const m = raters[0]!
  const fewest = Math.min(...raters)
  const most = Math.max(...raters)
  if (fewest !== most) {
    return fail(
      UndefinedReason.unequalRaterCounts,
      `items have between ${fewest} and ${most} raters; Fleiss' kappa needs the same number for every item`,
      n,
    )
  }
  if (m < 2) return fail(UndefinedReason.tooFewRaters, 'each item has only one rater', n)

  const totals = Array.from({ length: k }, (_, j) => items.reduce((sum, row) => sum + row[j]!, 0))
  const p = totals.map((total) => total / (n * m))
  if (totals.filter((total) => total > 0).length < 2) {
    return fail(UndefinedReason.noVariation, 'every rating is the same category', n)
  }
  const agreement = items.map((row) => (row.reduce((sum, x) => sum + x * x, 0) - m) / (m * (m - 1)))
  const pBar = agreement.reduce((sum, x) => sum + x, 0) / n
  // 1 − P̄_e = Σ_j p_j (1 − p_j), which stays exact when one category dominates.
  const chanceDisagreement = p.reduce((sum, pj) => sum + pj * (1 - pj), 0)
  const kappa = definedStatistic((pBar - (1 - chanceDisagreement)) / chanceDisagreement, n)

  const byCategory = p.map((pj, j) => {
    // p_j = 1 cannot occur here: one category holding every rating was refused above.
    if (totals[j] === 0)
      return undefinedStatistic(UndefinedReason.noVariation, `no rater used ${nameOf(j)}`, n)
    const disagreement = items.reduce((sum, row) => sum + row[j]! * (m - row[j]!), 0)
    return definedStatistic(1 - disagreement / (n * m * (m - 1) * pj * (1 - pj)), n)
  })
  return { kappa, byCategory }
}

/**
 * Fleiss' kappa from raw ratings: `items[i]` holds the ratings of item i (missing ones are not counted, so
 * they change that item's number of raters). Counts per category, then {@link fleissKappa}. A rating
 * outside `categories` makes the result undefined (invalid input).
 */
export function fleissKappaFromRatings<T extends Category>(
  items: readonly (readonly Rating<T>[])[],
  categories: readonly T[],
): FleissKappa {
  const invalid = (message: string): FleissKappa => {
    const kappa = undefinedStatistic(UndefinedReason.invalidInput, message)
    return { kappa, byCategory: categories.map(() => kappa) }
  }
  const indexed = indexCategories(categories)
  if ('invalid' in indexed) return invalid(indexed.invalid)
  const counts: number[][] = []
  for (const ratings of items) {
    const row = new Array<number>(categories.length).fill(0)
    for (const rating of ratings) {
      if (isMissing(rating)) continue
      const j = indexed.index.get(rating)
      if (j === undefined) return invalid(`rating ${String(rating)} is not a category`)
      row[j]! += 1
    }
    counts.push(row)
  }
  return fromCounts(counts, (j) => `category ${String(categories[j])}`)
}
