/**
 * Krippendorff's alpha for any number of raters with missing ratings, at the nominal, ordinal, interval and
 * ratio levels of measurement, computed through the coincidence matrix exactly as in Krippendorff (2011),
 * "Computing Krippendorff's Alpha-Reliability" (Annenberg School for Communication, University of Pennsylvania).
 */
import { type Category, indexCategories } from './ratings'
import { definedStatistic, type Statistic, UndefinedReason, undefinedStatistic } from './result'

export const MeasurementLevel = {
  nominal: 'nominal',
  ordinal: 'ordinal',
  interval: 'interval',
  ratio: 'ratio',
} as const

export type MeasurementLevel = (typeof MeasurementLevel)[keyof typeof MeasurementLevel]

export interface AlphaOptions<T extends Category> {
  /**
   * Ordinal level only: the values from lowest to highest rank. Needed when the values are not numbers;
   * numbers default to ascending order. Values absent from the data may be listed (they change nothing).
   */
  order?: readonly T[]
}

type Invalid = { invalid: string }

/**
 * Krippendorff's alpha. `units[u]` holds the ratings of unit u, one per rater (null or undefined when the
 * rater did not rate it); rows may differ in length. Following Krippendorff (2011):
 *
 * 1. Units with fewer than two ratings (m_u < 2) are not pairable and are dropped.
 * 2. Coincidence matrix, over the pairable units, with n_uc the number of ratings c in unit u:
 *      o_ck = Σ_u n_uc · n_uk / (m_u − 1)           (c ≠ k)
 *      o_cc = Σ_u n_uc · (n_uc − 1) / (m_u − 1)
 *    with marginals n_c = Σ_k o_ck and n = Σ_c n_c (the number of pairable values).
 * 3. Difference function δ²_ck by level of measurement:
 *      nominal   δ² = [c ≠ k]
 *      ordinal   δ² = (Σ_{g=c..k} n_g − (n_c + n_k) / 2)²   (g runs over the ranks from c to k)
 *      interval  δ² = (c − k)²
 *      ratio     δ² = ((c − k) / (c + k))²                   (values ≥ 0; 0 when c = k = 0)
 * 4. α = 1 − D_o / D_e with
 *      D_o = (1 / n) · Σ_c Σ_k o_ck · δ²_ck
 *      D_e = (1 / (n (n − 1))) · Σ_c Σ_k n_c · n_k · δ²_ck
 *    that is α = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
 *
 * Undefined when no unit has two ratings (fewer than 2 pairable values), or when D_e = 0 (all pairable
 * values are equal, so no disagreement is expected and α would be 0/0). Interval and ratio need finite
 * numbers (ratio: non-negative); ordinal needs numbers or `options.order`.
 */
export function krippendorffsAlpha<T extends Category>(
  units: readonly (readonly (T | null | undefined)[])[],
  level: MeasurementLevel,
  options: AlphaOptions<T> = {},
): Statistic {
  const pairable = units
    .map((ratings) => ratings.filter((rating): rating is T => rating !== null && rating !== undefined))
    .filter((ratings) => ratings.length >= 2)
  if (pairable.length === 0) {
    return undefinedStatistic(UndefinedReason.noData, 'no unit has two or more ratings (nothing is pairable)')
  }

  const values = orderedValues(pairable.flat(), level, options)
  if ('invalid' in values) return undefinedStatistic(UndefinedReason.invalidInput, values.invalid)
  const position = new Map(values.map((value, i) => [value, i]))
  const v = values.length

  // Step 2: the coincidence matrix o and its marginals n_c.
  const o = Array.from({ length: v }, () => new Array<number>(v).fill(0))
  for (const ratings of pairable) {
    const counts = new Array<number>(v).fill(0)
    for (const rating of ratings) counts[position.get(rating)!]! += 1
    const weight = 1 / (ratings.length - 1)
    for (let c = 0; c < v; c++) {
      if (counts[c] === 0) continue
      for (let k = 0; k < v; k++) {
        const pairs = c === k ? counts[c]! * (counts[c]! - 1) : counts[c]! * counts[k]!
        o[c]![k]! += pairs * weight
      }
    }
  }
  return alphaFromCoincidences(o, values, level, pairable.length)
}

/**
 * Steps 3 and 4 of {@link krippendorffsAlpha} from a coincidence matrix `o` over `values` (in rank order for
 * ordinal data; values nobody used may be listed with zero rows and change nothing). `units` is the number of
 * pairable units, reported as n. For callers that build the coincidences themselves (e.g. summing per-unit
 * contributions for a bootstrap).
 */
export function alphaFromCoincidences<T extends Category>(
  o: readonly (readonly number[])[],
  values: readonly T[],
  level: MeasurementLevel,
  units: number,
): Statistic {
  const v = values.length
  const marginals = o.map((row) => row.reduce((sum, x) => sum + x, 0))
  const n = marginals.reduce((sum, x) => sum + x, 0)
  if (n === 0) {
    return undefinedStatistic(UndefinedReason.noData, 'no unit has two or more ratings (nothing is pairable)')
  }
  const delta = differenceFunction(values, marginals, level)
  let observed = 0
  let expected = 0
  for (let c = 0; c < v; c++) {
    for (let k = 0; k < v; k++) {
      const d = delta(c, k)
      observed += o[c]![k]! * d
      expected += marginals[c]! * marginals[k]! * d
    }
  }
  if (expected === 0) {
    return undefinedStatistic(
      UndefinedReason.noVariation,
      'every pairable rating has the same value, so no disagreement is expected by chance',
      units,
    )
  }
  return definedStatistic(1 - ((n - 1) * observed) / expected, units)
}

/** The distinct values, validated for the level, in rank order for ordinal data. */
function orderedValues<T extends Category>(
  ratings: readonly T[],
  level: MeasurementLevel,
  options: AlphaOptions<T>,
): T[] | Invalid {
  const distinct = [...new Set(ratings)]
  const notFinite = distinct.find((value) => typeof value === 'number' && !Number.isFinite(value))
  if (notFinite !== undefined) return { invalid: `rating ${String(notFinite)} is not a finite number` }
  const needsNumbers = level === MeasurementLevel.interval || level === MeasurementLevel.ratio
  const nonNumber = distinct.find((value) => typeof value !== 'number')
  if (needsNumbers && nonNumber !== undefined) {
    return { invalid: `${level} data must be numbers; got ${JSON.stringify(nonNumber)}` }
  }
  if (level === MeasurementLevel.ratio && distinct.some((value) => (value as number) < 0)) {
    return { invalid: 'ratio data must not be negative' }
  }
  if (level === MeasurementLevel.ordinal && options.order) {
    const indexed = indexCategories(options.order)
    if ('invalid' in indexed) return { invalid: `order: ${indexed.invalid}` }
    const rank = indexed.index
    const unranked = distinct.find((value) => !rank.has(value))
    if (unranked !== undefined) return { invalid: `rating ${String(unranked)} is not in the given order` }
    return distinct.sort((a, b) => rank.get(a)! - rank.get(b)!)
  }
  if (level === MeasurementLevel.ordinal && nonNumber !== undefined) {
    return { invalid: 'ordinal ratings that are not numbers need an explicit order' }
  }
  return nonNumber === undefined ? distinct.sort((a, b) => (a as number) - (b as number)) : distinct
}

/** δ²(c, k) over value positions, per Krippendorff (2011); see {@link krippendorffsAlpha}. */
function differenceFunction<T extends Category>(
  values: readonly T[],
  marginals: readonly number[],
  level: MeasurementLevel,
): (c: number, k: number) => number {
  switch (level) {
    case MeasurementLevel.nominal:
      return (c, k) => (c === k ? 0 : 1)
    case MeasurementLevel.ordinal: {
      // cumulative[i] = n_0 + … + n_{i−1}, so Σ_{g=c..k} n_g = cumulative[k + 1] − cumulative[c].
      const cumulative = [0]
      for (const count of marginals) cumulative.push(cumulative.at(-1)! + count)
      return (c, k) => {
        if (c === k) return 0
        const [low, high] = c < k ? [c, k] : [k, c]
        const between = cumulative[high + 1]! - cumulative[low]! - (marginals[low]! + marginals[high]!) / 2
        return between * between
      }
    }
    case MeasurementLevel.interval:
      return (c, k) => ((values[c] as number) - (values[k] as number)) ** 2
    case MeasurementLevel.ratio:
      return (c, k) => {
        const a = values[c] as number
        const b = values[k] as number
        return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2
      }
  }
}
