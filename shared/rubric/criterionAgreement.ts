/**
 * One criterion's agreement statistics with their 95 % bootstrap intervals, from per-example tallies: how many
 * annotators answered each category on each example (see answerCategories.ts). The point estimates come from
 * the reference functions in shared/stats; the bootstrap resamples examples (items) with replacement and
 * recomputes each statistic from per-item sums, which is what keeps 1,000 replicates cheap.
 */
import type { CriterionAnalytics, Estimate } from '../schema/dashboard'
import { type ConfidenceInterval, percentileInterval, wilsonInterval } from '../stats/bootstrap'
import { cohensKappaFromTable, KappaWeighting } from '../stats/cohensKappa'
import { fleissKappa } from '../stats/fleissKappa'
import { alphaFromCoincidences } from '../stats/krippendorffsAlpha'
import { KappaParts, ordinalAlpha } from '../stats/resampledParts'
import { definedStatistic, type Statistic, UndefinedReason, undefinedStatistic } from '../stats/result'
import type { AnswerScale, GoldJudgement } from './answerCategories'

/** Per example (item) of one criterion: answers per category, and answers missing or not valid. */
export interface CriterionTally {
  /** items × k, row-major. */
  counts: Float64Array
  unanswered: Float64Array
  judgements: GoldJudgement[]
}

/** The statistics of a criterion; `toleranceAgreement` is always computed here, the caller drops it when scoring is exact. */
type Parts = Omit<
  CriterionAnalytics,
  'criterionId' | 'title' | 'kind' | 'scored' | 'items' | 'annotators' | 'categories' | 'tolerance'
> & { toleranceAgreement: Estimate }

const WEIGHTINGS = [KappaWeighting.unweighted, KappaWeighting.linear, KappaWeighting.quadratic] as const

const estimate = (stat: Statistic, ci: ConfidenceInterval | null): Estimate => ({
  stat,
  ci: stat.defined ? ci : null,
})

export function criterionEstimates(
  scale: AnswerScale,
  tally: CriterionTally,
  replicates: Uint16Array[] | null,
): Parts {
  const items = tally.judgements.length
  const k = scale.values.length
  const { counts, unanswered, judgements } = tally
  const goldFor = judgements.map((j) => j.goldFor)
  const ordered = scale.ordered

  // Agreement with gold, per item.
  const asked = new Float64Array(items)
  const exact = new Float64Array(items)
  const within = new Float64Array(items)
  // Between annotators, per item: ratings in valid categories (m), Fleiss' P_i, Krippendorff's pairs.
  const raters = new Float64Array(items)
  const fleissP = new Float64Array(items)
  const alphaSame = new Float64Array(items) // nominal: Σ_c n_c (n_c − 1) / (m − 1)
  const alphaO = ordered ? new Float64Array(items * k * k) : null // ordinal: per-unit coincidences
  const kappa = new KappaParts(items, k, ordered ? WEIGHTINGS : [KappaWeighting.unweighted])
  const sideK = scale.sideValues?.length ?? 0
  const side = scale.side ? new KappaParts(items, sideK, [KappaWeighting.unweighted]) : null

  for (let i = 0; i < items; i++) {
    const j = judgements[i]!
    let m = 0
    let squares = 0
    for (let c = 0; c < k; c++) {
      const n = counts[i * k + c]!
      if (n === 0) continue
      m += n
      squares += n * n
      if (j.exact[c]) exact[i]! += n
      if (j.agrees[c]) within[i]! += n
      const g = j.goldFor[c]!
      if (g >= 0) {
        kappa.add(i, c, g, n)
        side?.add(i, scale.side![c]!, scale.side![g]!, n)
      }
    }
    asked[i] = m + unanswered[i]!
    raters[i] = m
    if (m >= 2) {
      fleissP[i] = (squares - m) / (m * (m - 1))
      alphaSame[i] = (squares - m) / (m - 1)
      if (alphaO) {
        for (let a = 0; a < k; a++) {
          const na = counts[i * k + a]!
          if (na === 0) continue
          for (let b = 0; b < k; b++) {
            const nb = counts[i * k + b]!
            alphaO[i * k * k + a * k + b] = (a === b ? na * (na - 1) : na * nb) / (m - 1)
          }
        }
      }
    }
  }

  // Point estimates, through the reference functions.
  const sum = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0)
  const totalAsked = sum(asked)
  const share = (agreeing: Float64Array) =>
    totalAsked === 0
      ? undefinedStatistic(
          UndefinedReason.noData,
          items === 0 ? 'not scored: no example has gold for it' : 'no answers yet',
        )
      : definedStatistic(sum(agreeing) / totalAsked, totalAsked)
  const table = kappa.table(counts, goldFor, (c) => c)
  const kappas = WEIGHTINGS.map((w) => cohensKappaFromTable(table, w))
  const sideKappa = side ? cohensKappaFromTable(side.table(counts, goldFor, (c) => scale.side![c]!)) : null
  const units = raters.filter((m) => m >= 2).length
  const coincidences = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (let i = 0; i < items; i++) {
    if (raters[i]! < 2) continue
    for (let a = 0; a < k; a++) {
      const na = counts[i * k + a]!
      if (na === 0) continue
      for (let b = 0; b < k; b++) {
        coincidences[a]![b]! += (a === b ? na * (na - 1) : na * counts[i * k + b]!) / (raters[i]! - 1)
      }
    }
  }
  const level = ordered ? 'ordinal' : 'nominal'
  const alpha =
    units === 0
      ? undefinedStatistic(UndefinedReason.tooFewRaters, 'no example has answers from two annotators yet')
      : alphaFromCoincidences(
          coincidences,
          scale.values.map((_, c) => c),
          level,
          units,
        )
  const fleissRows: number[][] = []
  for (let i = 0; i < items; i++) fleissRows.push(Array.from(counts.subarray(i * k, (i + 1) * k)))
  const fleiss = fleissKappa(fleissRows).kappa

  // Bootstrap replicates over items.
  const B = replicates?.length ?? 0
  const names = ['exact', 'within', 'k0', 'k1', 'k2', 'side', 'alpha', 'fleiss'] as const
  const draws = Object.fromEntries(names.map((n) => [n, new Float64Array(B)])) as Record<
    (typeof names)[number],
    Float64Array
  >
  const kappaOut = new Float64Array(3)
  const sideOut = new Float64Array(1)
  const fleissM = raters.find((m) => m > 0) ?? 0
  const alphaN = new Float64Array(k)
  const fleissTotals = new Float64Array(k)
  const alphaMatrix = new Float64Array(k * k)
  const alphaScratch = new Float64Array(k + 1)
  for (let r = 0; r < B; r++) {
    const w = replicates![r]!
    let nAsked = 0
    let nExact = 0
    let nWithin = 0
    let pBar = 0
    let fleissItems = 0
    let same = 0
    alphaN.fill(0)
    fleissTotals.fill(0)
    if (alphaO) alphaMatrix.fill(0)
    for (let i = 0; i < items; i++) {
      const times = w[i]!
      if (times === 0) continue
      nAsked += times * asked[i]!
      nExact += times * exact[i]!
      nWithin += times * within[i]!
      const m = raters[i]!
      if (m > 0) {
        fleissItems += times
        pBar += times * fleissP[i]!
        for (let c = 0; c < k; c++) fleissTotals[c]! += times * counts[i * k + c]!
      }
      if (m >= 2) {
        same += times * alphaSame[i]!
        for (let c = 0; c < k; c++) alphaN[c]! += times * counts[i * k + c]!
        if (alphaO) {
          const offset = i * k * k
          for (let x = 0; x < k * k; x++) alphaMatrix[x]! += times * alphaO[offset + x]!
        }
      }
    }
    draws.exact[r] = nAsked === 0 ? Number.NaN : nExact / nAsked
    draws.within[r] = nAsked === 0 ? Number.NaN : nWithin / nAsked
    kappa.replicate(w, kappaOut)
    draws.k0[r] = kappaOut[0]!
    draws.k1[r] = ordered ? kappaOut[1]! : Number.NaN
    draws.k2[r] = ordered ? kappaOut[2]! : Number.NaN
    if (side) {
      side.replicate(w, sideOut)
      draws.side[r] = sideOut[0]!
    }
    // Krippendorff's alpha: nominal in closed form, α = 1 − (n − 1)(n − Σ o_cc) / (n² − Σ n_c²); ordinal
    // through the coincidence matrix.
    if (alphaO) {
      draws.alpha[r] = ordinalAlpha(alphaMatrix, k, alphaScratch)
    } else {
      let n = 0
      let squares = 0
      for (let c = 0; c < k; c++) {
        n += alphaN[c]!
        squares += alphaN[c]! * alphaN[c]!
      }
      const expected = n * n - squares
      draws.alpha[r] = expected === 0 ? Number.NaN : 1 - ((n - 1) * (n - same)) / expected
    }
    // Fleiss' kappa: κ = (P̄ − (1 − Σ p_j (1 − p_j))) / Σ p_j (1 − p_j).
    let chance = 0
    for (let c = 0; c < k; c++) {
      const p = fleissTotals[c]! / (fleissItems * fleissM)
      chance += p * (1 - p)
    }
    draws.fleiss[r] =
      fleissItems === 0 || chance <= 1e-15 ? Number.NaN : (pBar / fleissItems - (1 - chance)) / chance
  }
  const ci = (name: (typeof names)[number]) => (B === 0 ? null : percentileInterval(draws[name]))
  // A share of 0 or 1 resamples to itself: give Wilson's interval over the answers instead of a point.
  const shareCi = (name: 'exact' | 'within', agreeing: Float64Array) => {
    const k = sum(agreeing)
    return B > 0 && (k === 0 || k === totalAsked) && totalAsked > 0 ? wilsonInterval(k, totalAsked) : ci(name)
  }

  return {
    exactAgreement: estimate(share(exact), shareCi('exact', exact)),
    toleranceAgreement: estimate(share(within), shareCi('within', within)),
    kappa: {
      unweighted: estimate(kappas[0]!, ci('k0')),
      linear: ordered ? estimate(kappas[1]!, ci('k1')) : null,
      quadratic: ordered ? estimate(kappas[2]!, ci('k2')) : null,
    },
    sideKappa: sideKappa ? estimate(sideKappa, ci('side')) : null,
    alpha: estimate(alpha, ci('alpha')),
    alphaLevel: level,
    fleiss: estimate(fleiss, ci('fleiss')),
  }
}
