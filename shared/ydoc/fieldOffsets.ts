/**
 * The plain text of an example's rich-text field exactly as the readers produce it (`fragmentPlainText`:
 * blocks joined by blank lines, list items and table cells by newlines, then trimmed), and the mapping between
 * offsets in that plain text and positions inside the Yjs text nodes, so span gold can be anchored to the
 * characters it marks.
 */
import * as Y from 'yjs'

/** Block nodes whose children join without a separator (their text is one run). */
const INLINE_BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'blockquote', 'codeBlock'])

/** A Y.XmlText and where its characters sit in the untrimmed plain text. */
interface Segment {
  node: Y.XmlText
  /** Offset of the node's first character in the untrimmed plain text. */
  start: number
  /** The node's plain characters (embeds count 1 in Yjs and 0 here). */
  length: number
}

interface Layout {
  raw: string
  segments: Segment[]
  /** Characters the final trim removes at the start. */
  lead: number
  /** Length of the trimmed text. */
  length: number
}

/** Plain text of one Y.XmlText (string inserts only). */
function xmlTextPlain(node: Y.XmlText): string {
  return node
    .toDelta()
    .map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('')
}

function layoutOf(fragment: Y.XmlFragment): Layout {
  const segments: Segment[] = []
  let raw = ''
  const walk = (node: unknown): void => {
    if (node instanceof Y.XmlText) {
      const text = xmlTextPlain(node)
      segments.push({ node, start: raw.length, length: text.length })
      raw += text
      return
    }
    if (!(node instanceof Y.XmlElement)) return
    const separator = INLINE_BLOCKS.has(node.nodeName) ? '' : '\n'
    node.toArray().forEach((child, i) => {
      if (i > 0) raw += separator
      walk(child)
    })
  }
  fragment.toArray().forEach((child, i) => {
    if (i > 0) raw += '\n\n'
    walk(child)
  })
  const lead = raw.length - raw.trimStart().length
  return { raw, segments, lead, length: raw.trim().length }
}

/** The plain text of a rich-text fragment (same as `fragmentPlainText`) or of a Y.Text (as typed). */
export function plainTextOf(type: Y.XmlFragment | Y.Text | undefined): string {
  if (!type) return ''
  if (type instanceof Y.Text) return type.toString()
  const { raw } = layoutOf(type)
  return raw.trim()
}

/** Yjs index inside an XmlText for a plain-character index (skipping embeds, which have no plain text). */
function yIndexOf(node: Y.XmlText, plainIndex: number): number {
  let plain = 0
  let y = 0
  for (const op of node.toDelta() as { insert?: unknown }[]) {
    if (typeof op.insert === 'string') {
      if (plain + op.insert.length >= plainIndex) return y + (plainIndex - plain)
      plain += op.insert.length
      y += op.insert.length
    } else y += 1
  }
  return y
}

/** Plain-character index for a Yjs index inside an XmlText. */
function plainIndexOf(node: Y.XmlText, yIndex: number): number {
  let plain = 0
  let y = 0
  for (const op of node.toDelta() as { insert?: unknown }[]) {
    if (typeof op.insert === 'string') {
      if (y + op.insert.length >= yIndex) return plain + (yIndex - y)
      plain += op.insert.length
      y += op.insert.length
    } else {
      if (y >= yIndex) return plain
      y += 1
    }
  }
  return plain
}

/**
 * A relative position for a plain-text offset. `side` 'start' sticks to the character after the offset,
 * 'end' to the character before it, so a range keeps covering its characters while text around it changes
 * and collapses when its characters are deleted. Null when the text has no characters to anchor to.
 */
export function relativePositionAt(
  type: Y.XmlFragment | Y.Text,
  offset: number,
  side: 'start' | 'end',
): Y.RelativePosition | null {
  if (type instanceof Y.Text) {
    const at = Math.max(0, Math.min(offset, type.length))
    return Y.createRelativePositionFromTypeIndex(type, at, side === 'end' ? -1 : 0)
  }
  const layout = layoutOf(type)
  const raw = Math.max(0, Math.min(offset, layout.length)) + layout.lead
  const candidates = layout.segments.filter((s) => s.length > 0)
  if (candidates.length === 0) return null
  if (side === 'start') {
    const segment =
      candidates.find((s) => raw >= s.start && raw < s.start + s.length) ??
      candidates.find((s) => s.start >= raw) ??
      candidates.at(-1)!
    const inside = Math.max(0, Math.min(raw - segment.start, segment.length))
    return Y.createRelativePositionFromTypeIndex(segment.node, yIndexOf(segment.node, inside), 0)
  }
  const segment =
    candidates.find((s) => raw > s.start && raw <= s.start + s.length) ??
    [...candidates].reverse().find((s) => s.start + s.length <= raw) ??
    candidates[0]!
  const inside = Math.max(0, Math.min(raw - segment.start, segment.length))
  return Y.createRelativePositionFromTypeIndex(segment.node, yIndexOf(segment.node, inside), -1)
}

/** The current plain-text offset of a relative position inside `type`, or null when its text is gone. */
export function offsetOfRelativePosition(
  doc: Y.Doc,
  type: Y.XmlFragment | Y.Text,
  position: Y.RelativePosition,
): number | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc)
  if (!absolute) return null
  if (type instanceof Y.Text) return absolute.type === type ? absolute.index : null
  const layout = layoutOf(type)
  const segment = layout.segments.find((s) => s.node === absolute.type)
  if (!segment) return null
  const raw = segment.start + Math.min(plainIndexOf(segment.node, absolute.index), segment.length)
  return Math.max(0, Math.min(raw - layout.lead, layout.length))
}
