/**
 * What one keystroke of Suggesting mode does to the comments document, given where the selection lies in the
 * draft's guideline text (a Yjs text and an index, never the draft itself, which stays untouched): typing
 * creates or extends your own insertion, typing over a selection suggests a replacement, Backspace first
 * trims your pending insertion and then strikes more text, Delete strikes the next character. Answers where
 * the caret goes next, or a notice when the edit cannot be suggested.
 */
import type * as Y from 'yjs'
import type { Person } from '../../shared/schema/comments'
import { type SuggestionTarget, SuggestionText } from '../../shared/schema/suggestions'
import { newYId } from '../../shared/ydoc/ids'
import { createSuggestionRange, resolveSuggestion } from '../../shared/ydoc/suggestionAnchors'
import { createSuggestion, readSuggestions, updateOwnSuggestion } from '../../shared/ydoc/suggestionsDoc'
import { lengthAfter, lengthBefore } from './surrogatePairs'

/** A place in one of the guideline's texts. */
export interface TextSpot {
  text: Y.XmlText
  index: number
}

export type SuggestAction =
  | { kind: 'insert'; text: string }
  | { kind: 'delete'; direction: 'backward' | 'forward' }

export type SuggestOutcome = { caret: TextSpot } | { notice: string } | { caret: null }

export const ONE_PARAGRAPH_NOTICE = 'Suggest within one paragraph at a time'
export const NO_TEXT_NOTICE = 'Suggest changes to existing text: this line has none yet'

const GUIDELINE: SuggestionTarget = { kind: 'guideline' }

export interface SuggestContext {
  draft: Y.Doc
  comments: Y.Doc
  me: Person
  /** Where in the guideline the edit is, for lists ("Guideline · 2. Safety"). */
  label: string
  now: string
}

/** The characters of a text with every embed as one placeholder character, as suggestionAnchors counts them. */
function plainText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : '\uFFFC'))
    .join('')
}

/** Removes the last character (a whole surrogate pair). */
function withoutLastChar(text: string): string {
  return text.slice(0, text.length - lengthBefore(text, text.length))
}

interface OwnSuggestion {
  id: string
  original: string
  replacement: string
  from: number
  to: number
}

/** My newest open guideline suggestion in `text` whose end is `index` (where my typing continues it). */
function ownSuggestionEndingAt(ctx: SuggestContext, text: Y.XmlText, index: number): OwnSuggestion | null {
  const mine = readSuggestions(ctx.comments).filter(
    (s) => s.author.id === ctx.me.id && s.status === 'open' && s.target.kind === 'guideline',
  )
  for (const s of mine.reverse()) {
    const resolved = resolveSuggestion(ctx.draft, s)
    if (resolved.state === 'current' && resolved.text === text && resolved.to === index) {
      return {
        id: s.id,
        original: s.original,
        replacement: s.replacement,
        from: resolved.from,
        to: resolved.to,
      }
    }
  }
  return null
}

/** A clear sentence when `text` cannot be suggested (too long, control characters), else null. */
function textProblem(text: string): string | null {
  if (/[\r\n]/.test(text)) return ONE_PARAGRAPH_NOTICE
  const parsed = SuggestionText.safeParse(text)
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'This text cannot be suggested')
}

function create(ctx: SuggestContext, text: Y.XmlText, from: number, to: number, replacement: string): void {
  createSuggestion(ctx.comments, {
    id: newYId(),
    author: ctx.me,
    target: GUIDELINE,
    label: ctx.label,
    range: createSuggestionRange(text, from, to),
    original: plainText(text).slice(from, to),
    replacement,
    at: ctx.now,
  })
}

/** Turns one edit of the selection [from, to] into a new or extended suggestion of mine. */
export function suggestEdit(
  ctx: SuggestContext,
  from: TextSpot | null,
  to: TextSpot | null,
  action: SuggestAction,
): SuggestOutcome {
  if (!from || !to) return { notice: NO_TEXT_NOTICE }
  if (from.text !== to.text) return { notice: ONE_PARAGRAPH_NOTICE }
  const text = from.text
  const plain = plainText(text)
  if (action.kind === 'insert') {
    const problem = textProblem(action.text)
    if (problem) return { notice: problem }
  }

  if (to.index > from.index) {
    // Over a selection: the selected text is struck, what was typed (if anything) replaces it.
    const replacement = action.kind === 'insert' ? action.text : ''
    create(ctx, text, from.index, to.index, replacement)
    return { caret: { text, index: to.index } }
  }

  const caret = from.index
  const own = ownSuggestionEndingAt(ctx, text, caret)
  if (action.kind === 'insert') {
    const replacement = (own?.replacement ?? '') + action.text
    const problem = textProblem(replacement)
    if (problem) return { notice: problem }
    if (!own || !updateOwnSuggestion(ctx.comments, own.id, { replacement })) {
      create(ctx, text, caret, caret, action.text)
    }
    return { caret: { text, index: caret } }
  }

  if (action.direction === 'backward') {
    if (own && own.replacement !== '') {
      const replacement = withoutLastChar(own.replacement)
      // An insertion Backspaced to nothing is emptied (an empty open suggestion is no suggestion: see
      // readSuggestions), not withdrawn: a withdrawal goes through the server, keystrokes do not wait.
      updateOwnSuggestion(ctx.comments, own.id, { replacement })
      return { caret: { text, index: caret } }
    }
    const start = own ? own.from : caret
    const step = lengthBefore(plain, start)
    if (step === 0) return { caret: null }
    if (own) {
      updateOwnSuggestion(ctx.comments, own.id, {
        range: createSuggestionRange(text, start - step, own.to),
        original: plain.slice(start - step, own.to),
      })
    } else create(ctx, text, caret - step, caret, '')
    return { caret: { text, index: caret } }
  }

  // Delete: the next character is struck and the caret moves past it (so the next Delete continues).
  const step = lengthAfter(plain, caret)
  if (step === 0) return { caret: null }
  if (own) {
    updateOwnSuggestion(ctx.comments, own.id, {
      range: createSuggestionRange(text, own.from, caret + step),
      original: plain.slice(own.from, caret + step),
    })
  } else create(ctx, text, caret, caret + step, '')
  return { caret: { text, index: caret + step } }
}
