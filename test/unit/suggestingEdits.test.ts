/**
 * Suggesting mode's keystrokes (client/suggestions/suggestingEdits.ts) on a real draft and comments document:
 * typing extends one insertion, typing over a selection suggests a replacement, Backspace trims your own
 * pending text before striking more (withdrawing an insertion trimmed to nothing), Delete strikes forward and
 * moves the caret past, an emoji is one character, a selection across two paragraphs is refused, and the
 * draft never changes.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  NO_TEXT_NOTICE,
  ONE_PARAGRAPH_NOTICE,
  type SuggestAction,
  type SuggestContext,
  suggestEdit,
  type TextSpot,
} from '../../client/suggestions/suggestingEdits'
import { appendBlocks } from '../../shared/ydoc/guidelineBuilder'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { resolveSuggestion } from '../../shared/ydoc/suggestionAnchors'
import { readSuggestions, suggestionsMap } from '../../shared/ydoc/suggestionsDoc'

const rita = { id: 'rita', name: 'Rita Reviewer', color: '#0f766e' }

function setup() {
  const draft = new Y.Doc()
  appendBlocks(guidelineFragment(draft), [
    { type: 'paragraph', text: 'Answers must be concise.' },
    { type: 'paragraph', text: 'Cite 👍 sources.' },
  ])
  const comments = new Y.Doc()
  const ctx: SuggestContext = { draft, comments, me: rita, label: 'Guideline', now: '2026-12-04T17:00:00Z' }
  const text = (i: number) => (guidelineFragment(draft).get(i) as Y.XmlElement).get(0) as Y.XmlText
  const before = guidelineFragment(draft).toString()
  /** Applies an action at a caret (or a selection) and returns the caret index it answers. */
  const act = (action: SuggestAction, from: TextSpot, to: TextSpot = from) => {
    const outcome = suggestEdit(ctx, from, to, action)
    if ('notice' in outcome) throw new Error(outcome.notice)
    return outcome.caret?.index ?? null
  }
  const open = () =>
    readSuggestions(comments)
      .filter((s) => s.status === 'open')
      .map((s) => ({
        original: s.original,
        replacement: s.replacement,
        state: resolveSuggestion(draft, s).state,
      }))
  return { draft, comments, ctx, text, before, act, open }
}

const type = (text: string): SuggestAction => ({ kind: 'insert', text })
const backspace: SuggestAction = { kind: 'delete', direction: 'backward' }
const del: SuggestAction = { kind: 'delete', direction: 'forward' }

describe('suggesting edits', () => {
  it('typing over a selection suggests a replacement that later keystrokes extend, and Backspace trims it first', () => {
    const { text, act, open, draft, before } = setup()
    const p = text(0)
    // "concise" is 16..23
    let caret = act(type('b'), { text: p, index: 16 }, { text: p, index: 23 })
    expect(caret).toBe(23)
    for (const ch of 'rief') caret = act(type(ch), { text: p, index: caret! })
    expect(open()).toEqual([{ original: 'concise', replacement: 'brief', state: 'current' }])
    caret = act(backspace, { text: p, index: caret! })
    caret = act(backspace, { text: p, index: caret! })
    expect(open()).toEqual([{ original: 'concise', replacement: 'bri', state: 'current' }])
    // Trimmed to nothing, Backspace goes on striking the text before the replaced word.
    for (let i = 0; i < 4; i++) caret = act(backspace, { text: p, index: caret! })
    expect(open()).toEqual([{ original: ' concise', replacement: '', state: 'current' }])
    expect(guidelineFragment(draft).toString()).toBe(before)
  })

  it('an insertion trimmed to nothing is gone; Delete strikes forward and the caret moves past', () => {
    const { text, act, open, comments } = setup()
    const p = text(0)
    let caret = act(type('x'), { text: p, index: 0 })
    expect(caret).toBe(0)
    caret = act(type('y'), { text: p, index: caret! })
    expect(open()).toEqual([{ original: '', replacement: 'xy', state: 'current' }])
    caret = act(backspace, { text: p, index: caret! })
    caret = act(backspace, { text: p, index: caret! })
    // Emptied rather than withdrawn (a withdrawal goes through the server): an empty open suggestion is none.
    expect(open()).toEqual([])
    expect(readSuggestions(comments)).toEqual([])
    expect(suggestionsMap(comments).size).toBe(1)
    // Backspace at the very start strikes nothing.
    expect(act(backspace, { text: p, index: 0 })).toBeNull()
    caret = act(del, { text: p, index: 0 })
    expect(caret).toBe(1)
    caret = act(del, { text: p, index: caret! })
    expect(caret).toBe(2)
    expect(open()).toEqual([{ original: 'An', replacement: '', state: 'current' }])
  })

  it('treats an emoji as one character, and refuses a selection across paragraphs or outside text', () => {
    const { text, act, open, ctx } = setup()
    const p = text(1)
    // "Cite 👍 sources.": the emoji is 5..7 in UTF-16.
    act(backspace, { text: p, index: 7 })
    expect(open()).toEqual([{ original: '👍', replacement: '', state: 'current' }])
    expect(suggestEdit(ctx, { text: text(0), index: 3 }, { text: p, index: 2 }, type('x'))).toEqual({
      notice: ONE_PARAGRAPH_NOTICE,
    })
    expect(suggestEdit(ctx, null, null, type('x'))).toEqual({ notice: NO_TEXT_NOTICE })
    expect(suggestEdit(ctx, { text: p, index: 0 }, { text: p, index: 0 }, type('a\nb'))).toEqual({
      notice: ONE_PARAGRAPH_NOTICE,
    })
    expect(open()).toHaveLength(1)
  })
})
