/** Summary statistics for latency samples and the small numeric helpers the scenarios share. */

export interface LatencySummary {
  count: number
  mean: number
  p50: number
  p95: number
  p99: number
  max: number
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

export function concatSamples(parts: Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((n, part) => n + part.length, 0))
  let offset = 0
  for (const part of parts) {
    all.set(part, offset)
    offset += part.length
  }
  return all
}

export function summarize(samples: Float64Array): LatencySummary {
  const sorted = Float64Array.from(samples).sort()
  let sum = 0
  for (const value of sorted) sum += value
  return {
    count: sorted.length,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  }
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  )
}

/** Yardstick ÷ reference, or NaN when either side is missing. */
export function ratio(yardstick: number, reference: number): number {
  if (!Number.isFinite(yardstick) || !Number.isFinite(reference) || reference === 0) return Number.NaN
  return yardstick / reference
}

export const round = (value: number, digits = 2): number =>
  Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : value

export interface TimelineBucket {
  /** Start of the bucket, ms after the window opened (by send time). */
  fromMs: number
  count: number
  p50: number
  p99: number
  max: number
}

/** Latency per slice of the window by send time: shows whether a tail comes from one stall or throughout. */
export function timeline(
  samples: Float64Array,
  sentAts: Float64Array,
  startAt: number,
  bucketMs: number,
): TimelineBucket[] {
  const buckets = new Map<number, number[]>()
  sentAts.forEach((sentAt, i) => {
    const bucket = Math.floor((sentAt - startAt) / bucketMs)
    const list = buckets.get(bucket) ?? []
    list.push(samples[i]!)
    buckets.set(bucket, list)
  })
  return [...buckets]
    .sort(([a], [b]) => a - b)
    .map(([bucket, list]) => {
      const sorted = Float64Array.from(list).sort()
      return {
        fromMs: bucket * bucketMs,
        count: sorted.length,
        p50: round(percentile(sorted, 50)),
        p99: round(percentile(sorted, 99)),
        max: round(sorted[sorted.length - 1]!),
      }
    })
}
