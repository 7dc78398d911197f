/** Which values fit the issue-15 kinds (goldFits / whyNotFits), with and without the example's content. */
import { describe, expect, it } from 'vitest'
import { describeValue, goldFits, whyNotFits } from '../../shared/rubric/goldFits'
import { valueKey } from '../../shared/rubric/valueKey'
import type { Criterion, ExampleContent } from '../../shared/schema/rubric'

const base = { title: 't', description: 'd', tags: [], weight: 1, rationaleRequired: false }
const labels = (...values: string[]) => values.map((value) => ({ value, description: '' }))
const multi: Criterion = { ...base, id: 'm', kind: 'multiLabel', labels: labels('a', 'b'), minJaccard: 1 }
const span: Criterion = {
  ...base,
  id: 's',
  kind: 'span',
  labels: labels('claim'),
  minOverlap: 0.5,
  minF1: 0.5,
}
const stepCriterion = (mode: 'perStep' | 'firstWrong' | 'both'): Criterion => ({
  ...base,
  id: 'v',
  kind: 'stepVerdict',
  verdicts: ['correct', 'incorrect'],
  mode,
  minStepAgreement: 0.8,
  stepTolerance: 0,
})
const single: ExampleContent = { kind: 'single', prompt: 'Q?', response: 'Paris is in Italy.' }
const reasoning: ExampleContent = {
  kind: 'reasoning',
  prompt: 'p',
  steps: [
    { id: 's1', text: 'a' },
    { id: 's2', text: 'b' },
  ],
  answer: 'x',
}

describe('goldFits for the new kinds', () => {
  it('N/A fits only where allowed', () => {
    expect(goldFits({ ...base, id: 'b', kind: 'binary' }, { na: true })).toBe(false)
    expect(goldFits({ ...base, id: 'b', kind: 'binary', allowNA: true }, { na: true })).toBe(true)
    expect(whyNotFits(multi, { na: true })).toBe('N/A is not allowed for this criterion')
  })
  it('multiLabel: known labels, no duplicates, empty allowed', () => {
    expect(goldFits(multi, { labels: [] })).toBe(true)
    expect(goldFits(multi, { labels: ['a', 'b'] })).toBe(true)
    expect(whyNotFits(multi, { labels: ['c'] })).toBe('unknown label "c"')
    expect(whyNotFits(multi, { labels: ['a', 'a'] })).toBe('a label is chosen twice')
    expect(goldFits(multi, 'a')).toBe(false)
  })
  it('span: label known, range non-empty, inside an existing text when content is given', () => {
    const ok = { spans: [{ field: 'response', start: 0, end: 5, label: 'claim' }] }
    expect(goldFits(span, ok, single)).toBe(true)
    expect(whyNotFits(span, { spans: [{ field: 'response', start: 0, end: 5, label: 'x' }] })).toBe(
      'unknown label "x"',
    )
    expect(goldFits(span, { spans: [{ field: 'response', start: 5, end: 5, label: 'claim' }] })).toBe(false)
    // 'Paris is in Italy.' has 18 characters: end 19 is outside; without content only the shape is checked.
    const outside = { spans: [{ field: 'response', start: 10, end: 19, label: 'claim' }] }
    expect(whyNotFits(span, outside, single)).toBe('span 10–19 is outside the text of response')
    expect(goldFits(span, outside)).toBe(true)
    expect(
      goldFits(span, { spans: [{ field: 'response', start: 10, end: 18, label: 'claim' }] }, single),
    ).toBe(true)
    expect(
      whyNotFits(span, { spans: [{ field: 'turns.x', start: 0, end: 1, label: 'claim' }] }, single),
    ).toBe('no text "turns.x" in this example')
  })
  it('stepVerdict: known verdicts, existing steps, the parts the mode needs', () => {
    const all = { steps: { s1: 'correct', s2: 'incorrect' } }
    expect(goldFits(stepCriterion('perStep'), all, reasoning)).toBe(true)
    expect(whyNotFits(stepCriterion('perStep'), { steps: { s1: 'correct' } }, reasoning)).toBe(
      'no verdict for step 2',
    )
    expect(whyNotFits(stepCriterion('perStep'), { steps: { ...all.steps, s9: 'correct' } }, reasoning)).toBe(
      'no step "s9" in this example',
    )
    expect(whyNotFits(stepCriterion('perStep'), { steps: { s1: 'maybe', s2: 'correct' } })).toBe(
      'unknown verdict "maybe"',
    )
    expect(goldFits(stepCriterion('firstWrong'), { steps: {}, firstWrong: null }, reasoning)).toBe(true)
    expect(goldFits(stepCriterion('firstWrong'), { steps: {} }, reasoning)).toBe(false)
    expect(goldFits(stepCriterion('firstWrong'), { steps: {}, firstWrong: 's3' }, reasoning)).toBe(false)
    expect(goldFits(stepCriterion('both'), { ...all, firstWrong: 's2' }, reasoning)).toBe(true)
    expect(goldFits(stepCriterion('both'), { steps: {}, firstWrong: 's2' }, reasoning)).toBe(false)
  })
})

describe('describeValue and valueKey for the new kinds', () => {
  it('reads as a lead reads it', () => {
    expect(describeValue(multi, { na: true })).toBe('N/A')
    expect(describeValue(multi, { labels: [] })).toBe('None')
    expect(describeValue(multi, { labels: ['a', 'b'] })).toBe('a, b')
    expect(
      describeValue(span, {
        spans: [
          { field: 'response', start: 0, end: 2, label: 'claim' },
          { field: 'response', start: 4, end: 6, label: 'claim' },
        ],
      }),
    ).toBe('claim ×2')
    expect(describeValue(stepCriterion('both'), { steps: { s1: 'correct' }, firstWrong: null })).toBe(
      'correct 1; no wrong step',
    )
  })
  it('keys sets independently of order', () => {
    expect(valueKey({ labels: ['b', 'a'] })).toBe(valueKey({ labels: ['a', 'b'] }))
    expect(valueKey({ steps: { s2: 'x', s1: 'y' } })).toBe(valueKey({ steps: { s1: 'y', s2: 'x' } }))
    expect(valueKey({ na: true })).not.toBe(valueKey(true))
  })
})
