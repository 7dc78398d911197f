/** How the runner, review, feedback and version page word an answer of each new shape. */
import { describe, expect, it } from 'vitest'
import { describeAnswer } from '../../client/calibration/answerState'
import type { Criterion, ExampleContent } from '../../shared/schema/rubric'

const base = { description: '', tags: [], weight: 1, rationaleRequired: false }
const steps: Criterion = {
  ...base,
  id: 'cot',
  title: 'Steps',
  kind: 'stepVerdict',
  verdicts: ['correct', 'incorrect'],
  mode: 'both',
  minStepAgreement: 0.8,
  stepTolerance: 0,
}
const content: ExampleContent = {
  kind: 'reasoning',
  prompt: 'p',
  steps: [
    { id: 'a', text: 'one' },
    { id: 'b', text: 'two' },
  ],
  answer: 'x',
}

describe('describeAnswer', () => {
  it('words N/A, label sets and span sets', () => {
    expect(describeAnswer(steps, { na: true })).toBe('N/A')
    expect(describeAnswer(steps, { labels: [] })).toBe('None of these')
    expect(describeAnswer(steps, { labels: ['x', 'y'] })).toBe('x, y')
    expect(describeAnswer(steps, { spans: [] })).toBe('Nothing marked')
    expect(describeAnswer(steps, { spans: [{ field: 'answer', start: 0, end: 1, label: 'l' }] })).toBe(
      '1 span',
    )
  })

  it('names the first wrong step by its number when the content is known', () => {
    const value = { steps: { a: 'correct', b: 'incorrect' }, firstWrong: 'b' }
    expect(describeAnswer(steps, value, content)).toBe('2 steps judged · first wrong: step 2')
    expect(describeAnswer(steps, { steps: {}, firstWrong: null }, content)).toBe('no wrong step')
    expect(describeAnswer(steps, null)).toBe('—')
  })
})
