/**
 * Agreement statistics in a form a bootstrap can recompute cheaply: per-item parts of Cohen's kappa (row and
 * column marginals, weighted observed disagreement) that sum over any resample of items, and Krippendorff's
 * ordinal alpha from a flat coincidence matrix without allocating. The formulas are those of cohensKappa.ts
 * and krippendorffsAlpha.ts; tests check that both give the same values.
 */
import { disagreementWeight, type KappaWeighting } from './cohensKappa'

/** Cohen's kappa inputs per item, over a category mapping (identity, or category → side). */
export class KappaParts {
  readonly rows: Float64Array
  readonly cols: Float64Array
  /** items × weightings: Σ count · w(answer, gold). */
  readonly observed: Float64Array
  readonly weights: Float64Array[]
  private readonly sumRows: Float64Array
  private readonly sumCols: Float64Array
  private readonly sumObserved: Float64Array
  constructor(
    readonly items: number,
    readonly k: number,
    readonly weightings: readonly KappaWeighting[],
  ) {
    this.rows = new Float64Array(items * k)
    this.cols = new Float64Array(items * k)
    this.observed = new Float64Array(items * weightings.length)
    this.sumRows = new Float64Array(k)
    this.sumCols = new Float64Array(k)
    this.sumObserved = new Float64Array(weightings.length)
    this.weights = weightings.map((w) => {
      const m = new Float64Array(k * k)
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) m[a * k + b] = disagreementWeight(a, b, k, w)
      return m
    })
  }
  add(item: number, answer: number, gold: number, count: number) {
    const { k } = this
    this.rows[item * k + answer]! += count
    this.cols[item * k + gold]! += count
    for (let w = 0; w < this.weights.length; w++) {
      this.observed[item * this.weightings.length + w]! += count * this.weights[w]![answer * k + gold]!
    }
  }
  /**
   * The full contingency table, only needed once, for the reference point estimate: `counts` (items × kAll)
   * of answers per fine category, `goldFor[i][c]` gold's fine category for them (−1: none), `map` fine → k.
   */
  table(counts: Float64Array, goldFor: ArrayLike<number>[], map: (c: number) => number): number[][] {
    const { k } = this
    const kAll = goldFor.length === 0 ? 0 : counts.length / goldFor.length
    const table = Array.from({ length: k }, () => new Array<number>(k).fill(0))
    goldFor.forEach((gold, i) => {
      for (let c = 0; c < kAll; c++) {
        const count = counts[i * kAll + c]!
        if (count > 0 && gold[c]! >= 0) table[map(c)]![map(gold[c]!)]! += count
      }
    })
    return table
  }
  /** κ for each weighting from item weights (bootstrap draw counts). */
  replicate(w: Uint16Array, out: Float64Array) {
    const { k, items } = this
    const rows = this.sumRows.fill(0)
    const cols = this.sumCols.fill(0)
    const observed = this.sumObserved.fill(0)
    for (let i = 0; i < items; i++) {
      const times = w[i]!
      if (times === 0) continue
      for (let c = 0; c < k; c++) {
        rows[c]! += times * this.rows[i * k + c]!
        cols[c]! += times * this.cols[i * k + c]!
      }
      for (let x = 0; x < observed.length; x++)
        observed[x]! += times * this.observed[i * observed.length + x]!
    }
    let total = 0
    for (let c = 0; c < k; c++) total += rows[c]!
    for (let x = 0; x < observed.length; x++) {
      let expected = 0
      const m = this.weights[x]!
      for (let a = 0; a < k; a++) {
        if (rows[a] === 0) continue
        for (let b = 0; b < k; b++) expected += m[a * k + b]! * rows[a]! * cols[b]!
      }
      out[x] = total === 0 || expected === 0 ? Number.NaN : 1 - (observed[x]! * total) / expected
    }
  }
}

/**
 * Krippendorff's ordinal alpha from a flat k × k coincidence matrix, allocation-free for the bootstrap loop:
 * the same formula as alphaFromCoincidences in shared/stats/krippendorffsAlpha.ts (a test checks they agree).
 * NaN when undefined.
 */
export function ordinalAlpha(o: Float64Array, k: number, cumulative: Float64Array): number {
  // cumulative[c] = n_0 + … + n_{c−1}, with n_c the row sums.
  cumulative[0] = 0
  for (let c = 0; c < k; c++) {
    let row = 0
    for (let b = 0; b < k; b++) row += o[c * k + b]!
    cumulative[c + 1] = cumulative[c]! + row
  }
  const n = cumulative[k]!
  let observed = 0
  let expected = 0
  for (let c = 0; c < k; c++) {
    const nc = cumulative[c + 1]! - cumulative[c]!
    for (let b = c + 1; b < k; b++) {
      const nb = cumulative[b + 1]! - cumulative[b]!
      const between = cumulative[b + 1]! - cumulative[c]! - (nc + nb) / 2
      const d = between * between
      observed += (o[c * k + b]! + o[b * k + c]!) * d
      expected += 2 * nc * nb * d
    }
  }
  return n === 0 || expected === 0 ? Number.NaN : 1 - ((n - 1) * observed) / expected
}
