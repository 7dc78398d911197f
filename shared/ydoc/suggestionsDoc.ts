/**
 * The layout of the suggestions root of a project's comments Y.Doc (suggested edits to the draft) and its
 * typed read/write helpers — the only code that knows its keys. Suggestions live in one root map by id; each
 * is a Y.Map whose discussion is a Y.Array of comment maps shaped exactly like a thread's. Nothing is ever
 * removed: a suggestion ends accepted, rejected or withdrawn. Reading validates everything, since any
 * commenter's client wrote it (the server's guard is commentsKind.ts).
 */
import * as Y from 'yjs'
import { isForbiddenCommentChar, type Person } from '../schema/comments'
import {
  SuggestionRange,
  type SuggestionStatus,
  SuggestionTarget,
  SuggestionText,
  SuggestionView,
  suggestionTextFits,
} from '../schema/suggestions'
import { commentMap, type NewComment, readComments } from './commentsDoc'

/** The root of the comments document that holds suggestions by id. */
export const SuggestionsRoot = 'suggestions'

/** The keys of a suggestion's Y.Map. */
export const SuggestionKey = {
  id: 'id',
  /** `{ id, name, color }` of the account that suggested it. */
  author: 'author',
  createdAt: 'createdAt',
  /** A SuggestionTarget (plain object). */
  target: 'target',
  /** Where in the project it is, for lists. */
  label: 'label',
  /** `{ start, end }`: encoded Yjs relative positions into the target's text. */
  range: 'range',
  original: 'original',
  replacement: 'replacement',
  /** 'open' | 'accepted' | 'rejected' | 'withdrawn'. */
  status: 'status',
  decidedBy: 'decidedBy',
  decidedAt: 'decidedAt',
  /** `{ original, replacement }` as decided, written with the decision (null until then). */
  decided: 'decided',
  /** Y.Array of comment Y.Maps (commentsDoc.ts's CommentKey). */
  comments: 'comments',
} as const

const MAX_LABEL = 200

/**
 * A label as stored: one line (line breaks and tabs become spaces), without control or bidi override
 * characters, at most 200 characters; the server refuses any other (commentsKind.ts).
 */
export function cleanSuggestionLabel(label: string): string {
  let clean = ''
  for (const char of label.replace(/[\n\t]/g, ' '))
    if (!isForbiddenCommentChar(char.charCodeAt(0))) clean += char
  return clean.trim().slice(0, MAX_LABEL)
}

export function suggestionsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(SuggestionsRoot)
}

export interface NewSuggestion {
  id: string
  author: Person
  target: SuggestionTarget
  label: string
  range: SuggestionRange
  original: string
  replacement: string
  at: string
}

/** The text, or a clear error when it cannot be written into `target` (the server would refuse it). */
function checkedText(target: SuggestionTarget, text: string): string {
  const parsed = SuggestionText.parse(text)
  if (!suggestionTextFits(target, parsed)) throw new Error('this text cannot hold a line break')
  return parsed
}

/** Writes a new open suggestion (throws on a target, range or text the server would refuse). */
export function createSuggestion(comments: Y.Doc, s: NewSuggestion): void {
  const target = SuggestionTarget.parse(s.target)
  const range = SuggestionRange.parse(s.range)
  const original = checkedText(target, s.original)
  const replacement = checkedText(target, s.replacement)
  comments.transact(() => {
    const map = new Y.Map<unknown>()
    map.set(SuggestionKey.id, s.id)
    const { id, name, color } = s.author
    map.set(SuggestionKey.author, { id, name, color: color ?? '' })
    map.set(SuggestionKey.createdAt, s.at)
    map.set(SuggestionKey.target, target)
    map.set(SuggestionKey.label, cleanSuggestionLabel(s.label))
    map.set(SuggestionKey.range, { start: range.start, end: range.end })
    map.set(SuggestionKey.original, original)
    map.set(SuggestionKey.replacement, replacement)
    map.set(SuggestionKey.status, 'open')
    map.set(SuggestionKey.decidedBy, null)
    map.set(SuggestionKey.decidedAt, null)
    map.set(SuggestionKey.decided, null)
    map.set(SuggestionKey.comments, new Y.Array<Y.Map<unknown>>())
    suggestionsMap(comments).set(s.id, map)
  })
}

/** The suggestion's map while it is open (null when unknown or already ended). */
function openSuggestion(comments: Y.Doc, id: string): Y.Map<unknown> | null {
  const map = suggestionsMap(comments).get(id)
  return map instanceof Y.Map && map.get(SuggestionKey.status) === 'open' ? map : null
}

/**
 * The author extends or changes their open suggestion while typing; false when it is not open (or unknown).
 * Throws on a text the server would refuse.
 */
export function updateOwnSuggestion(
  comments: Y.Doc,
  id: string,
  patch: { range?: SuggestionRange; original?: string; replacement?: string },
): boolean {
  const map = openSuggestion(comments, id)
  if (!map) return false
  const target = SuggestionTarget.parse(map.get(SuggestionKey.target))
  const range = patch.range && SuggestionRange.parse(patch.range)
  const original = patch.original === undefined ? undefined : checkedText(target, patch.original)
  const replacement = patch.replacement === undefined ? undefined : checkedText(target, patch.replacement)
  comments.transact(() => {
    if (range) map.set(SuggestionKey.range, { start: range.start, end: range.end })
    if (original !== undefined) map.set(SuggestionKey.original, original)
    if (replacement !== undefined) map.set(SuggestionKey.replacement, replacement)
  })
  return true
}

/** The author takes back their open suggestion; false when it is not open. */
export function withdrawSuggestion(comments: Y.Doc, id: string): boolean {
  const map = openSuggestion(comments, id)
  if (!map) return false
  map.set(SuggestionKey.status, 'withdrawn')
  return true
}

/** Records a lead's decision on an open (or withdrawn) suggestion; false once it is decided. */
export function markDecided(
  comments: Y.Doc,
  id: string,
  status: 'accepted' | 'rejected',
  by: Person,
  at: string,
): boolean {
  // Over a withdrawal too: the decision route recorded this decision first, so a withdrawal in the document
  // was written past the route and does not hold.
  const map = suggestionsMap(comments).get(id)
  const before = map?.get(SuggestionKey.status)
  if (!map || (before !== 'open' && before !== 'withdrawn')) return false
  comments.transact(() => {
    map.set(SuggestionKey.status, status)
    map.set(SuggestionKey.decidedBy, { id: by.id, name: by.name })
    map.set(SuggestionKey.decidedAt, at)
    map.set(SuggestionKey.decided, {
      original: map.get(SuggestionKey.original),
      replacement: map.get(SuggestionKey.replacement),
    })
  })
  return true
}

/** Adds a comment to a suggestion's discussion (open or not); false when the suggestion does not exist. */
export function addSuggestionReply(comments: Y.Doc, id: string, comment: NewComment): boolean {
  const list = suggestionsMap(comments).get(id)?.get(SuggestionKey.comments)
  if (!(list instanceof Y.Array)) return false
  list.push([commentMap(comment)])
  return true
}

function readSuggestion(map: Y.Map<unknown>): SuggestionView | null {
  const comments = map.get(SuggestionKey.comments)
  const parsed = SuggestionView.safeParse({
    id: map.get(SuggestionKey.id),
    author: map.get(SuggestionKey.author),
    createdAt: map.get(SuggestionKey.createdAt),
    target: map.get(SuggestionKey.target),
    label: map.get(SuggestionKey.label),
    range: map.get(SuggestionKey.range),
    original: map.get(SuggestionKey.original),
    replacement: map.get(SuggestionKey.replacement),
    status: map.get(SuggestionKey.status),
    decidedBy: map.get(SuggestionKey.decidedBy) ?? null,
    decidedAt: map.get(SuggestionKey.decidedAt) ?? null,
    decided: map.get(SuggestionKey.decided) ?? null,
    comments: readComments(comments),
  })
  if (!parsed.success) return null
  const s = parsed.data
  if (!suggestionTextFits(s.target, s.original) || !suggestionTextFits(s.target, s.replacement)) return null
  return s
}

/** Every readable suggestion, oldest first (unreadable ones are skipped). */
export function readSuggestions(comments: Y.Doc): SuggestionView[] {
  const list: SuggestionView[] = []
  for (const map of suggestionsMap(comments).values()) {
    if (!(map instanceof Y.Map)) continue
    const suggestion = readSuggestion(map)
    // Its author emptied it (Backspace over their own insertion): an open suggestion changing nothing is none.
    if (!suggestion || (suggestion.status === 'open' && !suggestion.original && !suggestion.replacement))
      continue
    list.push(suggestion)
  }
  return list.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
}

/** Suggestions still waiting for a decision (the publish dialog warns about them). */
export function countOpenSuggestions(comments: Y.Doc): number {
  return readSuggestions(comments).filter((s) => s.status === ('open' satisfies SuggestionStatus)).length
}
