/**
 * A field's text as one editable string for the "Suggest edit" composer, and the smallest change between it
 * and what was typed (common prefix and suffix), mapped back to the Y.Text — or, for a rich field, to the one
 * paragraph's Y.XmlText it lies in (lines of the string are the field's paragraphs); and what was typed,
 * carried onto the field's text when a co-editor changed it while the composer was open.
 */
import * as Y from 'yjs'
import { splitsPair } from './surrogatePairs'

export interface FieldChange {
  text: Y.Text | Y.XmlText
  from: number
  to: number
  original: string
  replacement: string
}

/** The paragraphs' texts of a rich field, in document order. */
function paragraphTexts(fragment: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  const texts: Y.XmlText[] = []
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlText) texts.push(child)
    else if (child instanceof Y.XmlElement) texts.push(...paragraphTexts(child))
  }
  return texts
}

function plain(text: Y.XmlText): string {
  let out = ''
  for (const op of text.toDelta() as { insert?: unknown }[])
    if (typeof op.insert === 'string') out += op.insert
  return out
}

/** What the composer starts with: the field's text (a rich field's paragraphs one per line). */
export function fieldString(field: Y.Text | Y.XmlFragment): string {
  if (field instanceof Y.Text) return field.toString()
  return paragraphTexts(field).map(plain).join('\n')
}

/**
 * The smallest replaced range turning `before` into `after`: [from, to) of `before` and what replaces it.
 * Its ends never fall inside an emoji's surrogate pair (a lone half would arrive as U+FFFD elsewhere).
 */
export function minimalChange(
  before: string,
  after: string,
): { from: number; to: number; replacement: string } {
  let start = 0
  while (start < before.length && start < after.length && before[start] === after[start]) start++
  if (splitsPair(before, start) || splitsPair(after, start)) start--
  let end = 0
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end++
  if (end > 0 && (splitsPair(before, before.length - end) || splitsPair(after, after.length - end))) end--
  return { from: start, to: before.length - end, replacement: after.slice(start, after.length - end) }
}

/** Whether two replaced ranges of one text touch the same characters (an insertion touching the other counts). */
function overlaps(a: { from: number; to: number }, b: { from: number; to: number }): boolean {
  if (a.from < b.to && b.from < a.to) return true
  const aEmpty = a.from === a.to
  const bEmpty = b.from === b.to
  // Where they only meet, the order of the two is clear unless one of them is an insertion at that point.
  if (a.to === b.from || b.to === a.from) return aEmpty || bEmpty
  return false
}

/**
 * What was typed into a composer opened on `base`, carried onto the field's `current` text: the typist's
 * change (base → typed) shifted past a co-editor's (base → current) when they touch different characters;
 * null when they overlap (the typist must look again). `typed` itself when nobody else changed the field.
 */
export function rebaseTyped(base: string, current: string, typed: string): string | null {
  if (current === base) return typed
  if (typed === base) return current
  const mine = minimalChange(base, typed)
  const theirs = minimalChange(base, current)
  if (overlaps(mine, theirs)) return null
  const shift = mine.from >= theirs.to ? theirs.replacement.length - (theirs.to - theirs.from) : 0
  const from = mine.from + shift
  const to = mine.to + shift
  return current.slice(0, from) + mine.replacement + current.slice(to)
}

/**
 * The change typed into the composer, against the field as it is now: null when nothing changed, a sentence
 * when it spans paragraphs of a rich field (a suggestion lies inside one paragraph).
 */
export function fieldChange(field: Y.Text | Y.XmlFragment, typed: string): FieldChange | null | string {
  const before = fieldString(field)
  if (before === typed) return null
  const { from, to, replacement } = minimalChange(before, typed)
  const original = before.slice(from, to)
  if (field instanceof Y.Text) return { text: field, from, to, original, replacement }
  if (original.includes('\n') || replacement.includes('\n'))
    return 'Suggest a change inside one paragraph at a time (no new or joined paragraphs).'
  let start = 0
  for (const text of paragraphTexts(field)) {
    const length = plain(text).length
    if (from <= start + length) return { text, from: from - start, to: to - start, original, replacement }
    start += length + 1
  }
  return 'This text has no paragraph to change.'
}
