/**
 * Scoring span answers against gold spans. A rater span r matches a gold span g when both mark the same text
 * (field) with the same label and overlap by at least `minOverlap` × the length of the shorter of the two.
 * Matching is one-to-one and greedy: candidate pairs are taken by largest overlap first (ties: earlier gold
 * span first, then earlier rater span), so two rater spans over one gold span match it only once. Precision =
 * matched / rater spans, recall = matched / gold spans, F1 their harmonic mean; both sets empty → F1 = 1, one
 * empty → 0. An answer agrees when its best F1 over the accepted gold sets reaches the criterion's `minF1`.
 */
import type { GoldValue, MarkedSpan, SpanSetValue } from '../schema/rubric'
import { isSpanSet } from './valueShapes'

export const DEFAULT_MIN_OVERLAP = 0.5
export const DEFAULT_MIN_F1 = 0.5

/** Characters two ranges share (0 when apart or in different fields). */
export function overlap(a: MarkedSpan, b: MarkedSpan): number {
  if (a.field !== b.field) return 0
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start))
}

export interface SpanMatch {
  precision: number
  recall: number
  f1: number
  matched: { rater: MarkedSpan; gold: MarkedSpan; overlap: number }[]
  missed: MarkedSpan[]
  extra: MarkedSpan[]
}

export function matchSpans(
  rater: readonly MarkedSpan[],
  gold: readonly MarkedSpan[],
  minOverlap: number,
): SpanMatch {
  const candidates: { g: number; r: number; shared: number }[] = []
  gold.forEach((g, gi) => {
    rater.forEach((r, ri) => {
      if (g.field !== r.field || g.label !== r.label) return
      const shared = overlap(g, r)
      const shorter = Math.min(g.end - g.start, r.end - r.start)
      // A shared character is required: an empty range never matches, whatever the threshold.
      if (shared > 0 && shared >= minOverlap * shorter - 1e-9) candidates.push({ g: gi, r: ri, shared })
    })
  })
  candidates.sort((a, b) => b.shared - a.shared || a.g - b.g || a.r - b.r)
  const goldUsed = new Set<number>()
  const raterUsed = new Set<number>()
  const matched: SpanMatch['matched'] = []
  for (const c of candidates) {
    if (goldUsed.has(c.g) || raterUsed.has(c.r)) continue
    goldUsed.add(c.g)
    raterUsed.add(c.r)
    matched.push({ rater: rater[c.r]!, gold: gold[c.g]!, overlap: c.shared })
  }
  const n = matched.length
  const both = rater.length === 0 && gold.length === 0
  const precision = rater.length === 0 ? (both ? 1 : 0) : n / rater.length
  const recall = gold.length === 0 ? (both ? 1 : 0) : n / gold.length
  const f1 = both ? 1 : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return {
    precision,
    recall,
    f1,
    matched,
    missed: gold.filter((_, i) => !goldUsed.has(i)),
    extra: rater.filter((_, i) => !raterUsed.has(i)),
  }
}

/** The accepted gold span set that the answer matches best (highest F1; ties: the earlier). */
export function bestSpanMatch(
  answer: SpanSetValue,
  accepted: readonly GoldValue[],
  minOverlap: number,
): (SpanMatch & { accepted: number }) | null {
  let best: (SpanMatch & { accepted: number }) | null = null
  accepted.forEach((gold, i) => {
    if (!isSpanSet(gold)) return
    const match = matchSpans(answer.spans, gold.spans, minOverlap)
    if (!best || match.f1 > best.f1) best = { ...match, accepted: i }
  })
  return best
}
