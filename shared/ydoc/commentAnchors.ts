/**
 * Anchoring comment threads in the guideline text with Yjs relative positions, so a thread follows its words
 * through everyone's edits. The start sticks to the first anchored character and the end to the last one, so
 * text typed just outside the range stays outside. Resolving an anchor gives its current text, or "detached"
 * when the anchored words were deleted (the range collapsed, or its paragraph is gone).
 */
import { fromBase64, toBase64 } from 'lib0/buffer'
import * as Y from 'yjs'
import { MAX_QUOTE_LENGTH, type ThreadAnchor } from '../schema/comments'
import { guidelineFragment } from './layout'

export type TextAnchor = Extract<ThreadAnchor, { kind: 'text' }>

// biome-ignore lint/suspicious/noExplicitAny: Yjs types differ only in their event type
type AnyType = Y.AbstractType<any>

/** A position in the Yjs tree: an index into a type's children (or an XmlText's characters). */
export interface YPosition {
  type: AnyType
  index: number
}

export type ResolvedAnchor =
  | { state: 'attached'; text: string; from: YPosition; to: YPosition }
  | { state: 'detached' }

const encode = (rel: Y.RelativePosition) => toBase64(Y.encodeRelativePosition(rel))

/** The Yjs relative position inside an encoded anchor end (null when it does not decode). */
export function decodeAnchorPosition(encoded: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(encoded))
  } catch {
    return null
  }
}

/** A text anchor for the range from `from` to `to` (positions in the draft's guideline fragment). */
export function createTextAnchor(from: YPosition, to: YPosition, quote: string): TextAnchor {
  return {
    kind: 'text',
    start: encode(Y.createRelativePositionFromTypeIndex(from.type, from.index, 0)),
    end: encode(Y.createRelativePositionFromTypeIndex(to.type, to.index, -1)),
    quote: quote.slice(0, MAX_QUOTE_LENGTH),
  }
}

/** The text of a Y.Text (or Y.XmlText) with every embed as one placeholder character (so indices line up). */
export function plainText(text: Y.Text): string {
  return (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : '\uFFFC'))
    .join('')
}

/** Whether `type` is a live (not deleted) node inside `root` (or `root` itself). */
export function liveIn(type: AnyType, root: AnyType): boolean {
  let current: AnyType | null = type
  while (current && current !== root) {
    const item: Y.Item | null = current._item
    if (!item || item.deleted) return false
    current = item.parent as AnyType | null
  }
  return current === root
}

/**
 * The guideline flattened into one string (blocks separated by newlines), with where each node starts, so a
 * Yjs position anywhere in the tree becomes an offset into that string.
 */
function flatten(root: Y.XmlFragment) {
  const starts = new Map<AnyType, number>()
  const childStarts = new Map<AnyType, number[]>()
  let text = ''
  const walk = (node: AnyType) => {
    starts.set(node, text.length)
    if (node instanceof Y.XmlText) {
      text += plainText(node)
      return
    }
    if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) {
      const offsets: number[] = []
      for (const child of node.toArray()) {
        offsets.push(text.length)
        walk(child as AnyType)
      }
      offsets.push(text.length)
      childStarts.set(node, offsets)
      if (node instanceof Y.XmlElement) text += '\n'
    }
  }
  walk(root)
  const offsetOf = (pos: YPosition): number | null => {
    if (pos.type instanceof Y.XmlText) {
      const start = starts.get(pos.type)
      return start === undefined ? null : start + pos.index
    }
    return childStarts.get(pos.type)?.[pos.index] ?? null
  }
  return { text, offsetOf }
}

/** Where an encoded relative position is now (null when it does not decode or resolve). */
export function absolutePosition(encoded: string, doc: Y.Doc, followUndone = true): YPosition | null {
  const rel = decodeAnchorPosition(encoded)
  if (!rel) return null
  try {
    const abs = Y.createAbsolutePositionFromRelativePosition(rel, doc, followUndone)
    return abs ? { type: abs.type as AnyType, index: abs.index } : null
  } catch {
    return null
  }
}

/**
 * Resolves text anchors against the draft as it is now (the guideline is flattened once, on first use, so
 * make a new resolver after the draft changes). `followUndone` follows text that an undo on this client
 * brought back (only the client that undid knows; see `reanchorUndone`).
 */
export function createAnchorResolver(
  draft: Y.Doc,
): (anchor: TextAnchor, followUndone?: boolean) => ResolvedAnchor {
  const root = guidelineFragment(draft)
  let flat: ReturnType<typeof flatten> | null = null
  return (anchor, followUndone = true) => {
    const from = absolutePosition(anchor.start, draft, followUndone)
    const to = absolutePosition(anchor.end, draft, followUndone)
    if (!from || !to || !liveIn(from.type, root) || !liveIn(to.type, root)) return { state: 'detached' }
    flat ??= flatten(root)
    const a = flat.offsetOf(from)
    const b = flat.offsetOf(to)
    if (a === null || b === null || a >= b) return { state: 'detached' }
    const text = flat.text
      .slice(a, b)
      .replace(/\uFFFC/g, '')
      .trim()
    if (!text) return { state: 'detached' }
    return { state: 'attached', text, from, to }
  }
}

/** Where one text anchor is now. */
export function resolveTextAnchor(draft: Y.Doc, anchor: TextAnchor, followUndone = true): ResolvedAnchor {
  return createAnchorResolver(draft)(anchor, followUndone)
}

/**
 * A thread whose words were deleted and then brought back by an undo on this client resolves only here (an
 * undo re-creates the text as new items and only the undoing client links old to new). This writes a fresh
 * anchor on the restored words, so every client sees the thread attached again. Returns the new anchor.
 */
export function reanchorUndone(draft: Y.Doc, anchor: TextAnchor): TextAnchor | null {
  if (resolveTextAnchor(draft, anchor, false).state === 'attached') return null
  const followed = resolveTextAnchor(draft, anchor, true)
  if (followed.state !== 'attached') return null
  return createTextAnchor(followed.from, followed.to, followed.text)
}
