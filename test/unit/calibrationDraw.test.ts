/**
 * The calibration pool (what an attempt draws from, and why examples are excluded) and the draw: unseen
 * items first, per-section minimums, round-robin across section × difficulty strata, seen items reported.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { calibrationPool, describePool, isHeldOut } from '../../shared/rubric/calibrationPool'
import { drawItems } from '../../shared/rubric/drawItems'
import type { CalibrationExample, Rubric } from '../../shared/schema/rubric'

const rubric: Rubric = {
  title: 'R',
  instructions: '',
  passThreshold: 0.8,
  criteria: [
    { id: 'c', kind: 'binary', title: 'C', description: '', tags: [], weight: 1, rationaleRequired: false },
  ],
}

const example = (id: string, over: Partial<CalibrationExample> = {}): CalibrationExample => ({
  id,
  title: id,
  content: { kind: 'free', body: id },
  gold: { c: { accepted: [true], rationale: '' } },
  rationale: '',
  difficulty: 'medium',
  sectionId: 's1',
  status: 'ready',
  role: 'calibration',
  ...over,
})

const seeded = (seed: number) => {
  let state = seed || 1
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state % n
  }
}

describe('calibrationPool', () => {
  it('excludes teaching, draft, gold-less and misfit-gold examples, each with its reason', () => {
    const pool = calibrationPool({
      rubric,
      examples: [
        example('ok'),
        example('legacy', { role: undefined }),
        example('teach', { role: 'teaching' }),
        example('draft', { status: 'draft' }),
        example('nogold', { gold: {} }),
        example('misfit', { gold: { c: { accepted: [3], rationale: '' } } }),
      ],
    })
    expect(pool.items.map((e) => e.id)).toEqual(['ok', 'legacy'])
    expect(pool.excluded.map((e) => [e.exampleId, e.reason])).toEqual([
      ['teach', 'teaching'],
      ['draft', 'draft'],
      ['nogold', 'no_gold'],
      ['misfit', 'gold_does_not_fit'],
    ])
    expect(pool.perAttempt).toBe(2)
    expect(describePool({ items: 2, perAttempt: 2 })).toBe('Each attempt draws all 2 calibration items.')
    expect(describePool({ items: 12, perAttempt: 5 })).toBe('Each attempt draws 5 of 12 calibration items.')
    expect(describePool({ items: 0, perAttempt: 0 })).toMatch(/No calibration items/)
  })

  it('holds out only examples explicitly marked as calibration items', () => {
    expect(isHeldOut(example('a'))).toBe(true)
    expect(isHeldOut(example('a', { role: 'teaching' }))).toBe(false)
    expect(isHeldOut(example('a', { role: undefined }))).toBe(false)
  })

  it('caps items per attempt at the pool size', () => {
    const pool = calibrationPool({
      rubric: { ...rubric, attempt: { itemsPerAttempt: 10, minPerSection: 0, showSectionHint: false } },
      examples: [example('a'), example('b')],
    })
    expect(pool.perAttempt).toBe(2)
  })
})

describe('drawItems', () => {
  const settings = { itemsPerAttempt: 3, minPerSection: 0, showSectionHint: false }
  const pool = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => example(id))

  it('draws unseen items first and reports the seen ones it had to use', () => {
    const seen = new Set(['a', 'b', 'c'])
    const fresh = drawItems(pool, settings, seen, seeded(7))
    expect(fresh.order.sort()).toEqual(['d', 'e', 'f'])
    expect(fresh.seenBefore).toEqual([])
    const short = drawItems(pool, settings, new Set(['a', 'b', 'c', 'd', 'e']), seeded(7))
    expect(short.order).toContain('f')
    expect(short.seenBefore).toHaveLength(2)
  })

  it('gives each section its minimum and spreads the rest across sections and difficulties', () => {
    const mixed = [
      ...['a1', 'a2', 'a3', 'a4'].map((id) => example(id, { sectionId: 'A' })),
      example('b1', { sectionId: 'B', difficulty: 'hard' }),
      example('c1', { sectionId: 'C', difficulty: 'easy' }),
    ]
    for (let seed = 1; seed < 30; seed++) {
      const draw = drawItems(mixed, { ...settings, minPerSection: 1 }, new Set(), seeded(seed))
      expect(draw.order).toHaveLength(3)
      expect(draw.order).toEqual(expect.arrayContaining(['b1', 'c1']))
      // Round-robin without a minimum still covers all three strata.
      const spread = drawItems(mixed, settings, new Set(), seeded(seed))
      expect(spread.order).toEqual(expect.arrayContaining(['b1', 'c1']))
    }
  })

  it('always draws min(n, pool) distinct pool items, unseen before seen (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 1, max: 1e6 }),
        (size, n, minPerSection, seenFlags, seed) => {
          const items = Array.from({ length: size }, (_, i) =>
            example(`x${i}`, {
              sectionId: `s${i % 3}`,
              difficulty: (['easy', 'medium', 'hard'] as const)[i % 3]!,
            }),
          )
          const seen = new Set(items.filter((_, i) => seenFlags[i]).map((e) => e.id))
          const draw = drawItems(
            items,
            { itemsPerAttempt: n, minPerSection, showSectionHint: false },
            seen,
            seeded(seed),
          )
          expect(new Set(draw.order).size).toBe(Math.min(n, size))
          const unseen = size - seen.size
          expect(draw.seenBefore.length).toBe(Math.max(0, Math.min(n, size) - unseen))
        },
      ),
    )
  })
})
