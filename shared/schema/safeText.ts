/**
 * Which characters a name, title or text may hold: no C0/C1 control characters (long text keeps newline,
 * tab and CRLF), no bidirectional embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069) and no
 * unpaired surrogates. One check, used by the zod refinements of every API name and title, by the rubric's
 * problems list for text that lives in the draft, and by the client forms to show the same message.
 */
import type { z } from 'zod'

export interface UnsafeCharacter {
  /** UTF-16 index of the character in the text. */
  index: number
  /** `U+0007`, `U+202E`, … */
  codePoint: string
  kind: 'control character' | 'text-direction override' | 'unpaired surrogate' | 'line separator'
}

const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/

function kindOf(text: string, index: number, multiline: boolean): UnsafeCharacter['kind'] | null {
  const code = text.charCodeAt(index)
  if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) {
    if (!multiline) return 'control character'
    if (code === 0x0a || code === 0x09) return null
    if (code === 0x0d && text.charCodeAt(index + 1) === 0x0a) return null
    return 'control character'
  }
  if (BIDI_CONTROLS.test(text[index]!)) return 'text-direction override'
  if (code === 0x2028 || code === 0x2029) return multiline ? null : 'line separator'
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(index + 1)
    return next >= 0xdc00 && next <= 0xdfff ? null : 'unpaired surrogate'
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = text.charCodeAt(index - 1)
    return previous >= 0xd800 && previous <= 0xdbff ? null : 'unpaired surrogate'
  }
  return null
}

/** The first character `text` must not contain, or null. `multiline` allows newline, tab and CRLF. */
export function findUnsafeCharacter(text: string, multiline = false): UnsafeCharacter | null {
  for (let index = 0; index < text.length; index++) {
    const kind = kindOf(text, index, multiline)
    if (kind) {
      const codePoint = `U+${text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0')}`
      return { index, codePoint, kind }
    }
  }
  return null
}

/**
 * What is wrong with `text`, or null: "contains a control character (U+0007) at position 4; …". The API
 * prefixes it with the field's path ("name: contains …"), the client forms with the field's label.
 */
export function unsafeCharacterMessage(text: string, multiline = false): string | null {
  const found = findUnsafeCharacter(text, multiline)
  if (!found) return null
  return `contains a ${found.kind} (${found.codePoint}) at position ${found.index + 1}; control characters, text-direction overrides and unpaired surrogates are not allowed`
}

const refineWith = (multiline: boolean) => (value: string, ctx: z.RefinementCtx) => {
  const message = unsafeCharacterMessage(value, multiline)
  if (message) ctx.addIssue({ code: 'custom', message })
}

/** Refines a string schema of a one-line name or title. */
export function safeName<T extends z.ZodString>(schema: T): T {
  return schema.superRefine(refineWith(false)) as T
}

/** Refines a string schema of long text, where newlines and tabs are meant. */
export function safeText<T extends z.ZodString>(schema: T): T {
  return schema.superRefine(refineWith(true)) as T
}
