/** The rater's inputs for multi-label, span and step-verdict criteria, as value changes. */
import { describe, expect, it } from 'vitest'
import {
  addSpan,
  judgedSteps,
  removeSpan,
  setFirstWrong,
  setStepVerdict,
  toggleLabel,
} from '../../client/calibration/answerValues'

const span = (start: number, end: number, label = 'claim') => ({ field: 'response', start, end, label })

describe('toggleLabel', () => {
  it('keeps the criterion order and can come back to an empty set', () => {
    const order = ['violence', 'self-harm', 'privacy']
    const a = toggleLabel(null, 'privacy', true, order)
    const b = toggleLabel(a, 'violence', true, order)
    expect(b).toEqual({ labels: ['violence', 'privacy'] })
    expect(toggleLabel(toggleLabel(b, 'violence', false, order), 'privacy', false, order)).toEqual({
      labels: [],
    })
  })
})

describe('spans', () => {
  it('adds spans once and unanswers when the last one is removed', () => {
    const one = addSpan(null, span(0, 4))
    expect(addSpan(one, span(0, 4))).toEqual(one)
    const two = addSpan(one, span(5, 9, 'bias'))
    expect(two.spans).toHaveLength(2)
    expect(removeSpan(two, 0)).toEqual({ spans: [span(5, 9, 'bias')] })
    expect(removeSpan(one, 0)).toBeNull()
  })
})

describe('step verdicts', () => {
  it('sets and clears verdicts per step, keeping the first wrong step', () => {
    const a = setStepVerdict(null, 's1', 'correct')
    const b = setFirstWrong(a, 's2')
    expect(b).toEqual({ steps: { s1: 'correct' }, firstWrong: 's2' })
    expect(setStepVerdict(b, 's1', '')).toEqual({ steps: {}, firstWrong: 's2' })
    expect(judgedSteps(b, ['s1', 's2', 's3'])).toBe(1)
  })

  it('distinguishes "no wrong step" (null) from no answer', () => {
    expect(setFirstWrong(null, null)).toEqual({ steps: {}, firstWrong: null })
    expect(setFirstWrong({ steps: {}, firstWrong: null }, undefined)).toBeNull()
    expect(setStepVerdict({ steps: { s1: 'correct' } }, 's1', '')).toBeNull()
  })
})
