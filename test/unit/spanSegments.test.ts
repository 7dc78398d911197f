/** Span marking helpers: segments for nested highlights, and rater-vs-gold matching as scoring defines it. */
import { describe, expect, it } from 'vitest'
import { labelColour, spanSegments } from '../../client/content/spanSegments'
import { matchSpans as scoredMatch } from '../../shared/rubric/spanMatch'
import type { MarkedSpan } from '../../shared/schema/rubric'

const span = (start: number, end: number, label = 'claim', field = 'response'): MarkedSpan => ({
  field,
  start,
  end,
  label,
})

describe('spanSegments', () => {
  it('cuts the text at every boundary and lists the covering spans', () => {
    // text of length 10; spans [2,6) and [4,8)
    expect(spanSegments(10, [span(2, 6), span(4, 8)])).toEqual([
      { start: 0, end: 2, covering: [] },
      { start: 2, end: 4, covering: [0] },
      { start: 4, end: 6, covering: [0, 1] },
      { start: 6, end: 8, covering: [1] },
      { start: 8, end: 10, covering: [] },
    ])
  })

  it('leaves out collapsed spans and clips spans past the end', () => {
    expect(spanSegments(5, [span(3, 3), span(4, 2), span(3, 99)])).toEqual([
      { start: 0, end: 3, covering: [] },
      { start: 3, end: 5, covering: [2] },
    ])
  })

  it('returns nothing for an empty text', () => {
    expect(spanSegments(0, [span(0, 3)])).toEqual([])
  })
})

/** Scoring's matching, as the overlay uses it, in index form: [gold index, rater index] pairs. */
function matchSpans(gold: MarkedSpan[], rater: MarkedSpan[]) {
  const m = scoredMatch(rater, gold, 0.5)
  return {
    matched: m.matched.map((p) => [gold.indexOf(p.gold), rater.indexOf(p.rater)]),
    missed: m.missed.map((g) => gold.indexOf(g)),
    extra: m.extra.map((r) => rater.indexOf(r)),
    f1: m.f1,
  }
}

describe('matchSpans (the overlay reads scoring)', () => {
  it('matches on overlap of at least half the shorter span', () => {
    // gold [0,10); rater [5,9): overlap 4, shorter 4 → matched. rater [8,20): overlap 2 < 0.5 × 10 → extra.
    const result = matchSpans([span(0, 10)], [span(5, 9), span(8, 20)])
    expect(result.matched).toEqual([[0, 0]])
    expect(result.extra).toEqual([1])
    expect(result.missed).toEqual([])
    // P = 1/2, R = 1/1 → F1 = 2/3
    expect(result.f1).toBeCloseTo(2 / 3)
  })

  it('needs the same label and the same field', () => {
    const result = matchSpans([span(0, 10, 'claim'), span(0, 10, 'claim', 'prompt')], [span(0, 10, 'bias')])
    expect(result.matched).toEqual([])
    expect(result.missed).toEqual([0, 1])
    expect(result.extra).toEqual([0])
    expect(result.f1).toBe(0)
  })

  it('matches one to one, largest overlap first, ties to the earlier gold span', () => {
    // gold A [0,10), gold B [0,10) (duplicates); one rater span [0,10): goes to gold A, gold B is missed.
    const tie = matchSpans([span(0, 10), span(0, 10)], [span(0, 10)])
    expect(tie.matched).toEqual([[0, 0]])
    expect(tie.missed).toEqual([1])
    // gold [0,10) and [10,20); rater [5,18) overlaps them by 5 and 8 → takes the second.
    const largest = matchSpans([span(0, 10), span(10, 20)], [span(5, 18)])
    expect(largest.matched).toEqual([[1, 0]])
  })

  it('scores two empty sets as agreement and one empty set as none', () => {
    expect(matchSpans([], []).f1).toBe(1)
    expect(matchSpans([span(0, 1)], []).f1).toBe(0)
    expect(matchSpans([], [span(0, 1)]).f1).toBe(0)
  })
})

describe('labelColour', () => {
  it('gives each label its own colour and unknown labels grey', () => {
    const labels = ['a', 'b']
    expect(labelColour(labels, 'a')).not.toBe(labelColour(labels, 'b'))
    expect(labelColour(labels, 'zzz')).toContain('148 163 184')
  })
})
