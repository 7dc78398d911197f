/** What the example editors tell people: the paste notice naming what was dropped, the JSON hint of tool arguments. */
import { describe, expect, it } from 'vitest'
import { jsonProblem } from '../../client/examples/ArgsField'
import { describeStripped } from '../../client/examples/pastedContent'

describe('paste notice', () => {
  it('says nothing when nothing was dropped', () => {
    expect(describeStripped({ images: 0, other: {} })).toBeNull()
  })
  it('names images and other elements with their counts', () => {
    expect(describeStripped({ images: 2, other: { script: 1, iframe: 3 } })).toBe(
      'Pasted without 2 images, a script element and 3 iframe elements: example texts keep text, lists, code, tables and links; images go in a media example’s media list.',
    )
    expect(describeStripped({ images: 0, other: { style: 1 } })).toBe(
      'Pasted without a style element: example texts keep text, lists, code, tables and links.',
    )
  })
})

describe('tool arguments hint', () => {
  it('accepts empty text and any JSON value', () => {
    expect(jsonProblem('')).toBeNull()
    expect(jsonProblem('  \n')).toBeNull()
    expect(jsonProblem('{"slot": "Mon 09:10"}')).toBeNull()
    expect(jsonProblem('[1, 2]')).toBeNull()
  })
  it('explains invalid JSON', () => {
    expect(jsonProblem('{"week": 49')).toMatch(/./)
    expect(jsonProblem("{'single': 'quotes'}")).not.toBeNull()
  })
})
