/** A pass on 1.2.0 stays valid at 1.3.0 and turns stale at 2.0.0; other states follow the newest attempt. */
import { describe, expect, it } from 'vitest'
import { type AttemptFacts, calibrationStatus } from '../../shared/rubric/calibrationStatus'

const attempt = (
  version: string,
  status: AttemptFacts['status'],
  passed: boolean | null,
  at = '2026-01-01',
): AttemptFacts => ({
  version,
  status,
  passed,
  score: passed === null ? null : passed ? 0.9 : 0.4,
  at,
})

describe('calibrationStatus', () => {
  it('keeps a pass through minor and patch versions and marks it stale at the next major', () => {
    const attempts = [attempt('1.2.0', 'submitted', true)]
    expect(calibrationStatus(attempts, '1.2.0').status).toBe('passed')
    expect(calibrationStatus(attempts, '1.3.0')).toMatchObject({ status: 'passed', version: '1.2.0' })
    expect(calibrationStatus(attempts, '1.3.1').status).toBe('passed')
    expect(calibrationStatus(attempts, '2.0.0')).toMatchObject({ status: 'stale', version: '1.2.0' })
  })

  it('reports not started, in progress and failed', () => {
    expect(calibrationStatus([], null).status).toBe('not_started')
    expect(calibrationStatus([], '1.0.0').status).toBe('not_started')
    expect(calibrationStatus([attempt('1.0.0', 'in_progress', null)], '1.0.0').status).toBe('in_progress')
    expect(calibrationStatus([attempt('1.0.0', 'submitted', false)], '1.0.0')).toMatchObject({
      status: 'failed',
      score: 0.4,
    })
    // A new attempt on the new major replaces a stale pass.
    const retaking = [attempt('2.0.0', 'in_progress', null), attempt('1.2.0', 'submitted', true)]
    expect(calibrationStatus(retaking, '2.0.0').status).toBe('in_progress')
    const passedAgain = [attempt('2.0.0', 'submitted', true), attempt('2.0.0', 'submitted', false)]
    expect(calibrationStatus(passedAgain, '2.1.0').status).toBe('passed')
  })
})

describe('calibrationStatus and blindness', () => {
  it('never reports a non-blind pass as passed, and prefers a blind pass', () => {
    const notBlind = { ...attempt('1.0.0', 'submitted', true), blind: false, seenBefore: 2 }
    expect(calibrationStatus([notBlind], '1.0.0')).toMatchObject({
      status: 'passed_not_blind',
      blind: false,
      seenBefore: 2,
    })
    const blindPass = { ...attempt('1.0.0', 'submitted', true, '2025-12-01'), blind: true }
    expect(calibrationStatus([notBlind, blindPass], '1.0.0')).toMatchObject({ status: 'passed', blind: true })
    // Results stored before blindness was recorded count as blind.
    expect(calibrationStatus([attempt('1.0.0', 'submitted', true)], '1.0.0').blind).toBe(true)
  })
})
