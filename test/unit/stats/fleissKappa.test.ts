/**
 * Fleiss' kappa against the Wikipedia worked example and Fleiss' (1971) own data with its per-category
 * kappas, and its undefined cases: unequal numbers of raters, one rater, one category, no data.
 */
import { describe, expect, it } from 'vitest'
import { fleissKappa, fleissKappaFromRatings } from '../../../shared/stats/fleissKappa'
import { UndefinedReason } from '../../../shared/stats/result'
import { definedValue, expectUndefined, expectValue } from './helpers'
import { fleiss1971, fleissWikipedia } from './referenceData'

const countsOf = (ratings: readonly (readonly number[])[], categories: readonly number[]) =>
  ratings.map((row) => categories.map((c) => row.filter((x) => x === c).length))

describe('fleissKappa: published values', () => {
  it('reproduces the Wikipedia worked example (10 subjects, 14 raters, 5 categories): κ = 0.210', () => {
    const { kappa } = fleissKappa(fleissWikipedia.counts)
    expectValue(kappa, fleissWikipedia.kappa, 3)
    // P̄ = 0.378 and P̄_e = 0.213 as published, so κ = (0.378 − 0.213) / (1 − 0.213) to their precision.
    expectValue(kappa, (0.378 - 0.213) / (1 - 0.213), 3)
    expect(kappa.n).toBe(10)
  })

  it('reproduces Fleiss (1971): 30 patients, 6 raters, κ = 0.4302445 (R irr::kappam.fleiss)', () => {
    const counts = countsOf(fleiss1971.ratings, fleiss1971.categories)
    expect(fleiss1971.categories.map((_, j) => counts.reduce((sum, row) => sum + row[j]!, 0))).toEqual(
      fleiss1971.categoryTotals,
    )
    expectValue(fleissKappa(counts).kappa, fleiss1971.kappa, 7)
  })

  it('reproduces the category-wise kappas of Fleiss (1971): 0.245, 0.245, 0.520, 0.471, 0.566', () => {
    const { byCategory } = fleissKappa(countsOf(fleiss1971.ratings, fleiss1971.categories))
    expect(byCategory).toHaveLength(5)
    for (const [j, kappa] of byCategory.entries()) expectValue(kappa, fleiss1971.byCategory[j]!, 3)
  })

  it('gives the same result from raw ratings as from counts', () => {
    const fromRatings = fleissKappaFromRatings(fleiss1971.ratings, fleiss1971.categories)
    const fromCounts = fleissKappa(countsOf(fleiss1971.ratings, fleiss1971.categories))
    expect(fromRatings).toEqual(fromCounts)
  })
})

describe('fleissKappa: properties', () => {
  it('is 1 when the raters agree on every item (and on every category used)', () => {
    const result = fleissKappaFromRatings(
      [
        ['a', 'a', 'a'],
        ['b', 'b', 'b'],
        ['c', 'c', 'c'],
      ],
      ['a', 'b', 'c'],
    )
    expectValue(result.kappa, 1, 12)
    for (const kappa of result.byCategory) expectValue(kappa, 1, 12)
  })

  it('does not depend on the order of items, raters or categories', () => {
    const kappa = definedValue(fleissKappa(fleissWikipedia.counts).kappa)
    const reordered = [...fleissWikipedia.counts].reverse().map((row) => [...row].reverse())
    expectValue(fleissKappa(reordered).kappa, kappa, 12)
    const shuffledRaters = fleiss1971.ratings.map((row) => [...row].reverse())
    expectValue(fleissKappaFromRatings(shuffledRaters, [5, 4, 3, 2, 1]).kappa, fleiss1971.kappa, 7)
  })

  it('skips items nobody rated, and counts only rated items in n', () => {
    const counts = [...fleissWikipedia.counts, [0, 0, 0, 0, 0]]
    const { kappa } = fleissKappa(counts)
    expectValue(kappa, definedValue(fleissKappa(fleissWikipedia.counts).kappa), 12)
    expect(kappa.n).toBe(10)
    const ratings = [...fleiss1971.ratings, [null, null, null]]
    expectValue(fleissKappaFromRatings(ratings, fleiss1971.categories).kappa, fleiss1971.kappa, 7)
  })

  it('leaves a category nobody used undefined while the others and the overall kappa are defined', () => {
    const result = fleissKappaFromRatings(
      [
        ['yes', 'yes', 'no'],
        ['no', 'no', 'no'],
        ['yes', 'yes', 'yes'],
      ],
      ['yes', 'no', 'unsure'],
    )
    expect(result.kappa.defined).toBe(true)
    expect(result.byCategory[0]!.defined).toBe(true)
    expectUndefined(result.byCategory[2]!, UndefinedReason.noVariation)
    expect(result.byCategory[2]!.defined === false && result.byCategory[2]!.message).toContain('unsure')
  })
})

describe('fleissKappa: undefined, never NaN or 0', () => {
  it('is undefined, with the reason, when items have different numbers of raters', () => {
    const result = fleissKappa([
      [2, 1],
      [0, 3],
      [1, 3],
    ])
    expectUndefined(result.kappa, UndefinedReason.unequalRaterCounts)
    expect(result.kappa.defined === false && result.kappa.message).toContain('between 3 and 4 raters')
    for (const kappa of result.byCategory) expectUndefined(kappa, UndefinedReason.unequalRaterCounts)
  })

  it('counts a missing rating as a missing rater, so a gap makes the counts unequal', () => {
    const ratings = fleiss1971.ratings.map((row, i) => (i === 3 ? [...row.slice(0, 5), null] : row))
    expectUndefined(
      fleissKappaFromRatings(ratings, fleiss1971.categories).kappa,
      UndefinedReason.unequalRaterCounts,
    )
  })

  it('is undefined when every rating is the same category', () => {
    const result = fleissKappaFromRatings(
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
      [1, 2, 3],
    )
    expectUndefined(result.kappa, UndefinedReason.noVariation)
    for (const kappa of result.byCategory) expectUndefined(kappa, UndefinedReason.noVariation)
  })

  it('is undefined with one rater per item, or with no rated item at all', () => {
    expectUndefined(
      fleissKappa([
        [1, 0],
        [0, 1],
      ]).kappa,
      UndefinedReason.tooFewRaters,
    )
    expectUndefined(fleissKappa([]).kappa, UndefinedReason.noData)
    expectUndefined(fleissKappa([[0, 0]]).kappa, UndefinedReason.noData)
    expectUndefined(fleissKappaFromRatings([[null, null]], ['a', 'b']).kappa, UndefinedReason.noData)
  })

  it('is undefined for bad counts or ratings outside the categories', () => {
    expectUndefined(fleissKappa([[1, 2], [3]]).kappa, UndefinedReason.invalidInput)
    expectUndefined(fleissKappa([[1.5, 1.5]]).kappa, UndefinedReason.invalidInput)
    expectUndefined(fleissKappa([[-1, 4]]).kappa, UndefinedReason.invalidInput)
    expectUndefined(fleissKappaFromRatings([['a', 'z']], ['a', 'b']).kappa, UndefinedReason.invalidInput)
    expectUndefined(fleissKappaFromRatings([['a', 'b']], ['a', 'a']).kappa, UndefinedReason.invalidInput)
  })
})
