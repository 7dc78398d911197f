/** When the calibration runner counts an answer as complete, for every criterion kind. */
import { describe, expect, it } from 'vitest'
import { missingPart } from '../../client/calibration/answerState'
import type { Criterion } from '../../shared/schema/rubric'

const base = { id: 'c', title: 'C', description: '', tags: [], weight: 1, rationaleRequired: false }
const pairwise: Criterion = { ...base, kind: 'pairwise', allowTie: true, strengthRequired: true }
const ordinal: Criterion = {
  ...base,
  kind: 'ordinal',
  tolerance: 1,
  rationaleRequired: true,
  levels: [1, 2, 3].map((value) => ({ value, label: `L${value}`, descriptor: '' })),
}
const label: Criterion = {
  ...base,
  kind: 'label',
  labels: [{ value: 'pass', description: '' }],
  passingLabels: ['pass'],
}

describe('missingPart', () => {
  it('asks for a value, then a strength for a preferred side, never for a tie', () => {
    expect(missingPart(pairwise, undefined)).toBe('value')
    expect(missingPart(pairwise, { value: { choice: 'A' } })).toBe('strength')
    expect(missingPart(pairwise, { value: { choice: 'A', strength: 'clear' } })).toBeNull()
    expect(missingPart(pairwise, { value: { choice: 'tie' } })).toBeNull()
  })

  it('asks for a required rationale once the level is chosen', () => {
    expect(missingPart(ordinal, { value: 2 })).toBe('rationale')
    expect(missingPart(ordinal, { value: 2, rationale: '  ' })).toBe('rationale')
    expect(missingPart(ordinal, { value: 2, rationale: 'section 3' })).toBeNull()
    expect(missingPart(ordinal, { value: 7, rationale: 'x' })).toBe('value')
  })

  it('accepts only labels of the criterion', () => {
    expect(missingPart(label, { value: 'pass' })).toBeNull()
    expect(missingPart(label, { value: 'other' })).toBe('value')
    expect(missingPart(label, { value: null })).toBe('value')
  })
})

describe('missingPart for the issue-15 kinds (with the item content)', () => {
  const steps: Criterion = {
    ...base,
    kind: 'stepVerdict',
    verdicts: ['ok', 'wrong'],
    mode: 'both',
    minStepAgreement: 1,
    stepTolerance: 0,
  }
  const content = {
    kind: 'reasoning' as const,
    prompt: 'p',
    steps: [
      { id: 's1', text: 'a' },
      { id: 's2', text: 'b' },
    ],
    answer: 'x',
  }
  it('needs a verdict per step and the first wrong step (none allowed)', () => {
    expect(missingPart(steps, { value: { steps: { s1: 'ok' } } }, content)).toBe('value')
    expect(missingPart(steps, { value: { steps: { s1: 'ok', s2: 'ok' } } }, content)).toBe('value')
    expect(
      missingPart(steps, { value: { steps: { s1: 'ok', s2: 'ok' }, firstWrong: null } }, content),
    ).toBeNull()
  })
  it('N/A where not allowed is a wrong value, not a missing strength', () => {
    expect(missingPart(pairwise, { value: { na: true } })).toBe('value')
    expect(missingPart({ ...pairwise, allowNA: true }, { value: { na: true } })).toBeNull()
  })
})
