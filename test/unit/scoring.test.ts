/** Scoring answers against gold for every criterion kind, tolerance, accepted-values lists, weights and threshold. */
import { describe, expect, it } from 'vitest'
import { agrees, scoreAttempt } from '../../shared/rubric/scoring'
import type { Criterion, Rubric } from '../../shared/schema/rubric'

const base = { title: 't', description: 'd', tags: [], weight: 1, rationaleRequired: false }
const binary: Criterion = { ...base, id: 'bin', kind: 'binary' }
const ordinal: Criterion = {
  ...base,
  id: 'ord',
  kind: 'ordinal',
  tolerance: 1,
  levels: [1, 2, 3, 4, 5].map((value) => ({ value, label: `${value}`, descriptor: 'x' })),
}
const strict: Criterion = {
  ...(ordinal as Extract<Criterion, { kind: 'ordinal' }>),
  id: 'ord0',
  tolerance: 0,
}
const points: Criterion = { ...base, id: 'pts', kind: 'points', points: -5 }
const label: Criterion = {
  ...base,
  id: 'lab',
  kind: 'label',
  labels: ['none', 'mild', 'severe'].map((value) => ({ value, description: '' })),
  passingLabels: ['none'],
}
const pairwise: Criterion = { ...base, id: 'pair', kind: 'pairwise', allowTie: true, strengthRequired: true }
const pairwiseLoose: Criterion = {
  ...base,
  id: 'pair2',
  kind: 'pairwise',
  allowTie: true,
  strengthRequired: false,
}

describe('agrees', () => {
  it('binary, points and label: exact match with any accepted value', () => {
    expect(agrees(binary, true, [true])).toBe(true)
    expect(agrees(binary, false, [true])).toBe(false)
    expect(agrees(points, false, [false])).toBe(true)
    expect(agrees(label, 'mild', ['mild', 'severe'])).toBe(true)
    expect(agrees(label, 'none', ['mild', 'severe'])).toBe(false)
    expect(agrees(binary, null, [true])).toBe(false)
  })

  it('ordinal: within tolerance of any accepted value', () => {
    expect(agrees(ordinal, 4, [3])).toBe(true)
    expect(agrees(ordinal, 5, [3])).toBe(false)
    expect(agrees(ordinal, 5, [1, 4])).toBe(true)
    expect(agrees(strict, 4, [3])).toBe(false)
    expect(agrees(strict, 3, [3])).toBe(true)
  })

  it('pairwise: same side, and strength within one step when required', () => {
    expect(agrees(pairwise, { choice: 'A', strength: 'clear' }, [{ choice: 'A', strength: 'strong' }])).toBe(
      true,
    )
    expect(
      agrees(pairwise, { choice: 'A', strength: 'negligible' }, [{ choice: 'A', strength: 'strong' }]),
    ).toBe(false)
    expect(agrees(pairwise, { choice: 'A' }, [{ choice: 'A', strength: 'clear' }])).toBe(false)
    expect(agrees(pairwise, { choice: 'B', strength: 'clear' }, [{ choice: 'A', strength: 'clear' }])).toBe(
      false,
    )
    expect(agrees(pairwise, { choice: 'tie' }, [{ choice: 'tie' }])).toBe(true)
    expect(agrees(pairwiseLoose, { choice: 'A' }, [{ choice: 'A', strength: 'strong' }])).toBe(true)
  })
})

describe('scoreAttempt', () => {
  const rubric: Rubric = {
    title: 'R',
    instructions: '',
    passThreshold: 0.75,
    criteria: [ordinal, { ...binary, weight: 2 }],
  }
  const gold = { e1: { ord: [3], bin: [true] }, e2: { ord: [5], bin: [false] } }

  it('weights agreeing answers and passes at the threshold', () => {
    // e1: ord ok (w1), bin ok (w2); e2: ord wrong (w1), bin ok (w2) → 5/6.
    const result = scoreAttempt(rubric, gold, {
      e1: { ord: { value: 4 }, bin: { value: true } },
      e2: { ord: { value: 2 }, bin: { value: false } },
    })
    expect(result.score).toBeCloseTo(5 / 6, 10)
    expect(result.passed).toBe(true)
    expect(result.perCriterion).toEqual([
      { criterionId: 'ord', agreed: 1, total: 2, agreement: 0.5 },
      { criterionId: 'bin', agreed: 2, total: 2, agreement: 1 },
    ])
    expect(result.perAnswer).toEqual({ e1: { ord: true, bin: true }, e2: { ord: false, bin: true } })
  })

  it('fails below the threshold and counts missing answers as disagreement', () => {
    const result = scoreAttempt(rubric, gold, { e1: { ord: { value: 3 } } })
    expect(result.score).toBeCloseTo(1 / 6, 10)
    expect(result.passed).toBe(false)
  })

  it('passes exactly at the threshold', () => {
    const even: Rubric = { ...rubric, passThreshold: 0.5, criteria: [ordinal, binary] }
    const result = scoreAttempt(even, gold, {
      e1: { ord: { value: 3 }, bin: { value: false } },
      e2: { ord: { value: 5 }, bin: { value: true } },
    })
    expect(result.score).toBe(0.5)
    expect(result.passed).toBe(true)
  })

  it("fails an attempt below a criterion's own minimum even when the score passes", () => {
    const strictBinary: Rubric = {
      ...rubric,
      passThreshold: 0.5,
      criteria: [
        { ...ordinal, minAgreement: 1 },
        { ...binary, weight: 2 },
      ],
    }
    const answers = {
      e1: { ord: { value: 4 }, bin: { value: true } },
      e2: { ord: { value: 2 }, bin: { value: false } },
    }
    const result = scoreAttempt(strictBinary, gold, answers)
    expect(result.score).toBeCloseTo(5 / 6, 10)
    expect(result.passed).toBe(false)
    expect(result.belowMinimum).toEqual(['ord'])
    const lenient = scoreAttempt(
      { ...strictBinary, criteria: [{ ...ordinal, minAgreement: 0.5 }, binary] },
      gold,
      answers,
    )
    expect(lenient.passed).toBe(true)
    expect(lenient.belowMinimum).toEqual([])
  })
})
