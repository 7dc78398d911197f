/**
 * Analytics for the issue-15 kinds with hand-computed figures: per-label kappa for multiLabel, span F1 vs gold
 * and between annotators, Krippendorff's alpha over step verdicts and the first-wrong exact share, N/A as a
 * nominal category left out of the ordinal figures, and (example, slot) units with task types.
 */
import { describe, expect, it } from 'vitest'
import { calibrationAnalytics } from '../../shared/rubric/analytics'
import type { CalibrationExample, Criterion, GoldValue, Rubric } from '../../shared/schema/rubric'
import { attemptOf, examplesWith, rubricOf } from './analyticsFixtures'

const base = { description: 'd', tags: [], weight: 1, rationaleRequired: false }
const labels = (...values: string[]) => values.map((value) => ({ value, description: '' }))
const value = (e: { stat: { defined: boolean } }) => (e.stat as { value?: number }).value
const run = (
  rubric: Rubric,
  examples: CalibrationExample[],
  answers: ((e: number, c: string) => GoldValue | null)[],
) =>
  calibrationAnalytics(
    '1.0.0',
    rubric,
    examples,
    [],
    answers.map((answer, u) => attemptOf(u, examples, rubric.criteria, answer)),
    { replicates: 0 },
  )

describe('multiLabel: per-label kappa', () => {
  it('computes Cohen (vs gold) and Fleiss (between annotators) per label', () => {
    const multi: Criterion = {
      ...base,
      id: 'm',
      title: 'Harms',
      kind: 'multiLabel',
      labels: labels('a', 'b'),
      minJaccard: 1,
    }
    const examples = examplesWith(2, (e) => ({ m: [{ labels: e === 0 ? ['a'] : ['b'] }] }))
    const r1 = [['a'], ['b']]
    const r2 = [['a', 'b'], ['b']]
    const result = run(rubricOf([multi]), examples, [
      (e) => ({ labels: r1[e]! }),
      (e) => ({ labels: r2[e]! }),
    ])
    const row = result.criteria[0]!
    // Exact: r1 2 of 2, r2 1 of 2.
    expect(value(row.exactAgreement)).toBe(0.75)
    expect(row.toleranceAgreement).toBeNull()
    const [a, b] = row.perLabel!
    expect(value(a!.kappa)).toBe(1)
    // Label b, (rater, gold): (F,F) (T,T) (T,F) (T,T): po = 3/4, pe = (3·2 + 1·2)/16 = 1/2, κ = 1/2.
    expect(value(b!.kappa)).toBeCloseTo(0.5)
    // Fleiss over [no, yes] rows [1,1] and [0,2]: P̄ = 1/2, P̄e = (1/4)² + (3/4)² = 5/8, κ = −1/3.
    expect(value(b!.fleiss)).toBeCloseTo(-1 / 3)
    expect(row.kappa.unweighted.stat).toMatchObject({ defined: false, reason: 'not_applicable' })
  })
})

describe('span: F1 vs gold and between annotators', () => {
  it('averages per answer and per pair of annotators', () => {
    const span: Criterion = {
      ...base,
      id: 's',
      title: 'Claims',
      kind: 'span',
      labels: labels('x'),
      minOverlap: 0.5,
      minF1: 0.5,
    }
    const examples = examplesWith(1, () => ({
      s: [{ spans: [{ field: 'responseA', start: 0, end: 10, label: 'x' }] }],
    }))
    const answers: GoldValue[] = [
      { spans: [{ field: 'responseA', start: 0, end: 10, label: 'x' }] },
      { spans: [{ field: 'responseA', start: 5, end: 15, label: 'x' }] },
      { spans: [] },
    ]
    const result = run(
      rubricOf([span]),
      examples,
      answers.map((a) => () => a),
    )
    const row = result.criteria[0]!
    // F1 vs gold: 1, 1 (5 shared ≥ 0.5 × 10), 0 → 2/3; pairs: (1,2) 1, (1,3) 0, (2,3) 0 → 1/3.
    expect(value(row.spanF1!.vsGold)).toBeCloseTo(2 / 3)
    expect(value(row.spanF1!.betweenAnnotators)).toBeCloseTo(1 / 3)
    expect(row.spanF1!.betweenAnnotators.stat.n).toBe(3)
    expect(value(row.exactAgreement)).toBeCloseTo(1 / 3)
    expect(value(row.toleranceAgreement!)).toBeCloseTo(2 / 3)
    expect(result.examples[0]!.commonWrongAnswers).toEqual([
      { criterionId: 's', criterionTitle: 'Claims', answer: 'No spans', count: 1 },
    ])
  })
})

describe('stepVerdict: alpha over steps, first-wrong exact share', () => {
  it('computes nominal alpha over (example, step) units', () => {
    const cot: Criterion = {
      ...base,
      id: 'v',
      title: 'Steps',
      kind: 'stepVerdict',
      verdicts: ['c', 'i'],
      mode: 'both',
      minStepAgreement: 1,
      stepTolerance: 0,
    }
    const examples = examplesWith(1, () => ({ v: [{ steps: { s1: 'c', s2: 'i' }, firstWrong: 's2' }] })).map(
      (e): CalibrationExample => ({
        ...e,
        content: {
          kind: 'reasoning',
          prompt: 'p',
          steps: [
            { id: 's1', text: 'a' },
            { id: 's2', text: 'b' },
          ],
          answer: 'x',
        },
      }),
    )
    const answers: GoldValue[] = [
      { steps: { s1: 'c', s2: 'i' }, firstWrong: 's2' },
      { steps: { s1: 'c', s2: 'c' }, firstWrong: null },
      { steps: { s1: 'c', s2: 'i' }, firstWrong: 's2' },
    ]
    const row = run(
      rubricOf([cot]),
      examples,
      answers.map((a) => () => a),
    ).criteria[0]!
    // Units s1 [c,c,c], s2 [i,c,i]: o_cc = 3, o_ii = 1, o_ci = o_ic = 1; n_c = 4, n_i = 2, n = 6;
    // α = 1 − 5 · 2 / (2 · 4 · 2) = 0.375.
    expect(value(row.steps!.alpha!)).toBeCloseTo(0.375)
    expect(value(row.alpha)).toBeCloseTo(0.375)
    expect(value(row.steps!.firstWrongExact!)).toBeCloseTo(2 / 3)
    expect(value(row.toleranceAgreement!)).toBeCloseTo(2 / 3)
  })
})

describe('N/A', () => {
  const ordinal: Criterion = {
    ...base,
    id: 'o',
    title: 'Quality',
    kind: 'ordinal',
    tolerance: 0,
    allowNA: true,
    levels: [1, 2, 3].map((v) => ({ value: v, label: `${v}`, descriptor: '' })),
  }
  const gold = [1, 2, 3, 1]
  const examples = examplesWith(4, (e) => ({ o: e === 3 ? [1, { na: true }] : [gold[e]!] }))
  const r2 = [1, 3, 3, 1]
  const withNA = run(rubricOf([ordinal]), examples, [
    (e) => (e === 3 ? { na: true } : gold[e]!),
    (e) => r2[e]!,
  ])
  const withoutAnswer = run(rubricOf([ordinal]), examples, [
    (e) => (e === 3 ? null : gold[e]!),
    (e) => r2[e]!,
  ])
  it('is a nominal category: it agrees where gold accepts it and enters unweighted kappa', () => {
    const row = withNA.criteria[0]!
    expect(row.categories).toBe('levels 1–3 + N/A')
    expect(value(row.exactAgreement)).toBe(7 / 8)
    expect(value(withoutAnswer.criteria[0]!.exactAgreement)).toBe(6 / 8)
    expect(value(row.kappa.unweighted)).not.toBe(value(withoutAnswer.criteria[0]!.kappa.unweighted))
  })
  it('is left out of the weighted kappas and the ordinal alpha', () => {
    const [a, b] = [withNA.criteria[0]!, withoutAnswer.criteria[0]!]
    expect(a.alphaLevel).toBe('ordinal')
    expect(value(a.kappa.linear!)).toBe(value(b.kappa.linear!))
    expect(value(a.kappa.quadratic!)).toBe(value(b.kappa.quadratic!))
    expect(value(a.alpha)).toBe(value(b.alpha))
    expect(value(a.alpha)).toBeDefined()
  })
})

describe('units are (example, slot)', () => {
  it('counts a per-response criterion twice on pairwise content with task types', () => {
    const check: Criterion = { ...base, id: 'b', title: 'Correct', kind: 'binary' }
    const rubric: Rubric = {
      ...rubricOf([check]),
      taskTypes: [{ id: 't', name: 'Compare', contentKind: 'pairwise', criterionIds: ['b'] }],
    }
    const examples = examplesWith(1, () => ({ 'b@A': [true], 'b@B': [false] }))
    const attempt = attemptOf(0, examples, [], () => null)
    attempt.answers = { e0: { 'b@A': { value: true }, 'b@B': { value: true } } }
    const result = calibrationAnalytics('1.0.0', rubric, examples, [], [attempt], { replicates: 0 })
    expect(result.criteria[0]!.items).toBe(2)
    expect(value(result.criteria[0]!.exactAgreement)).toBe(0.5)
    expect(result.examples[0]).toMatchObject({ answers: 2, misses: 1 })
  })
})

describe('intervals for the set kinds', () => {
  it('bootstraps per-label kappa and step alpha over (example, slot) units', () => {
    const multi: Criterion = {
      ...base,
      id: 'm',
      title: 'Harms',
      kind: 'multiLabel',
      labels: labels('a', 'b'),
      minJaccard: 1,
    }
    const examples = examplesWith(8, (e) => ({ m: [{ labels: e % 2 ? ['b'] : ['a'] }] }))
    const rubric = rubricOf([multi])
    const result = calibrationAnalytics(
      '1.0.0',
      rubric,
      examples,
      [],
      [
        attemptOf(0, examples, rubric.criteria, (e) => ({ labels: e % 2 ? ['b'] : ['a'] })),
        attemptOf(1, examples, rubric.criteria, (e) => ({
          labels: e % 2 ? ['b'] : e % 4 ? ['a', 'b'] : ['a'],
        })),
      ],
      { replicates: 200 },
    )
    const b = result.criteria[0]!.perLabel![1]!
    const kappa = value(b.kappa)!
    expect(b.kappa.ci).not.toBeNull()
    expect(b.kappa.ci!.low).toBeLessThanOrEqual(kappa)
    expect(b.kappa.ci!.high).toBeGreaterThanOrEqual(kappa)
  })
})
