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
