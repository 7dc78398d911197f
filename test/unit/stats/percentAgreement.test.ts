/**
 * Percent agreement with gold that may accept several values: exact, and within a tolerance for ordinal
 * criteria; items without an answer or without gold are skipped, and no comparable item is undefined.
 */
import { describe, expect, it } from 'vitest'
import {
  agreementWithinTolerance,
  exactAgreement,
  type GoldComparison,
} from '../../../shared/stats/percentAgreement'
import { UndefinedReason } from '../../../shared/stats/result'
import { definedValue, expectUndefined, expectValue } from './helpers'

describe('exactAgreement', () => {
  it('is the share of answers equal to an accepted value', () => {
    const agreement = exactAgreement<string | boolean>([
      { answer: 'helpful', accepted: ['helpful'] },
      { answer: 'harmful', accepted: ['helpful'] },
      { answer: true, accepted: [true] },
      { answer: false, accepted: [true] },
    ])
    expectValue(agreement, 0.5, 12)
    expect(agreement.n).toBe(4)
  })

  it('counts a match with any of several accepted values', () => {
    const comparisons = [
      { answer: 3, accepted: [3, 4] },
      { answer: 4, accepted: [3, 4] },
      { answer: 5, accepted: [3, 4] },
    ]
    expectValue(exactAgreement(comparisons), 2 / 3, 12)
  })

  it('skips items with no answer or no accepted value, and is undefined when none is left', () => {
    const comparisons = [
      { answer: null, accepted: ['a'] },
      { answer: undefined, accepted: ['a'] },
      { answer: 'a', accepted: [] },
    ]
    expectUndefined(exactAgreement(comparisons), UndefinedReason.noData)
    expectUndefined(exactAgreement([]), UndefinedReason.noData)
    const agreement = exactAgreement([...comparisons, { answer: 'a', accepted: ['a'] }])
    expectValue(agreement, 1, 12)
    expect(agreement.n).toBe(1)
  })

  it('compares objects (pairwise choices) with the given equality', () => {
    type Choice = { choice: 'A' | 'B' | 'tie'; strength?: string }
    const sameChoice = (a: Choice, b: Choice) => a.choice === b.choice
    const comparisons: GoldComparison<Choice>[] = [
      { answer: { choice: 'A', strength: 'clear' }, accepted: [{ choice: 'A' }] },
      { answer: { choice: 'B' }, accepted: [{ choice: 'A' }, { choice: 'tie' }] },
    ]
    expectValue(exactAgreement(comparisons), 0, 12) // objects differ under ===
    expectValue(exactAgreement(comparisons, sameChoice), 0.5, 12)
  })
})

describe('agreementWithinTolerance', () => {
  const comparisons = [
    { answer: 3, accepted: [3] },
    { answer: 4, accepted: [3] },
    { answer: 5, accepted: [3] },
    { answer: 1, accepted: [3, 5] },
    { answer: 4, accepted: [2, 6] },
  ]

  it('counts answers within ±tolerance of any accepted value', () => {
    expectValue(agreementWithinTolerance(comparisons, 0), 1 / 5, 12)
    expectValue(agreementWithinTolerance(comparisons, 1), 2 / 5, 12)
    expectValue(agreementWithinTolerance(comparisons, 2), 1, 12)
  })

  it('equals exact agreement at tolerance 0', () => {
    expectValue(agreementWithinTolerance(comparisons, 0), definedValue(exactAgreement(comparisons)), 12)
  })

  it('is undefined for a negative or non-finite tolerance, non-finite values, or nothing to compare', () => {
    expectUndefined(agreementWithinTolerance(comparisons, -1), UndefinedReason.invalidInput)
    expectUndefined(agreementWithinTolerance(comparisons, Number.NaN), UndefinedReason.invalidInput)
    expectUndefined(
      agreementWithinTolerance([{ answer: Number.NaN, accepted: [1] }], 1),
      UndefinedReason.invalidInput,
    )
    expectUndefined(agreementWithinTolerance([{ answer: null, accepted: [1] }], 1), UndefinedReason.noData)
  })
})
