/**
 * 95 % confidence intervals by the bootstrap, reproducible: a seeded generator draws the resamples, so the same
 * data always gives the same interval. Two flavours:
 * - {@link bootstrapWeights} + {@link percentileInterval}: a Monte Carlo bootstrap over units (e.g. items),
 *   each replicate given as how many times each unit was drawn, for statistics that need a recomputation;
 * - {@link proportionInterval}: a share of independent units (e.g. pass rate over annotators), whose bootstrap
 *   distribution is exactly Binomial(n, p̂) / n, so its percentile interval needs no sampling at all.
 * At a share of 0 or 1 every resample is identical and the bootstrap interval collapses to a point, which
 * would read as certainty: there the Wilson score interval is given instead (`replicates` = −1 says so).
 */

/**
 * A two-sided interval at `level` (0.95): a percentile interval from `replicates` Monte Carlo resamples, from
 * the exact bootstrap (0), or the Wilson score interval where the bootstrap collapses (−1).
 */
export interface ConfidenceInterval {
  readonly low: number
  readonly high: number
  readonly level: number
  readonly replicates: number
}

export const CONFIDENCE_LEVEL = 0.95
/** Replicates of the Monte Carlo bootstrap: percentile endpoints move by well under 0.01 at this count. */
export const BOOTSTRAP_REPLICATES = 1000
/** The default seed; any fixed number makes intervals reproducible. */
export const BOOTSTRAP_SEED = 0x5eed

/** mulberry32: a small, fast, well-distributed 32-bit generator; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * `replicates` resamples of `units` units drawn with replacement, as draw counts: row r (of length `units`)
 * says how many times each unit is in resample r. Every row sums to `units`.
 */
export function bootstrapWeights(
  units: number,
  replicates: number = BOOTSTRAP_REPLICATES,
  seed: number = BOOTSTRAP_SEED,
): Uint16Array[] {
  const random = seededRandom(seed)
  const rows: Uint16Array[] = []
  for (let r = 0; r < replicates; r++) {
    const row = new Uint16Array(units)
    for (let i = 0; i < units; i++) row[Math.floor(random() * units)]! += 1
    rows.push(row)
  }
  return rows
}

/** The q-quantile of sorted values, interpolating between order statistics (R's type 7). */
function quantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q
  const below = Math.floor(position)
  const above = Math.min(below + 1, sorted.length - 1)
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below)
}

/**
 * The percentile interval of bootstrap replicates (NaN marks a replicate where the statistic was undefined;
 * those are left out). Null when fewer than half the replicates are defined: the interval would describe
 * only the resamples that happen to be computable.
 */
export function percentileInterval(
  replicates: ArrayLike<number>,
  level: number = CONFIDENCE_LEVEL,
): ConfidenceInterval | null {
  const defined = Array.from(replicates).filter((x) => Number.isFinite(x))
  if (defined.length === 0 || defined.length * 2 < replicates.length) return null
  const sorted = Float64Array.from(defined).sort()
  const tail = (1 - level) / 2
  return {
    low: quantile(sorted, tail),
    high: quantile(sorted, 1 - tail),
    level,
    replicates: replicates.length,
  }
}

/**
 * The 95 % bootstrap percentile interval of a share `successes / n` of independent units, computed exactly:
 * resampling n units with replacement gives Binomial(n, p̂) successes, so the endpoints are binomial
 * quantiles (divided by n). Wilson's interval at a share of 0 or 1, where the bootstrap collapses. Null when n = 0.
 */
export function proportionInterval(successes: number, n: number): ConfidenceInterval | null {
  const level = CONFIDENCE_LEVEL
  if (n <= 0 || successes < 0 || successes > n) return null
  const p = successes / n
  if (p === 0 || p === 1) return wilsonInterval(successes, n)
  // Probabilities by recurrence from the mode (where the pmf is largest), normalised at the end, so nothing
  // underflows even for n in the millions. Only mode ± 12 standard deviations is computed: the mass beyond
  // is below 1e−30, far under the 2.5 % tails.
  const mode = Math.min(n, Math.floor((n + 1) * p))
  const reach = Math.ceil(12 * Math.sqrt(n * p * (1 - p))) + 2
  const from = Math.max(0, mode - reach)
  const to = Math.min(n, mode + reach)
  const pmf = new Float64Array(to - from + 1)
  pmf[mode - from] = 1
  const ratio = p / (1 - p)
  for (let k = mode; k < to; k++) pmf[k + 1 - from] = pmf[k - from]! * ((n - k) / (k + 1)) * ratio
  for (let k = mode; k > from; k--) pmf[k - 1 - from] = (pmf[k - from]! * (k / (n - k + 1))) / ratio
  let total = 0
  for (const x of pmf) total += x
  const tail = (1 - level) / 2
  let low = -1
  let high = to
  let cumulative = 0
  for (let k = from; k <= to; k++) {
    cumulative += pmf[k - from]! / total
    if (low < 0 && cumulative >= tail - 1e-12) low = k
    if (cumulative >= 1 - tail - 1e-12) {
      high = k
      break
    }
  }
  return { low: low / n, high: high / n, level, replicates: 0 }
}

/** The 95 % Wilson score interval of a share (used where the bootstrap collapses: a share of 0 or 1). */
export function wilsonInterval(successes: number, n: number): ConfidenceInterval {
  const level = CONFIDENCE_LEVEL
  const z = 1.959963984540054 // the standard normal's 97.5 % quantile
  const p = successes / n
  const z2 = (z * z) / n
  const centre = (p + z2 / 2) / (1 + z2)
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n))) / (1 + z2)
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half), level, replicates: -1 }
}
