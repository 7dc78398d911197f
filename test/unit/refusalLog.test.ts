/**
 * The aggregated refusal log: one line per address and reason per interval with a count, written by the
 * interval timer and at close, with a bounded number of tracked pairs and one overflow line (fake clock).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { OVERFLOW_MESSAGE, REFUSALS_MESSAGE, RefusalLog } from '../../server/refusalLog'

type Line = { message: string; fields: Record<string, unknown> }

function logWith(options: { intervalMs?: number; maxAddresses?: number } = {}) {
  const lines: Line[] = []
  const refusals = new RefusalLog({
    intervalMs: options.intervalMs ?? 10_000,
    maxAddresses: options.maxAddresses ?? 100,
    write: (message, fields) => lines.push({ message, fields }),
  })
  return { lines, refusals }
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-01-01T00:00:00Z'))
})
afterEach(() => {
  vi.useRealTimers()
})

describe('refusal log', () => {
  it('writes nothing per refusal, then one line per address and reason with its count', () => {
    const { lines, refusals } = logWith()
    refusals.start()
    for (let i = 0; i < 300; i++)
      refusals.record('203.0.113.7', 'sign in required', { code: 4401, target: `d${i}` })
    for (let i = 0; i < 5; i++) refusals.record('203.0.113.7', 'unknown document', { code: 4404 })
    refusals.record('198.51.100.1', 'sign in required', { code: 4401 })
    expect(lines).toEqual([])
    vi.advanceTimersByTime(10_000)
    expect(lines).toEqual([
      {
        message: REFUSALS_MESSAGE,
        fields: {
          address: '203.0.113.7',
          reason: 'sign in required',
          code: 4401,
          count: 300,
          seconds: 10,
          sample: 'd0',
        },
      },
      {
        message: REFUSALS_MESSAGE,
        fields: { address: '203.0.113.7', reason: 'unknown document', code: 4404, count: 5, seconds: 10 },
      },
      {
        message: REFUSALS_MESSAGE,
        fields: { address: '198.51.100.1', reason: 'sign in required', code: 4401, count: 1, seconds: 10 },
      },
    ])
    refusals.close()
  })

  it('starts a new interval after each flush and writes nothing for a quiet one', () => {
    const { lines, refusals } = logWith()
    refusals.start()
    refusals.record('a', 'r', { code: 429 })
    vi.advanceTimersByTime(10_000)
    expect(lines).toHaveLength(1)
    vi.advanceTimersByTime(30_000)
    expect(lines).toHaveLength(1)
    refusals.record('a', 'r', { code: 429 })
    refusals.record('a', 'r', { code: 429 })
    vi.advanceTimersByTime(10_000)
    expect(lines.map((line) => line.fields.count)).toEqual([1, 2])
    refusals.close()
  })

  it('writes what is pending at close, and nothing after', () => {
    const { lines, refusals } = logWith()
    refusals.start()
    vi.advanceTimersByTime(4_000)
    refusals.record('a', 'r', { code: 4403 })
    refusals.close()
    expect(lines).toEqual([
      { message: REFUSALS_MESSAGE, fields: { address: 'a', reason: 'r', code: 4403, count: 1, seconds: 4 } },
    ])
    vi.advanceTimersByTime(60_000)
    expect(lines).toHaveLength(1)
  })

  it('tracks at most maxAddresses pairs and counts the rest in one overflow line', () => {
    const { lines, refusals } = logWith({ maxAddresses: 3 })
    for (let i = 0; i < 10_000; i++) refusals.record(`10.0.${i >> 8}.${i & 255}`, i % 2 ? 'odd' : 'even', {})
    // A pair already tracked keeps counting even when the table is full.
    refusals.record('10.0.0.0', 'even', {})
    refusals.flush()
    expect(lines).toHaveLength(4)
    expect(lines.slice(0, 3).map((line) => line.fields.count)).toEqual([2, 1, 1])
    expect(lines[3]).toMatchObject({
      message: OVERFLOW_MESSAGE,
      fields: { count: 9_997, reasons: ['even', 'odd'] },
    })
    // Memory is released with the interval.
    refusals.flush()
    expect(lines).toHaveLength(4)
  })

  it('clips long client-chosen addresses and sample names', () => {
    const { lines, refusals } = logWith()
    refusals.record('x'.repeat(5_000), 'unknown document', { code: 4404, target: 'd'.repeat(5_000) })
    refusals.flush()
    const fields = lines[0]!.fields
    expect((fields.address as string).length).toBeLessThanOrEqual(81)
    expect((fields.sample as string).length).toBeLessThanOrEqual(81)
  })
})
