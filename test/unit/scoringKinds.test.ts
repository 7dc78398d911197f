/**
 * Scoring the issue-15 kinds with hand-computed cases: multiLabel Jaccard, span matching and F1, step verdicts
 * (per step, first wrong step with tolerance, deleted steps), N/A, and scoring over question slots (A/B).
 */
import { describe, expect, it } from 'vitest'
import { jaccard } from '../../shared/rubric/labelSets'
import { agrees, judge, scoreAttempt } from '../../shared/rubric/scoring'
import { matchSpans } from '../../shared/rubric/spanMatch'
import type { Criterion, ExampleContent, MarkedSpan, Rubric } from '../../shared/schema/rubric'

const base = { title: 't', description: 'd', tags: [], weight: 1, rationaleRequired: false }
const labels = (...values: string[]) => values.map((value) => ({ value, description: '' }))
const multi = (minJaccard: number): Extract<Criterion, { kind: 'multiLabel' }> => ({
  ...base,
  id: 'harm',
  kind: 'multiLabel',
  labels: labels('violence', 'self-harm', 'fraud', 'hate'),
  minJaccard,
})
const span = (minOverlap = 0.5, minF1 = 0.5): Extract<Criterion, { kind: 'span' }> => ({
  ...base,
  id: 'claims',
  kind: 'span',
  labels: labels('unsupported', 'biased'),
  minOverlap,
  minF1,
})
const steps = (
  mode: 'perStep' | 'firstWrong' | 'both',
  extra: Partial<Extract<Criterion, { kind: 'stepVerdict' }>> = {},
): Extract<Criterion, { kind: 'stepVerdict' }> => ({
  ...base,
  id: 'cot',
  kind: 'stepVerdict',
  verdicts: ['correct', 'incorrect', 'unsafe', 'n/a'],
  mode,
  minStepAgreement: 0.8,
  stepTolerance: 0,
  ...extra,
})
const s = (start: number, end: number, label = 'unsupported', field = 'response'): MarkedSpan => ({
  field,
  start,
  end,
  label,
})
const reasoning: ExampleContent = {
  kind: 'reasoning',
  prompt: 'What is 2+2*3?',
  steps: ['s1', 's2', 's3', 's4', 's5'].map((id) => ({ id, text: `step ${id}` })),
  answer: '8',
}

describe('multiLabel: Jaccard', () => {
  it('computes |∩|/|∪|, two empty sets = 1, one empty = 0', () => {
    expect(jaccard([], [])).toBe(1)
    expect(jaccard(['fraud'], [])).toBe(0)
    expect(jaccard(['violence', 'fraud'], ['fraud', 'hate', 'self-harm'])).toBeCloseTo(1 / 4)
    expect(jaccard(['fraud', 'fraud'], ['fraud'])).toBe(1)
  })
  it('default 1.0 needs the exact set; the best of several accepted sets counts', () => {
    const exact = multi(1)
    expect(agrees(exact, { labels: ['fraud', 'hate'] }, [{ labels: ['hate', 'fraud'] }])).toBe(true)
    expect(agrees(exact, { labels: ['fraud'] }, [{ labels: ['hate', 'fraud'] }])).toBe(false)
    // {fraud, hate} vs {fraud} = 1/2, vs {fraud, hate, violence} = 2/3: best 2/3.
    const loose = multi(0.6)
    const result = judge(loose, { labels: ['fraud', 'hate'] }, [
      { labels: ['fraud'] },
      { labels: ['fraud', 'hate', 'violence'] },
    ])
    expect(result).toEqual({ agrees: true, detail: { kind: 'multiLabel', accepted: 1, jaccard: 2 / 3 } })
    expect(
      agrees(multi(0.7), { labels: ['fraud', 'hate'] }, [{ labels: ['fraud', 'hate', 'violence'] }]),
    ).toBe(false)
    expect(agrees(exact, { labels: [] }, [{ labels: [] }])).toBe(true)
    expect(agrees(exact, { labels: [] }, [{ labels: ['fraud'] }])).toBe(false)
  })
})

describe('span: matching and F1', () => {
  it('both empty → F1 1; one empty → F1 0', () => {
    expect(matchSpans([], [], 0.5).f1).toBe(1)
    expect(matchSpans([s(0, 5)], [], 0.5).f1).toBe(0)
    expect(matchSpans([], [s(0, 5)], 0.5).f1).toBe(0)
    expect(agrees(span(), { spans: [] }, [{ spans: [] }])).toBe(true)
    expect(agrees(span(), { spans: [] }, [{ spans: [s(0, 5)] }])).toBe(false)
  })
  it('two rater spans over one gold span: only one matches (largest overlap)', () => {
    // gold 10–20; rater 8–14 shares 4 of min(6,10)=6 (≥3), rater 12–20 shares 8 of min(8,10)=8.
    const m = matchSpans([s(8, 14), s(12, 20)], [s(10, 20)], 0.5)
    expect(m.matched).toEqual([{ rater: s(12, 20), gold: s(10, 20), overlap: 8 }])
    expect(m.extra).toEqual([s(8, 14)])
    expect(m.missed).toEqual([])
    // P = 1/2, R = 1/1, F1 = 2·½·1/(1½) = 2/3.
    expect(m.precision).toBe(0.5)
    expect(m.recall).toBe(1)
    expect(m.f1).toBeCloseTo(2 / 3)
  })
  it('overlap exactly at the threshold matches; one character less does not', () => {
    // gold 0–10, rater 5–15: shared 5 = 0.5 × min(10, 10).
    expect(matchSpans([s(5, 15)], [s(0, 10)], 0.5).matched).toHaveLength(1)
    // rater 6–16: shared 4 < 5.
    expect(matchSpans([s(6, 16)], [s(0, 10)], 0.5).matched).toHaveLength(0)
    // The shorter span sets the bar: rater 2–4 inside gold 0–100 shares all of its 2 characters.
    expect(matchSpans([s(2, 4)], [s(0, 100)], 0.5).matched).toHaveLength(1)
  })
  it('a different label or a different field never matches', () => {
    expect(matchSpans([s(0, 10, 'biased')], [s(0, 10)], 0.5).f1).toBe(0)
    expect(matchSpans([s(0, 10, 'unsupported', 'prompt')], [s(0, 10)], 0.5).f1).toBe(0)
  })
  it('ties on overlap go to the earlier gold span', () => {
    // rater 5–15 shares 5 with gold 0–10 and 5 with gold 10–20: the earlier gold (0–10) takes it.
    const m = matchSpans([s(5, 15)], [s(0, 10), s(10, 20)], 0.5)
    expect(m.matched[0]!.gold).toEqual(s(0, 10))
    expect(m.missed).toEqual([s(10, 20)])
  })
  it('agrees at minF1 with the best accepted set and reports matched/missed/extra', () => {
    // Against set 1: 1 of 2 rater spans match 1 of 1 gold → F1 2/3; set 2: both match → F1 1.
    const answer = { spans: [s(0, 10), s(20, 30)] }
    const result = judge(span(0.5, 0.9), answer, [{ spans: [s(0, 10)] }, { spans: [s(0, 9), s(21, 30)] }])
    expect(result.agrees).toBe(true)
    expect(result.detail).toMatchObject({ kind: 'span', accepted: 1, f1: 1, missed: [], extra: [] })
    expect(agrees(span(0.5, 0.7), answer, [{ spans: [s(0, 10)] }])).toBe(false)
    expect(agrees(span(0.5, 0.6), answer, [{ spans: [s(0, 10)] }])).toBe(true)
  })
})

describe('stepVerdict', () => {
  const gold = {
    steps: { s1: 'correct', s2: 'correct', s3: 'incorrect', s4: 'incorrect', s5: 'correct' },
    firstWrong: 's3',
  }
  it('per step: share of counted steps; agrees at minStepAgreement', () => {
    // 4 of 5 agree = 0.8 ≥ 0.8.
    const answer = { steps: { ...gold.steps, s5: 'incorrect' } }
    const r = judge(steps('perStep'), answer, [gold], reasoning)
    expect(r.agrees).toBe(true)
    expect(r.detail).toMatchObject({ kind: 'stepVerdict', stepAgreement: 0.8 })
    // 3 of 5 = 0.6.
    expect(agrees(steps('perStep'), { steps: { ...answer.steps, s1: 'unsafe' } }, [gold], reasoning)).toBe(
      false,
    )
  })
  it('a gold verdict for a deleted step is ignored; a step without gold is not counted', () => {
    const withDeleted = { steps: { s1: 'correct', s2: 'correct', gone: 'unsafe' } }
    // Counted: s1, s2 (s3–s5 have no gold verdict; "gone" is not in the content). Both agree → 1.
    const r = judge(
      steps('perStep'),
      { steps: { s1: 'correct', s2: 'correct', s3: 'x' } },
      [withDeleted],
      reasoning,
    )
    expect(r.agrees).toBe(true)
    expect(r.detail).toMatchObject({ stepAgreement: 1 })
  })
  it('first wrong step: exact by default, within ±1 with tolerance 1, null only matches null', () => {
    const exact = steps('firstWrong')
    const loose = steps('firstWrong', { stepTolerance: 1 })
    expect(agrees(exact, { steps: {}, firstWrong: 's3' }, [gold], reasoning)).toBe(true)
    expect(agrees(exact, { steps: {}, firstWrong: 's4' }, [gold], reasoning)).toBe(false)
    expect(agrees(loose, { steps: {}, firstWrong: 's4' }, [gold], reasoning)).toBe(true)
    expect(agrees(loose, { steps: {}, firstWrong: 's2' }, [gold], reasoning)).toBe(true)
    expect(agrees(loose, { steps: {}, firstWrong: 's5' }, [gold], reasoning)).toBe(false)
    expect(agrees(loose, { steps: {}, firstWrong: null }, [gold], reasoning)).toBe(false)
    expect(agrees(exact, { steps: {}, firstWrong: null }, [{ steps: {}, firstWrong: null }], reasoning)).toBe(
      true,
    )
    expect(agrees(exact, { steps: {} }, [gold], reasoning)).toBe(false)
    const r = judge(loose, { steps: {}, firstWrong: 's4' }, [gold], reasoning)
    expect(r.detail).toMatchObject({ firstWrong: { answer: 4, gold: 3, agrees: true }, stepAgreement: null })
  })
  it('mode both needs both parts', () => {
    const both = steps('both')
    expect(agrees(both, { ...gold }, [gold], reasoning)).toBe(true)
    expect(agrees(both, { ...gold, firstWrong: 's4' }, [gold], reasoning)).toBe(false)
    expect(
      agrees(both, { steps: { ...gold.steps, s1: 'x', s2: 'x' }, firstWrong: 's3' }, [gold], reasoning),
    ).toBe(false)
  })
})

describe('N/A', () => {
  const binary: Criterion = { ...base, id: 'b', kind: 'binary', allowNA: true }
  it('agrees only when gold accepts N/A and the answer is N/A', () => {
    expect(agrees(binary, { na: true }, [{ na: true }])).toBe(true)
    expect(agrees(binary, { na: true }, [true])).toBe(false)
    expect(agrees(binary, true, [{ na: true }])).toBe(false)
    expect(agrees(binary, true, [{ na: true }, true])).toBe(true)
    expect(agrees(multi(1), { na: true }, [{ labels: [] }])).toBe(false)
  })
})

describe('scoreAttempt over slots', () => {
  it('aggregates the A and B slots of a criterion into one row, and passes contents for step order', () => {
    const acc: Criterion = { ...base, id: 'acc', kind: 'binary' }
    const cot = steps('firstWrong', { weight: 2 })
    const rubric: Rubric = { title: 'r', instructions: '', passThreshold: 0.5, criteria: [acc, cot] }
    const result = scoreAttempt(
      rubric,
      { p: { 'acc@A': [true], 'acc@B': [false] }, r: { cot: [{ steps: {}, firstWrong: 's2' }] } },
      {
        p: { 'acc@A': { value: true }, 'acc@B': { value: true } },
        r: { cot: { value: { steps: {}, firstWrong: 's2' } } },
      },
      { r: reasoning },
    )
    expect(result.perCriterion).toEqual([
      { criterionId: 'acc', agreed: 1, total: 2, agreement: 0.5 },
      { criterionId: 'cot', agreed: 1, total: 1, agreement: 1 },
    ])
    expect(result.perAnswer).toEqual({ p: { 'acc@A': true, 'acc@B': false }, r: { cot: true } })
    // (1 + 0 + 2) / (1 + 1 + 2)
    expect(result.score).toBe(0.75)
    expect(result.details.r?.cot).toMatchObject({ kind: 'stepVerdict', firstWrong: { answer: 2, gold: 2 } })
  })
})
