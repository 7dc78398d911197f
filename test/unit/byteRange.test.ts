/** Range header decisions for media (single byte ranges only; anything else gets the whole blob). */
import { describe, expect, it } from 'vitest'
import { decideRange } from '../../server/media/byteRange'

describe('decideRange', () => {
  it.each([
    ['bytes=0-99', { kind: 'partial', range: { start: 0, end: 99 } }],
    ['bytes=900-', { kind: 'partial', range: { start: 900, end: 999 } }],
    ['bytes=900-5000', { kind: 'partial', range: { start: 900, end: 999 } }],
    ['bytes=-100', { kind: 'partial', range: { start: 900, end: 999 } }],
    ['bytes=-5000', { kind: 'partial', range: { start: 0, end: 999 } }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=50-10', { kind: 'whole' }],
    ['bytes=0-1,5-9', { kind: 'whole' }],
    ['items=0-1', { kind: 'whole' }],
    ['bytes=-', { kind: 'whole' }],
    ['', { kind: 'whole' }],
  ])('%s of 1000 bytes', (header, expected) => {
    expect(decideRange(header, 1000)).toEqual(expected)
  })

  it('treats a missing header as the whole blob', () => {
    expect(decideRange(null, 10)).toEqual({ kind: 'whole' })
  })
})
