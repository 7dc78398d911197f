/**
 * A field's text as one editable string for the "Suggest edit" composer, and the smallest change between it
 * and what was typed (common prefix and suffix), mapped back to the Y.Text — or, for a rich field, to the one
 * paragraph's Y.XmlText it lies in (lines of the string are the field's paragraphs).
 */
import * as Y from 'yjs'

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

/** The smallest replaced range turning `before` into `after`: [from, to) of `before` and what replaces it. */
export function minimalChange(
  before: string,
  after: string,
): { from: number; to: number; replacement: string } {
  let start = 0
  while (start < before.length && start < after.length && before[start] === after[start]) start++
  let end = 0
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end++
  return { from: start, to: before.length - end, replacement: after.slice(start, after.length - end) }
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
