/**
 * The dashboard's analytics (issue 14 §2): kappa on the answers as given, tolerance reported apart, pairwise
 * strength scored and shown in full, "not scored" criteria, unknown strengths refused, sample sizes and
 * intervals beside every statistic; and a property test that the annotator-vs-gold kappa is `cohensKappa`.
 */

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { calibrationAnalytics } from '../../shared/rubric/analytics'
import { answerScale } from '../../shared/rubric/answerCategories'
import { goldAudit } from '../../shared/rubric/goldAudit'
import { DashboardResponse, type Estimate } from '../../shared/schema/dashboard'
import type { Criterion, GoldValue } from '../../shared/schema/rubric'
import { cohensKappa, KappaWeighting } from '../../shared/stats/cohensKappa'
import { fleissKappaFromRatings } from '../../shared/stats/fleissKappa'
import { krippendorffsAlpha } from '../../shared/stats/krippendorffsAlpha'
import {
  attemptOf,
  binaryCriterion,
  examplesWith,
  labelCriterion,
  ordinalCriterion,
  pairwiseCriterion,
  rubricOf,
} from './analyticsFixtures'

const value = (e: Estimate | null | undefined): number => {
  if (!e) throw new Error('no estimate')
  if (!e.stat.defined) throw new Error(`undefined: ${e.stat.message}`)
  return e.stat.value
}

describe('calibrationAnalytics — the issue’s cases', () => {
  it('ordinal 1–5, tolerance 1, everyone answers gold + 1: kappa on the answers as given, tolerance apart', () => {
    const c = ordinalCriterion('c', 1)
    const examples = examplesWith(20, (e) => ({ c: [1 + (e % 4)] }))
    const attempts = [0, 1, 2].map((u) => attemptOf(u, examples, [c], (e) => 1 + (e % 4) + 1))
    const result = calibrationAnalytics('1.0.0', rubricOf([c]), examples, [], attempts)
    const stats = result.criteria[0]!
    expect(value(stats.kappa.unweighted)).toBeCloseTo(-0.2308, 4)
    expect(value(stats.kappa.linear)).toBeCloseTo(0.3333, 4)
    expect(value(stats.kappa.quadratic)).toBeCloseTo(0.7143, 4)
    expect(value(stats.exactAgreement)).toBe(0)
    expect(value(stats.toleranceAgreement)).toBe(1)
    expect(stats.tolerance).toBe('±1 level')
    expect(stats.exactAgreement.stat.n).toBe(60)
    expect([stats.items, stats.annotators]).toEqual([20, 3])
    // Nothing was missed by the scoring rule, so no example lists wrong answers.
    expect(result.examples.every((e) => e.misses === 0 && e.commonWrongAnswers.length === 0)).toBe(true)
  })

  it('pairwise with strength: right side, wrong strength is a miss, kappa is not 1, wrong answers in full', () => {
    const c = pairwiseCriterion('p', true)
    const gold = (e: number): GoldValue => ({ choice: e % 2 === 0 ? 'B' : 'A', strength: 'strong' })
    const examples = examplesWith(10, (e) => ({ p: [gold(e)] }))
    const attempts = [0, 1, 2].map((u) =>
      attemptOf(u, examples, [c], (e) => ({ choice: e % 2 === 0 ? 'B' : 'A', strength: 'slight' })),
    )
    const result = calibrationAnalytics('1.0.0', rubricOf([c]), examples, [], attempts)
    const stats = result.criteria[0]!
    expect(value(stats.exactAgreement)).toBe(0)
    expect(value(stats.toleranceAgreement)).toBe(0)
    expect(value(stats.kappa.unweighted)).toBeLessThan(1)
    expect(value(stats.kappa.unweighted)).toBeLessThanOrEqual(0)
    expect(stats.categories).toBe('side × strength')
    // The side alone is agreed perfectly, and is labelled as such.
    expect(value(stats.sideKappa)).toBe(1)
    const wrong = result.examples.find((e) => e.exampleId === 'e0')!.commonWrongAnswers
    expect(wrong).toEqual([
      { criterionId: 'p', criterionTitle: c.title, answer: 'B, slightly better', count: 3 },
    ])
    expect(result.examples.every((e) => e.missRate === 1)).toBe(true)
  })

  it('a criterion with no gold in any example is "not scored", never 0 %', () => {
    const scored = binaryCriterion('b')
    const unscored = binaryCriterion('x')
    const examples = examplesWith(4, (e) => ({ b: [e % 2 === 0] }))
    const attempts = [0, 1].map((u) => attemptOf(u, examples, [scored, unscored], () => true))
    const result = calibrationAnalytics('1.0.0', rubricOf([scored, unscored]), examples, [], attempts)
    const x = result.criteria.find((c) => c.criterionId === 'x')!
    expect(x.scored).toBe(false)
    for (const estimate of [x.exactAgreement, x.kappa.unweighted, x.alpha, x.fleiss]) {
      expect(estimate.stat.defined).toBe(false)
      expect(estimate.ci).toBeNull()
      expect(estimate.stat).not.toHaveProperty('value')
    }
    expect(x.exactAgreement.stat.defined === false && x.exactAgreement.stat.message).toMatch(/not scored/)
    expect(result.criteria.find((c) => c.criterionId === 'b')!.scored).toBe(true)
  })

  it('an unknown pairwise strength is no category: a miss shown as "no valid answer", never one step from negligible', () => {
    const c = pairwiseCriterion('p', true)
    const examples = examplesWith(4, () => ({ p: [{ choice: 'A', strength: 'negligible' }] }))
    const hostile = { choice: 'A', strength: 'huge' } as unknown as GoldValue
    const attempts = [0, 1].map((u) => attemptOf(u, examples, [c], () => hostile))
    expect(answerScale(c).code(hostile)).toBe(-1)
    const result = calibrationAnalytics('1.0.0', rubricOf([c]), examples, [], attempts)
    expect(value(result.criteria[0]!.toleranceAgreement)).toBe(0)
    expect(result.examples[0]!.commonWrongAnswers[0]!.answer).toBe('no valid answer')
  })

  it('counts only the items an attempt asked, and says how many', () => {
    const c = binaryCriterion('b')
    const examples = examplesWith(6, () => ({ b: [true] }))
    const attempt = attemptOf(0, examples, [c], () => true, { items: ['e0', 'e1'] })
    const result = calibrationAnalytics('1.0.0', rubricOf([c]), examples, [], [attempt])
    expect(value(result.criteria[0]!.exactAgreement)).toBe(1)
    expect(result.criteria[0]!.exactAgreement.stat.n).toBe(2)
    expect(result.annotators[0]!.items).toBe(2)
    expect(result.examples.filter((e) => e.answers === 0)).toHaveLength(4)
    expect(result.examples.find((e) => e.answers === 0)!.missRate).toBeNull()
  })

  it('puts n and a 95 % interval beside every statistic, reproducibly, and the response fits the shared schema', () => {
    const c = ordinalCriterion('c', 1)
    const examples = examplesWith(
      12,
      (e) => ({ c: [1 + (e % 5)] }),
      (e) => `s${e % 3}`,
    )
    const attempts = [0, 1, 2, 3].map((u) =>
      attemptOf(u, examples, [c], (e) => 1 + ((e + ((u * e) % 3)) % 5), { passed: u % 2 === 0 }),
    )
    const run = () =>
      calibrationAnalytics('1.0.0', rubricOf([c]), examples, [{ id: 's0', title: 'Zero' }], attempts)
    const result = run()
    expect(result.sample).toEqual({ annotators: 4, items: 12 })
    const stats = result.criteria[0]!
    for (const estimate of [
      stats.exactAgreement,
      stats.toleranceAgreement,
      stats.kappa.unweighted,
      stats.kappa.quadratic,
      stats.alpha,
    ]) {
      expect(estimate!.stat.defined).toBe(true)
      const ci = estimate!.ci!
      expect(ci.level).toBe(0.95)
      expect(ci.low).toBeLessThanOrEqual(value(estimate) + 1e-9)
      expect(ci.high).toBeGreaterThanOrEqual(value(estimate) - 1e-9)
    }
    expect(result.passRateCi).toEqual(expect.objectContaining({ level: 0.95 }))
    expect(result.misreadSections.every((s) => s.missRateCi !== null)).toBe(true)
    expect(run()).toEqual(result)
    const response = {
      ...result,
      trend: [],
      openDisputes: 0,
      disputesByExample: {},
      versions: ['1.0.0'],
      goldAudit: goldAudit('1.0.0', rubricOf([c]), examples, attempts),
    }
    expect(DashboardResponse.safeParse(response).success).toBe(true)
  })

  it('agrees with the reference alpha and Fleiss on the raw ratings', () => {
    const c = labelCriterion('l', ['a', 'b', 'c'])
    const labels = ['a', 'b', 'c']
    const examples = examplesWith(8, (e) => ({ l: [labels[e % 3]!] }))
    const answer = (u: number, e: number) => labels[(e + ((u * (e + 1)) % 2)) % 3]!
    const attempts = [0, 1, 2].map((u) => attemptOf(u, examples, [c], (e) => answer(u, e)))
    const result = calibrationAnalytics('1.0.0', rubricOf([c]), examples, [], attempts)
    const units = examples.map((_, e) => [0, 1, 2].map((u) => answer(u, e)))
    expect(value(result.criteria[0]!.alpha)).toBeCloseTo(
      value({ stat: krippendorffsAlpha(units, 'nominal'), ci: null }),
      12,
    )
    expect(value(result.criteria[0]!.fleiss)).toBeCloseTo(
      value({ stat: fleissKappaFromRatings(units, labels).kappa, ci: null }),
      12,
    )
  })
})

/** A random ordinal, label, binary or pairwise criterion with single-valued gold and answers (some missing). */
const scenario = fc
  .record({
    kind: fc.constantFrom('ordinal', 'label', 'binary', 'pairwise', 'pairwiseStrength'),
    examples: fc.integer({ min: 1, max: 12 }),
    annotators: fc.integer({ min: 1, max: 5 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  })
  .map(({ kind, examples, annotators, seed }) => {
    const criterion: Criterion =
      kind === 'ordinal'
        ? ordinalCriterion('c', seed % 3)
        : kind === 'label'
          ? labelCriterion('c', ['x', 'y', 'z', 'w'])
          : kind === 'binary'
            ? binaryCriterion('c')
            : pairwiseCriterion('c', kind === 'pairwiseStrength')
    const values = answerScale(criterion).values
    let state = seed
    const pick = () => {
      state = (state * 48271) % 2147483647
      return state % values.length
    }
    const gold = Array.from({ length: examples }, () => values[pick()]!)
    const answers = Array.from({ length: annotators }, () =>
      Array.from({ length: examples }, () => (pick() === 0 && values.length > 2 ? null : values[pick()]!)),
    )
    return { criterion, values, gold, answers }
  })

describe('the annotator-vs-gold kappa is cohensKappa over the raw answers (property)', () => {
  it('holds for every kind and weighting', () => {
    fc.assert(
      fc.property(scenario, ({ criterion, values, gold, answers }) => {
        const examples = examplesWith(gold.length, (e) => ({ c: [gold[e]!] }))
        const attempts = answers.map((row, u) => attemptOf(u, examples, [criterion], (e) => row[e]!))
        const stats = calibrationAnalytics('1.0.0', rubricOf([criterion]), examples, [], attempts, {
          replicates: 0,
        }).criteria[0]!
        const key = (v: GoldValue | null) => (v === null ? null : JSON.stringify(v))
        const pairs = answers.flatMap((row) => row.map((a, e) => [key(a), key(gold[e]!)] as const))
        const categories = values.map((v) => JSON.stringify(v))
        const weightings = [KappaWeighting.unweighted, KappaWeighting.linear, KappaWeighting.quadratic]
        const shown = [stats.kappa.unweighted, stats.kappa.linear, stats.kappa.quadratic]
        for (const [i, weighting] of weightings.entries()) {
          if (shown[i] === null) continue
          const expected = cohensKappa(pairs, categories, weighting)
          expect(shown[i]!.stat.defined).toBe(expected.defined)
          expect(shown[i]!.stat.n).toBe(expected.n)
          if (expected.defined && shown[i]!.stat.defined)
            expect(shown[i]!.stat.value).toBeCloseTo(expected.value, 10)
        }
      }),
      { numRuns: 200 },
    )
  })
})
