/**
 * Cohen's kappa against published values (Wikipedia's 2 × 2 example, a SAS printout, R irr's `anxiety`
 * kappas), its undefined cases, and properties: perfect agreement is 1, swapping the raters changes nothing.
 */
import { describe, expect, it } from 'vitest'
import {
  cohensKappa,
  cohensKappaFromTable,
  disagreementWeight,
  KappaWeighting,
  type RatingPair,
} from '../../../shared/stats/cohensKappa'
import { UndefinedReason } from '../../../shared/stats/result'
import { definedValue, expectUndefined, expectValue, pairsFromTable, seededIntegers } from './helpers'
import { cohenSas, cohenWikipedia, irrAnxiety } from './referenceData'

const WEIGHTINGS = Object.values(KappaWeighting)
const zip = (a: readonly number[], b: readonly number[]): RatingPair<number>[] => a.map((x, i) => [x, b[i]])

describe('cohensKappa: published values', () => {
  it('reproduces the Wikipedia 2 × 2 example (50 proposals, κ = 0.4) from pairs and from the table', () => {
    const pairs = pairsFromTable(cohenWikipedia.table).map(
      ([a, b]): RatingPair<string> => [a === 0 ? 'yes' : 'no', b === 0 ? 'yes' : 'no'],
    )
    expect(pairs).toHaveLength(50)
    expectValue(cohensKappa(pairs, ['yes', 'no']), cohenWikipedia.kappa, 12)
    expectValue(cohensKappaFromTable(cohenWikipedia.table), cohenWikipedia.kappa, 12)
    expect(cohensKappa(pairs, ['yes', 'no']).n).toBe(50)
  })

  it('reproduces the SAS simple (0.4842) and linearly weighted (0.4701) kappas of a 3 × 3 table', () => {
    expectValue(cohensKappaFromTable(cohenSas.table), cohenSas.kappa.unweighted, 4)
    expectValue(cohensKappaFromTable(cohenSas.table, KappaWeighting.linear), cohenSas.kappa.linear, 4)
    const pairs = pairsFromTable(cohenSas.table, 1)
    expectValue(cohensKappa(pairs, [1, 2, 3], KappaWeighting.linear), cohenSas.kappa.linear, 4)
  })

  it('reproduces R irr kappa2 on `anxiety` raters 2 and 3 over the levels they used (1, 2, 3, 4, 6)', () => {
    const pairs = zip(irrAnxiety.rater2, irrAnxiety.rater3)
    const levels = [1, 2, 3, 4, 6]
    expectValue(cohensKappa(pairs, levels), irrAnxiety.raters23.unweighted, 7)
    expectValue(cohensKappa(pairs, levels, KappaWeighting.linear), irrAnxiety.raters23.linear, 7)
    expectValue(cohensKappa(pairs, levels, KappaWeighting.quadratic), irrAnxiety.raters23.quadratic, 7)
  })

  it('weights by position in the given scale, so an unused level changes weighted (not unweighted) kappa', () => {
    // irr drops level 5 because neither rater used it; on the full 1–6 scale the distances differ.
    const pairs = zip(irrAnxiety.rater2, irrAnxiety.rater3)
    const full = [1, 2, 3, 4, 5, 6]
    expectValue(cohensKappa(pairs, full), irrAnxiety.raters23.unweighted, 7)
    expect(definedValue(cohensKappa(pairs, full, KappaWeighting.linear))).not.toBeCloseTo(
      irrAnxiety.raters23.linear,
      3,
    )
    expect(definedValue(cohensKappa(pairs, full, KappaWeighting.quadratic))).not.toBeCloseTo(
      irrAnxiety.raters23.quadratic,
      3,
    )
  })

  it('reproduces R irr kappa2(anxiety[, 1:2], "squared") = 0.297 (both raters span 1–6)', () => {
    const pairs = zip(irrAnxiety.rater1, irrAnxiety.rater2)
    expectValue(
      cohensKappa(pairs, [1, 2, 3, 4, 5, 6], KappaWeighting.quadratic),
      irrAnxiety.raters12.quadratic,
      3,
    )
  })
})

describe('cohensKappa: weights', () => {
  it('uses 0 on the diagonal and |i − j| / (k − 1), squared for quadratic, off it', () => {
    expect(disagreementWeight(2, 2, 5, KappaWeighting.linear)).toBe(0)
    expect(disagreementWeight(0, 4, 5, KappaWeighting.unweighted)).toBe(1)
    expect(disagreementWeight(1, 3, 5, KappaWeighting.linear)).toBe(0.5)
    expect(disagreementWeight(3, 1, 5, KappaWeighting.quadratic)).toBe(0.25)
    expect(disagreementWeight(0, 4, 5, KappaWeighting.quadratic)).toBe(1)
  })

  it('gives the same kappa for every weighting when there are only two categories', () => {
    const pairs = pairsFromTable(cohenWikipedia.table)
    for (const weighting of WEIGHTINGS) expectValue(cohensKappa(pairs, [0, 1], weighting), 0.4, 12)
  })
})

describe('cohensKappa: properties', () => {
  it('is 1 for perfect agreement under every weighting', () => {
    const pairs: RatingPair<number>[] = [1, 2, 3, 3, 5, 4, 1].map((x) => [x, x])
    for (const weighting of WEIGHTINGS) expectValue(cohensKappa(pairs, [1, 2, 3, 4, 5], weighting), 1, 12)
  })

  it('is 0 when the table is the product of its marginals (agreement exactly at chance)', () => {
    expectValue(
      cohensKappaFromTable([
        [2, 2],
        [2, 2],
      ]),
      0,
      12,
    )
    for (const weighting of WEIGHTINGS) {
      expectValue(
        cohensKappaFromTable(
          [
            [1, 2, 1],
            [2, 4, 2],
            [1, 2, 1],
          ],
          weighting,
        ),
        0,
        12,
      )
    }
  })

  it('is defined and 0 (not undefined) when only one rater varies', () => {
    expectValue(
      cohensKappa(
        [
          ['a', 'a'],
          ['a', 'b'],
          ['a', 'c'],
        ],
        ['a', 'b', 'c'],
      ),
      0,
      12,
    )
  })

  it('is symmetric in the two raters, for every weighting, on seeded random data', () => {
    const next = seededIntegers(20_240_601)
    for (let trial = 0; trial < 50; trial++) {
      const pairs: RatingPair<number>[] = Array.from({ length: 5 + next(30) }, () => [next(5), next(5)])
      const swapped = pairs.map(([a, b]): RatingPair<number> => [b, a])
      for (const weighting of WEIGHTINGS) {
        const forward = cohensKappa(pairs, [0, 1, 2, 3, 4], weighting)
        const backward = cohensKappa(swapped, [0, 1, 2, 3, 4], weighting)
        if (!forward.defined) expect(backward.defined).toBe(false)
        else expectValue(backward, forward.value, 12)
      }
    }
  })

  it('skips pairs with a missing rating and counts only the pairs it used', () => {
    const pairs: RatingPair<string>[] = [
      ...pairsFromTable(cohenWikipedia.table).map(([a, b]): RatingPair<string> => [String(a), String(b)]),
      [null, '0'],
      ['1', undefined],
      [null, null],
    ]
    const kappa = cohensKappa(pairs, ['0', '1'])
    expectValue(kappa, 0.4, 12)
    expect(kappa.n).toBe(50)
  })
})

describe('cohensKappa: undefined, never NaN or 0', () => {
  it('is undefined when every rating is the same category (chance agreement is already 1)', () => {
    const same: RatingPair<number>[] = [
      [3, 3],
      [3, 3],
      [3, 3],
    ]
    for (const weighting of WEIGHTINGS) {
      expectUndefined(cohensKappa(same, [1, 2, 3, 4, 5], weighting), UndefinedReason.noVariation)
    }
    expectUndefined(cohensKappaFromTable([[7]]), UndefinedReason.noVariation)
  })

  it('is undefined when there is no complete pair', () => {
    expectUndefined(cohensKappa([], ['a', 'b']), UndefinedReason.noData)
    expectUndefined(
      cohensKappa(
        [
          [null, 'a'],
          ['b', undefined],
        ],
        ['a', 'b'],
      ),
      UndefinedReason.noData,
    )
    expectUndefined(cohensKappaFromTable([]), UndefinedReason.noData)
    expectUndefined(
      cohensKappaFromTable([
        [0, 0],
        [0, 0],
      ]),
      UndefinedReason.noData,
    )
  })

  it('is undefined for a rating outside the categories, a repeated category, or a bad table', () => {
    expectUndefined(cohensKappa([['a', 'z']], ['a', 'b']), UndefinedReason.invalidInput)
    expectUndefined(cohensKappa([['a', 'b']], ['a', 'b', 'a']), UndefinedReason.invalidInput)
    expectUndefined(cohensKappaFromTable([[1, 2], [3]]), UndefinedReason.invalidInput)
    expectUndefined(
      cohensKappaFromTable([
        [1, -2],
        [3, 4],
      ]),
      UndefinedReason.invalidInput,
    )
    expectUndefined(
      cohensKappaFromTable([
        [1, Number.NaN],
        [3, 4],
      ]),
      UndefinedReason.invalidInput,
    )
  })
})
