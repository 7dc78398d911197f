/**
 * HTTP range requests for media (RFC 9110 §14): one `bytes=` range of a blob of known size, so video and audio
 * seek. Several ranges in one request are answered with the whole blob (allowed, and no player asks for them).
 */
import type { BlobRange } from './blobStore'

export type RangeDecision =
  | { kind: 'whole' }
  | { kind: 'partial'; range: BlobRange }
  | { kind: 'unsatisfiable' }

const SINGLE = /^bytes=(\d*)-(\d*)$/

/** `header` is the Range header (or null); `size` the blob's length in bytes. */
export function decideRange(header: string | null | undefined, size: number): RangeDecision {
  if (!header) return { kind: 'whole' }
  const match = SINGLE.exec(header.trim())
  // Not a single byte range (other units, several ranges, garbage): the whole representation, as the RFC allows.
  if (!match) return { kind: 'whole' }
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return { kind: 'whole' }
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last)
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' }
    return { kind: 'partial', range: { start: Math.max(0, size - length), end: size - 1 } }
  }
  const start = Number(first)
  if (start >= size) return { kind: 'unsatisfiable' }
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (end < start) return { kind: 'whole' }
  return { kind: 'partial', range: { start, end } }
}
