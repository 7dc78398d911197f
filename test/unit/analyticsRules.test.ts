/**
 * Issue 14 §2 rules outside the analytics proper: an unknown pairwise strength is refused everywhere (schemas,
 * goldFits, scoring), a rubric whose weights are all 0 cannot be published, a criterion without gold is "not
 * scored" in an attempt's result; and the bootstrap helpers are seeded, exact and consistent with the
 * reference statistics.
 */
import { describe, expect, it } from 'vitest'
import { answerScale, judgeGold } from '../../shared/rubric/answerCategories'
import { criterionEstimates } from '../../shared/rubric/criterionAgreement'
import { describeValue, goldFits } from '../../shared/rubric/goldFits'
import { STRENGTH_LABEL, strengthStep } from '../../shared/rubric/pairwiseStrength'
import { findProblems, hasErrors } from '../../shared/rubric/problems'
import { agrees, scoreAttempt } from '../../shared/rubric/scoring'
import { SaveAnswersBody } from '../../shared/schema/calibration'
import { GoldEntry, GoldValue, PAIRWISE_STRENGTHS } from '../../shared/schema/rubric'
import {
  bootstrapWeights,
  percentileInterval,
  proportionInterval,
  seededRandom,
} from '../../shared/stats/bootstrap'
import {
  binaryCriterion,
  examplesWith,
  ordinalCriterion,
  pairwiseCriterion,
  rubricOf,
} from './analyticsFixtures'

const hostile = { choice: 'A', strength: 'huge' } as unknown as GoldValue

describe('an unknown pairwise strength is refused everywhere', () => {
  const strict = pairwiseCriterion('p', true)
  const loose = pairwiseCriterion('q', false)
  it('by the schemas of gold and of saved answers', () => {
    expect(GoldValue.safeParse(hostile).success).toBe(false)
    expect(GoldEntry.safeParse({ accepted: [hostile], rationale: '' }).success).toBe(false)
    expect(SaveAnswersBody.safeParse({ answers: { p: { value: hostile } } }).success).toBe(false)
    expect(
      SaveAnswersBody.safeParse({ answers: { p: { value: { choice: 'A', strength: 'slight' } } } }).success,
    ).toBe(true)
  })
  it('by goldFits (so publishing refuses such gold and attempts refuse such answers)', () => {
    expect(goldFits(strict, hostile)).toBe(false)
    expect(goldFits(loose, hostile)).toBe(false)
    expect(goldFits(strict, { choice: 'A', strength: 'negligible' })).toBe(true)
  })
  it('by scoring: never "one step from negligible"', () => {
    expect(strengthStep('huge')).toBeUndefined()
    expect(agrees(strict, hostile, [{ choice: 'A', strength: 'negligible' }])).toBe(false)
    expect(agrees(strict, { choice: 'A', strength: 'negligible' }, [hostile])).toBe(false)
    expect(
      agrees(strict, { choice: 'A', strength: 'slight' }, [{ choice: 'A', strength: 'negligible' }]),
    ).toBe(true)
    expect(agrees(loose, hostile, [{ choice: 'A' }])).toBe(false)
  })
  it('is worded once, and in full', () => {
    expect(describeValue(strict, { choice: 'B', strength: 'slight' })).toBe('B, slightly better')
    expect(describeValue(strict, { choice: 'B', strength: 'strong' })).toBe('B, much better')
    expect(describeValue(strict, { choice: 'tie' })).toBe('Tie')
    expect(Object.keys(STRENGTH_LABEL)).toEqual([...PAIRWISE_STRENGTHS])
  })
})

describe('weights and unscored criteria', () => {
  it('a rubric whose criteria all weigh 0 has a publish-blocking problem', () => {
    const zero = { ...binaryCriterion('b'), weight: 0 }
    const examples = examplesWith(1, () => ({ b: [true] }))
    const problems = findProblems({ rubric: rubricOf([zero]), examples })
    expect(problems.map((p) => p.code)).toContain('weights_all_zero')
    expect(hasErrors(problems)).toBe(true)
    const one = findProblems({ rubric: rubricOf([zero, binaryCriterion('c')]), examples: [] })
    expect(one.map((p) => p.code)).not.toContain('weights_all_zero')
  })
  it('an attempt reports a criterion without gold as not scored (null), not 0 %', () => {
    const rubric = rubricOf([binaryCriterion('b'), binaryCriterion('x')])
    const result = scoreAttempt(
      rubric,
      { e0: { b: [true] } },
      { e0: { b: { value: true }, x: { value: true } } },
    )
    expect(result.perCriterion.find((c) => c.criterionId === 'x')!.agreement).toBeNull()
    expect(result.perCriterion.find((c) => c.criterionId === 'b')!.agreement).toBe(1)
    expect(result.passed).toBe(true)
  })
})

describe('bootstrap', () => {
  it('is reproducible from its seed and draws n units per replicate', () => {
    expect(bootstrapWeights(7, 5, 1)).toEqual(bootstrapWeights(7, 5, 1))
    expect(bootstrapWeights(7, 5, 1)).not.toEqual(bootstrapWeights(7, 5, 2))
    for (const row of bootstrapWeights(7, 50, 3)) expect(row.reduce((s, x) => s + x, 0)).toBe(7)
    const random = seededRandom(9)
    const draws = Array.from({ length: 10_000 }, random)
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...draws)).toBeLessThan(1)
    expect(draws.reduce((s, x) => s + x, 0) / draws.length).toBeCloseTo(0.5, 1)
  })

  it('the exact interval of a proportion matches a Monte Carlo bootstrap of the same units', () => {
    const n = 40
    const successes = 13
    const exact = proportionInterval(successes, n)!
    const random = seededRandom(4)
    const shares = Array.from({ length: 20_000 }, () => {
      let hits = 0
      for (let i = 0; i < n; i++) if (Math.floor(random() * n) < successes) hits++
      return hits / n
    })
    const monteCarlo = percentileInterval(shares)!
    expect(exact.low).toBeCloseTo(monteCarlo.low, 1)
    expect(exact.high).toBeCloseTo(monteCarlo.high, 1)
    // At 0 % or 100 % the bootstrap collapses to a point; Wilson's interval shows the uncertainty instead.
    const none = proportionInterval(0, 16)!
    expect(none).toMatchObject({ low: 0, level: 0.95, replicates: -1 })
    expect(none.high).toBeCloseTo(3.8415 / (16 + 3.8415), 4)
    expect(proportionInterval(16, 16)!.low).toBeCloseTo(16 / (16 + 3.8415), 4)
    expect(proportionInterval(1, 0)).toBeNull()
    // Large n does not underflow.
    const big = proportionInterval(500_000, 1_000_000)!
    expect(big.low).toBeGreaterThan(0.498)
    expect(big.high).toBeLessThan(0.502)
  })

  it('an interval is null when most replicates are undefined', () => {
    expect(percentileInterval([Number.NaN, Number.NaN, 1])).toBeNull()
    expect(percentileInterval([1, 2, 3, Number.NaN])).toMatchObject({ low: expect.any(Number) })
  })

  it('the fast per-replicate statistics equal the reference ones on the original sample', () => {
    // One "replicate" that draws every item exactly once is the original sample: every interval collapses
    // to the point estimate computed by shared/stats.
    for (const criterion of [ordinalCriterion('c', 1), pairwiseCriterion('p', true), binaryCriterion('b')]) {
      const scale = answerScale(criterion)
      const k = scale.values.length
      const items = 6
      // Uneven raters per item (Fleiss undefined), then four raters on every item (Fleiss defined).
      for (const even of [false, true]) {
        const counts = new Float64Array(items * k)
        for (let i = 0; i < items; i++)
          for (let c = 0; c < k; c++)
            counts[i * k + c] = even ? ([2, 1, 1][(c + i) % k] ?? 0) : (i * 7 + c * 3) % 4
        const judgements = Array.from({ length: items }, (_, i) =>
          judgeGold(criterion, scale, [scale.values[i % k]!]),
        )
        const tally = { counts, unanswered: new Float64Array(items), judgements }
        const once = [new Uint16Array(items).fill(1)]
        const parts = criterionEstimates(scale, tally, once)
        const estimates = [
          parts.exactAgreement,
          parts.toleranceAgreement,
          parts.kappa.unweighted,
          parts.kappa.linear,
          parts.kappa.quadratic,
          parts.sideKappa,
          parts.alpha,
          parts.fleiss,
        ]
        for (const estimate of estimates) {
          if (!estimate?.stat.defined) continue
          expect(estimate.ci, criterion.kind).not.toBeNull()
          expect(estimate.ci!.low).toBeCloseTo(estimate.stat.value, 10)
          expect(estimate.ci!.high).toBeCloseTo(estimate.stat.value, 10)
        }
        if (even) expect(parts.fleiss.stat.defined, criterion.kind).toBe(true)
      }
    }
  })
})
