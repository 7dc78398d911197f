/**
 * Pure helpers behind span marking: cutting a text into segments by the spans that cover each piece (so
 * overlapping spans render as nested highlights), and a stable colour per label. Matching rater spans to gold
 * is scoring's (`shared/rubric/spanMatch.ts`).
 */

export interface Range {
  start: number
  end: number
}

export interface Segment {
  start: number
  end: number
  /** Indexes (into the input list) of the ranges covering this segment, in input order. */
  covering: number[]
}

/** The text [0, length) cut at every span boundary; invalid ranges (end ≤ start) are left out, others clipped. */
export function spanSegments(length: number, ranges: readonly Range[]): Segment[] {
  const valid = ranges
    .map((r, index) => ({ start: Math.max(0, r.start), end: Math.min(length, r.end), index }))
    .filter((r) => r.end > r.start)
  const cuts = new Set([0, length])
  for (const r of valid) {
    cuts.add(r.start)
    cuts.add(r.end)
  }
  const points = [...cuts].sort((a, b) => a - b)
  const segments: Segment[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!
    const end = points[i + 1]!
    if (end <= start) continue
    const covering = valid.filter((r) => r.start <= start && r.end >= end).map((r) => r.index)
    segments.push({ start, end, covering })
  }
  return segments
}

/** Translucent highlight colours, one per label position (cycled past eight labels). */
const PALETTE = [
  'rgb(250 204 21 / 45%)',
  'rgb(96 165 250 / 40%)',
  'rgb(244 114 182 / 38%)',
  'rgb(74 222 128 / 40%)',
  'rgb(251 146 60 / 42%)',
  'rgb(167 139 250 / 40%)',
  'rgb(45 212 191 / 40%)',
  'rgb(248 113 113 / 38%)',
] as const

/** The colour of a label: by its position among the criterion's labels (unknown labels: grey). */
export function labelColour(labels: readonly string[], label: string): string {
  const i = labels.indexOf(label)
  return i < 0 ? 'rgb(148 163 184 / 40%)' : PALETTE[i % PALETTE.length]!
}
