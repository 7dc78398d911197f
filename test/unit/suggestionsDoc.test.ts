/**
 * The suggestions root of the comments document (shared/ydoc/suggestionsDoc.ts): creating, extending,
 * withdrawing, deciding and discussing a suggestion, and reading treats every value as untrusted (malformed
 * suggestions are skipped, a text that cannot fit its target is skipped).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addSuggestionReply,
  countOpenSuggestions,
  createSuggestion,
  markDecided,
  readSuggestions,
  SuggestionKey,
  suggestionsMap,
  updateOwnSuggestion,
  withdrawSuggestion,
} from '../../shared/ydoc/suggestionsDoc'

const rae = { id: 'rae-2', name: 'Rae Reviewer', color: '#123456' }
const ann = { id: 'ann-1', name: 'Ann Lead' }
const at = '2026-01-01T00:00:00.000Z'
const later = '2026-01-02T00:00:00.000Z'
const range = { start: 'AAA=', end: 'BBB=' }
const target = { kind: 'criterion', criterionId: 'c1', field: 'description' } as const

function docWith(id = 's1', when = at) {
  const doc = new Y.Doc()
  createSuggestion(doc, {
    id,
    author: rae,
    target,
    label: 'Accuracy · description',
    range,
    original: 'old words',
    replacement: 'new words',
    at: when,
  })
  return doc
}

describe('suggestions in the comments document', () => {
  it('creates an open suggestion and reads it back', () => {
    const doc = docWith()
    expect(readSuggestions(doc)).toEqual([
      {
        id: 's1',
        author: rae,
        createdAt: at,
        target,
        label: 'Accuracy · description',
        range,
        original: 'old words',
        replacement: 'new words',
        status: 'open',
        decidedBy: null,
        decidedAt: null,
        decided: null,
        comments: [],
      },
    ])
    expect(countOpenSuggestions(doc)).toBe(1)
  })

  it('lets the author extend an open suggestion, and not once it has ended', () => {
    const doc = docWith()
    const wider = { start: 'CCC=', end: 'DDD=' }
    expect(updateOwnSuggestion(doc, 's1', { range: wider, original: 'old words here' })).toBe(true)
    expect(updateOwnSuggestion(doc, 's1', { replacement: 'newer words' })).toBe(true)
    const [s] = readSuggestions(doc)
    expect([s!.range, s!.original, s!.replacement]).toEqual([wider, 'old words here', 'newer words'])
    expect(withdrawSuggestion(doc, 's1')).toBe(true)
    expect(readSuggestions(doc)[0]!.status).toBe('withdrawn')
    expect(updateOwnSuggestion(doc, 's1', { replacement: 'again' })).toBe(false)
    expect(withdrawSuggestion(doc, 's1')).toBe(false)
    expect(countOpenSuggestions(doc)).toBe(0)
    expect(updateOwnSuggestion(doc, 'nope', { replacement: 'x' })).toBe(false)
    // A decision the route recorded first lands over a withdrawal written past the route (see markDecided).
    expect(markDecided(doc, 's1', 'accepted', ann, later)).toBe(true)
    expect(readSuggestions(doc)[0]!.status).toBe('accepted')
  })

  it('records a decision once, with who decided and when', () => {
    const doc = docWith()
    expect(markDecided(doc, 's1', 'rejected', ann, later)).toBe(true)
    const [s] = readSuggestions(doc)
    expect([s!.status, s!.decidedBy, s!.decidedAt]).toEqual(['rejected', ann, later])
    // What was decided stays what it said then, whatever its author types into it afterwards.
    expect(s!.decided).toEqual({ original: s!.original, replacement: s!.replacement })
    suggestionsMap(doc).get('s1')!.set(SuggestionKey.replacement, 'typed later')
    expect(readSuggestions(doc)[0]!.decided).toEqual(s!.decided)
    expect(markDecided(doc, 's1', 'accepted', ann, later)).toBe(false)
    expect(readSuggestions(doc)[0]!.status).toBe('rejected')
  })

  it('holds a discussion shaped like a thread, open or decided', () => {
    const doc = docWith()
    expect(
      addSuggestionReply(doc, 's1', { id: 'c1', author: ann, body: ' Why?\u0007 ', mentions: [], at }),
    ).toBe(true)
    markDecided(doc, 's1', 'accepted', ann, later)
    expect(addSuggestionReply(doc, 's1', { id: 'c2', author: rae, body: 'Thanks', mentions: [], at })).toBe(
      true,
    )
    expect(addSuggestionReply(doc, 'nope', { id: 'c3', author: rae, body: 'x', mentions: [], at })).toBe(
      false,
    )
    expect(readSuggestions(doc)[0]!.comments.map((c) => [c.author.id, c.body])).toEqual([
      [ann.id, 'Why?'],
      [rae.id, 'Thanks'],
    ])
  })

  it('lists oldest first and skips what it cannot read', () => {
    const doc = docWith('s2', later)
    createSuggestion(doc, {
      id: 's1',
      author: rae,
      target,
      label: 'x',
      range,
      original: '',
      replacement: 'a',
      at,
    })
    suggestionsMap(doc).set('junk', new Y.Map())
    const badStatus = new Y.Map<unknown>()
    suggestionsMap(doc).set('bad', badStatus)
    for (const [key, value] of suggestionsMap(doc).get('s1')!.entries())
      if (key !== SuggestionKey.comments) badStatus.set(key, value)
    badStatus.set(SuggestionKey.id, 'bad')
    badStatus.set(SuggestionKey.status, 'merged')
    const newline = new Y.Map<unknown>()
    suggestionsMap(doc).set('nl', newline)
    for (const [key, value] of suggestionsMap(doc).get('s1')!.entries())
      if (key !== SuggestionKey.comments) newline.set(key, value)
    newline.set(SuggestionKey.id, 'nl')
    newline.set(SuggestionKey.target, { kind: 'guideline' })
    newline.set(SuggestionKey.replacement, 'two\nlines')
    expect(readSuggestions(doc).map((s) => s.id)).toEqual(['s1', 's2'])
  })

  it('stores a label as one clean line', () => {
    const doc = new Y.Doc()
    createSuggestion(doc, {
      id: 's1',
      author: rae,
      target,
      label: ` Accuracy\n·\tdescription\u202e\u0007 ${'x'.repeat(300)}`,
      range,
      original: 'a',
      replacement: 'b',
      at,
    })
    const [s] = readSuggestions(doc)
    expect(s!.label.startsWith('Accuracy · description x')).toBe(true)
    expect(s!.label).toHaveLength(200)
  })

  it('refuses to write what the server would refuse', () => {
    const doc = new Y.Doc()
    const base = { id: 's1', author: rae, label: 'x', range, original: 'a', at }
    expect(() =>
      createSuggestion(doc, { ...base, target: { kind: 'guideline' }, replacement: 'two\nlines' }),
    ).toThrow(/line break/)
    expect(() => createSuggestion(doc, { ...base, target, replacement: 'bidi \u202e' })).toThrow()
    expect(() =>
      createSuggestion(doc, {
        ...base,
        target: { kind: 'criterion', criterionId: 'c1' } as never,
        replacement: '',
      }),
    ).toThrow()
    expect(suggestionsMap(doc).size).toBe(0)
    createSuggestion(doc, { ...base, target, replacement: 'two\nlines' })
    expect(readSuggestions(doc)[0]!.replacement).toBe('two\nlines')
  })
})
