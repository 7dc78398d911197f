/**
 * Krippendorff's alpha against the worked examples of Krippendorff (2011) and Wikipedia at all four levels
 * of measurement, its undefined cases, and invariances: rater and unit order, constants added to interval
 * data, scale for ratio data, relabelling for nominal data, monotone recoding for ordinal data.
 */
import { describe, expect, it } from 'vitest'
import { fleissKappa } from '../../../shared/stats/fleissKappa'
import { krippendorffsAlpha, MeasurementLevel } from '../../../shared/stats/krippendorffsAlpha'
import { UndefinedReason } from '../../../shared/stats/result'
import { definedValue, expectUndefined, expectValue, seededIntegers, shuffle } from './helpers'
import { byUnit, fleiss1971, krippendorff2011, krippendorffWikipedia } from './referenceData'

const LEVELS = Object.values(MeasurementLevel)
const exampleC = byUnit(krippendorff2011.missing.byRater)

describe('krippendorffsAlpha: Krippendorff (2011) worked examples', () => {
  it.each(LEVELS)('reproduces example C (4 observers, 12 units, missing data) at the %s level', (level) => {
    const alpha = krippendorffsAlpha(exampleC, level)
    expectValue(alpha, krippendorff2011.missing.alpha[level], 3)
    expect(alpha.n).toBe(11) // unit 12 has one value and is not pairable
  })

  it('drops units with fewer than two values: example C without unit 12 gives the same alphas', () => {
    // The 2019 edition of Content Analysis prints the same data with 11 units (fast-krippendorff's sample.py).
    for (const level of LEVELS) {
      expectValue(
        krippendorffsAlpha(exampleC.slice(0, 11), level),
        definedValue(krippendorffsAlpha(exampleC, level)),
        12,
      )
    }
  })

  it('reproduces example A (binary, 2 observers): α = 0.095', () => {
    const alpha = krippendorffsAlpha(byUnit(krippendorff2011.binary.byRater), MeasurementLevel.nominal)
    expectValue(alpha, krippendorff2011.binary.alpha, 3)
    // By hand: o_01 = 4 mismatched units, n_0 = 14 zeros, n_1 = 6 ones, α = 1 − 19 · 4 / (14 · 6) = 2/21.
    expectValue(alpha, 2 / 21, 12)
  })

  it('reproduces example B (nominal values a–e as strings, 2 observers): α = 0.692', () => {
    const alpha = krippendorffsAlpha(byUnit(krippendorff2011.nominal.byRater), MeasurementLevel.nominal)
    expectValue(alpha, krippendorff2011.nominal.alpha, 3)
  })
})

describe('krippendorffsAlpha: other published values', () => {
  it('reproduces the Wikipedia computational example: nominal 0.691358, interval 0.810845', () => {
    const units = byUnit(krippendorffWikipedia.byRater)
    expectValue(krippendorffsAlpha(units, MeasurementLevel.nominal), krippendorffWikipedia.alpha.nominal, 6)
    expectValue(krippendorffsAlpha(units, MeasurementLevel.interval), krippendorffWikipedia.alpha.interval, 6)
  })

  it('ranks string values by an explicit order: example C as labels gives the ordinal α = 0.815', () => {
    const order = ['very low', 'low', 'mid', 'high', 'very high'] as const
    const labelled = exampleC.map((unit) => unit.map((value) => (value === null ? null : order[value - 1]!)))
    expectValue(krippendorffsAlpha(labelled, MeasurementLevel.ordinal, { order }), 0.815, 3)
  })

  it('agrees with Fleiss (1971) on complete nominal data: 1 − α = (n − 1) / n · (1 − κ_Fleiss)', () => {
    // With m ratings on each of N units and n = N m: D_o = 1 − P̄ and D_e = n (1 − P̄_e) / (n − 1).
    const counts = fleiss1971.ratings.map((row) =>
      fleiss1971.categories.map((c) => row.filter((x) => x === c).length),
    )
    const kappa = definedValue(fleissKappa(counts).kappa)
    const n = fleiss1971.ratings.length * 6
    const alpha = krippendorffsAlpha(fleiss1971.ratings, MeasurementLevel.nominal)
    expectValue(alpha, 1 - ((n - 1) / n) * (1 - kappa), 12)
  })
})

describe('krippendorffsAlpha: properties', () => {
  it.each(LEVELS)('is 1 for perfect agreement with variation, at the %s level', (level) => {
    const units = [
      [1, 1, 1],
      [2, 2, null],
      [4, 4, 4],
      [null, 3, 3],
      [1, null, null],
    ]
    expectValue(krippendorffsAlpha(units, level), 1, 12)
  })

  it('does not depend on the order of raters or of units (seeded random data with gaps)', () => {
    const next = seededIntegers(7)
    for (let trial = 0; trial < 30; trial++) {
      const raters = 2 + next(4)
      const units = Array.from({ length: 3 + next(15) }, () =>
        Array.from({ length: raters }, () => (next(4) === 0 ? null : 1 + next(5))),
      )
      const permutation = shuffle(
        Array.from({ length: raters }, (_, i) => i),
        next,
      )
      const reordered = shuffle(
        units.map((unit) => permutation.map((i) => unit[i]!)),
        next,
      )
      for (const level of LEVELS) {
        const a = krippendorffsAlpha(units, level)
        const b = krippendorffsAlpha(reordered, level)
        if (!a.defined) expect(b).toEqual(a)
        else expectValue(b, a.value, 12)
      }
    }
  })

  it('interval alpha is unchanged by adding a constant or scaling; ratio alpha by scaling', () => {
    const shift = exampleC.map((unit) => unit.map((x) => (x === null ? null : x + 17.5)))
    const scale = exampleC.map((unit) => unit.map((x) => (x === null ? null : x * 3)))
    const interval = definedValue(krippendorffsAlpha(exampleC, MeasurementLevel.interval))
    expectValue(krippendorffsAlpha(shift, MeasurementLevel.interval), interval, 12)
    expectValue(krippendorffsAlpha(scale, MeasurementLevel.interval), interval, 12)
    const ratio = definedValue(krippendorffsAlpha(exampleC, MeasurementLevel.ratio))
    expectValue(krippendorffsAlpha(scale, MeasurementLevel.ratio), ratio, 12)
    // …but a ratio scale has a true zero, so shifting it changes alpha.
    expect(definedValue(krippendorffsAlpha(shift, MeasurementLevel.ratio))).not.toBeCloseTo(ratio, 3)
  })

  it('nominal alpha ignores the labels; ordinal alpha ignores any order-preserving recoding', () => {
    const nominal = definedValue(krippendorffsAlpha(exampleC, MeasurementLevel.nominal))
    const labels = ['e', 'q', 'z', 'b', 'x']
    const relabelled = exampleC.map((unit) => unit.map((x) => (x === null ? null : labels[x - 1]!)))
    expectValue(krippendorffsAlpha(relabelled, MeasurementLevel.nominal), nominal, 12)
    const ordinal = definedValue(krippendorffsAlpha(exampleC, MeasurementLevel.ordinal))
    const cubed = exampleC.map((unit) => unit.map((x) => (x === null ? null : x ** 3 - 40)))
    expectValue(krippendorffsAlpha(cubed, MeasurementLevel.ordinal), ordinal, 12)
  })

  it('treats null and undefined alike as missing, and allows rows of different lengths', () => {
    const ragged = exampleC.map((unit) => unit.filter((x) => x !== null))
    const withUndefined = exampleC.map((unit) => unit.map((x) => x ?? undefined))
    for (const level of LEVELS) {
      const expected = definedValue(krippendorffsAlpha(exampleC, level))
      expectValue(krippendorffsAlpha(ragged, level), expected, 12)
      expectValue(krippendorffsAlpha(withUndefined, level), expected, 12)
    }
  })
})

describe('krippendorffsAlpha: undefined, never NaN or 0', () => {
  it.each(LEVELS)('is undefined at the %s level when every rating is the same value', (level) => {
    expectUndefined(
      krippendorffsAlpha(
        [
          [2, 2],
          [2, 2, 2],
          [null, 2],
        ],
        level,
      ),
      UndefinedReason.noVariation,
    )
  })

  it.each(LEVELS)('is undefined at the %s level when no unit has two ratings', (level) => {
    expectUndefined(krippendorffsAlpha([], level), UndefinedReason.noData)
    expectUndefined(krippendorffsAlpha([[1, null], [null, 2], []], level), UndefinedReason.noData)
  })

  it('is undefined for values the level cannot use', () => {
    const { interval, ratio, ordinal } = MeasurementLevel
    expectUndefined(krippendorffsAlpha([['a', 'b']], interval), UndefinedReason.invalidInput)
    expectUndefined(krippendorffsAlpha([[1, -2]], ratio), UndefinedReason.invalidInput)
    expectUndefined(krippendorffsAlpha([['low', 'high']], ordinal), UndefinedReason.invalidInput)
    expectUndefined(
      krippendorffsAlpha([['low', 'odd']], ordinal, { order: ['low', 'high'] }),
      UndefinedReason.invalidInput,
    )
    expectUndefined(krippendorffsAlpha([[1, 2]], ordinal, { order: [1, 2, 1] }), UndefinedReason.invalidInput)
    expectUndefined(krippendorffsAlpha([[1, Number.NaN]], interval), UndefinedReason.invalidInput)
    expectUndefined(
      krippendorffsAlpha([[1, Number.POSITIVE_INFINITY]], MeasurementLevel.nominal),
      UndefinedReason.invalidInput,
    )
  })

  it('gives ratio alpha for values that include 0 (δ(0, 0) = 0)', () => {
    expectValue(
      krippendorffsAlpha(
        [
          [0, 0],
          [1, 1],
          [2, 2],
        ],
        MeasurementLevel.ratio,
      ),
      1,
      12,
    )
  })
})
