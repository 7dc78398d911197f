/** The few words either side of a suggested change that its diff shows, and a text's plain characters. */
import type * as Y from 'yjs'

const CONTEXT = 32

/** A Y.Text's or Y.XmlText's characters, an embed counting as one (U+FFFC). */
export function plainOf(text: Y.Text | Y.XmlText): string {
  let out = ''
  for (const op of text.toDelta() as { insert?: unknown }[])
    out += typeof op.insert === 'string' ? op.insert : '\uFFFC'
  return out
}

/** Up to CONTEXT characters before `from` and after `to`, cut at a word boundary, with "…" where cut. */
export function contextAround(whole: string, from: number, to: number): { before: string; after: string } {
  let before = whole.slice(Math.max(0, from - CONTEXT), from)
  if (from > CONTEXT) before = `…${before.replace(/^\S*\s/, '')}`
  let after = whole.slice(to, to + CONTEXT)
  if (to + CONTEXT < whole.length) after = `${after.replace(/\s\S*$/, '')}…`
  return { before, after }
}
