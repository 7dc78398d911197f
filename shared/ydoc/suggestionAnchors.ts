/**
 * Suggested edits against the DRAFT doc: which text a suggestion targets, its range as two Yjs relative
 * positions inside one text, whether that range still holds the original text ("current") or not
 * ("outdated"), and applying it — delete the range and insert the replacement in one transaction, keeping
 * the formatting of the replaced text. A suggestion is never applied to text that changed underneath it.
 */
import { toBase64 } from 'lib0/buffer'
import * as Y from 'yjs'
import type { SuggestionRange, SuggestionTarget } from '../schema/suggestions'
import { absolutePosition, decodeAnchorPosition, liveIn, plainText } from './commentAnchors'
import { exampleRichText, goldRationale } from './examplesDoc'
import { guidelineFragment } from './layout'
import { criterionText, levelText } from './rubricDoc'

// biome-ignore lint/suspicious/noExplicitAny: Yjs types differ only in their event type
type AnyType = Y.AbstractType<any>

/** Where a suggestion sits now: its live text and the offsets of the range, or outdated. */
export type ResolvedSuggestion =
  | { state: 'current'; text: Y.Text | Y.XmlText; from: number; to: number }
  /** `current`: the text between the ends now, null when the anchored text is gone. */
  | { state: 'outdated'; current: string | null }

/** The draft's text a target names (null when its criterion, level, example or gold entry is gone). */
export function targetType(draft: Y.Doc, target: SuggestionTarget): Y.Text | Y.XmlFragment | null {
  switch (target.kind) {
    case 'guideline':
      return guidelineFragment(draft)
    case 'criterion':
      return criterionText(draft, target.criterionId, target.field) ?? null
    case 'level':
      return levelText(draft, target.criterionId, target.levelId, target.field) ?? null
    case 'exampleRationale':
      return exampleRichText(draft, target.exampleId, 'rationale') ?? null
    case 'goldRationale':
      return goldRationale(draft, target.exampleId, target.criterionId) ?? null
  }
}

const encode = (type: AnyType, index: number, assoc: number) =>
  toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(type, index, assoc)))

/**
 * The range from `from` to `to` in `text`: the start sticks to the first replaced character, the end to the
 * last one (so text typed just outside stays outside). An insertion's ends are both one position, stuck to
 * the character after it — or, at the end of the text, to the last character (so text appended later goes
 * after it); it is current only while that character is there.
 */
export function createSuggestionRange(text: Y.Text | Y.XmlText, from: number, to: number): SuggestionRange {
  if (from === to) {
    const atEnd = from > 0 && from === text.length
    const at = atEnd ? encode(text, from, -1) : encode(text, from, 0)
    return { start: at, end: at }
  }
  return { start: encode(text, from, 0), end: encode(text, to, -1) }
}

/** Whether the character an insertion's position sticks to is still there (true when it sticks to none). */
function anchorCharacterLives(encoded: string, draft: Y.Doc): boolean {
  const rel = decodeAnchorPosition(encoded)
  if (!rel?.item) return rel !== null
  try {
    const struct = Y.getItem(draft.store, rel.item)
    return struct instanceof Y.Item && !struct.deleted
  } catch {
    return false
  }
}

/** Whether the live text `type` is one a suggestion on `root` may change. */
function textOfTarget(type: AnyType, root: Y.Text | Y.XmlFragment): Y.Text | Y.XmlText | null {
  if (root instanceof Y.Text) return type === root ? root : null
  return type instanceof Y.XmlText && liveIn(type, root) ? type : null
}

/**
 * Current only when both ends resolve into the same live text inside the target and the text between them
 * equals `original`; otherwise outdated, with the text there now (null when the anchored text is gone).
 */
export function resolveSuggestion(
  draft: Y.Doc,
  s: { target: SuggestionTarget; range: SuggestionRange; original: string },
): ResolvedSuggestion {
  const gone = { state: 'outdated', current: null } as const
  const root = targetType(draft, s.target)
  if (!root) return gone
  const start = absolutePosition(s.range.start, draft)
  const end = absolutePosition(s.range.end, draft)
  if (!start || !end || start.type !== end.type) return gone
  const text = textOfTarget(start.type, root)
  if (!text) return gone
  const from = start.index
  const to = end.index
  const insertion = s.range.start === s.range.end
  if (to < from || (!insertion && to === from)) return gone
  if (insertion && !anchorCharacterLives(s.range.start, draft)) return gone
  const current = plainText(text).slice(from, to)
  return current === s.original ? { state: 'current', text, from, to } : { state: 'outdated', current }
}

/** The formatting attributes of the character at `index` (empty when there is none). */
function attributesAt(text: Y.Text, index: number): Record<string, unknown> {
  let offset = 0
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1
    if (index < offset + length) return { ...(op.attributes ?? {}) }
    offset += length
  }
  return {}
}

/**
 * Applies a current suggestion in ONE `draft.transact(…, origin)`: deletes the range and inserts the
 * replacement with the formatting of the first replaced character (for an insertion, of the character before
 * it, or after it at the start of the text). Returns false and changes nothing when it is outdated.
 */
export function applySuggestion(
  draft: Y.Doc,
  s: { target: SuggestionTarget; range: SuggestionRange; original: string; replacement: string },
  origin?: unknown,
): boolean {
  const resolved = resolveSuggestion(draft, s)
  if (resolved.state !== 'current') return false
  const { text, from, to } = resolved
  const attributes = attributesAt(text, from < to || from === 0 ? from : from - 1)
  // Text inserted right after a link is not part of it unless the link goes on after it (as when typing).
  if (from === to && 'link' in attributes) {
    const after = attributesAt(text, from)
    if (JSON.stringify(after.link) !== JSON.stringify(attributes.link)) attributes.link = null
  }
  draft.transact(() => {
    if (to > from) text.delete(from, to - from)
    if (s.replacement) text.insert(from, s.replacement, attributes)
  }, origin)
  return true
}
