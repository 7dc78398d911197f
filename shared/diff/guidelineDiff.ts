/**
 * Diff of two guideline documents (TipTap JSON) for the version diff view. Blocks are aligned with jsdiff;
 * within a run of removed and added blocks, a removed block pairs with a similar added block of the same
 * type and becomes one "changed" block with a word diff, so an edited sentence is highlighted in place
 * instead of shown as a delete and an insert. Media blocks read as "Image: alt · caption" and pair by their
 * hash, so a new alt text or caption is a word change of the same picture and a new picture is a delete and
 * an insert.
 */
import type { JSONContent } from '@tiptap/core'
import { diffArrays, diffWordsWithSpace } from 'diff'
import { MEDIA_NODE, readMediaAttrs } from '../guideline/mediaNode'

export interface WordChange {
  value: string
  added?: boolean
  removed?: boolean
}

export type BlockDiff =
  | { kind: 'equal' | 'inserted' | 'deleted'; type: string; text: string; level?: number }
  | { kind: 'changed'; type: string; before: string; after: string; words: WordChange[]; level?: number }

const CONTAINERS = ['bulletList', 'orderedList', 'table', 'tableRow', 'blockquote']

function textOf(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hardBreak') return '\n'
  if (node.type === 'calibrationExample') return `[example ${String(node.attrs?.exampleId ?? '')}]`
  if (node.type === MEDIA_NODE) return mediaText(node)
  const inner = (node.content ?? []).map(textOf)
  return CONTAINERS.includes(node.type ?? '') ? inner.join('\n') : inner.join('')
}

const MEDIA_LABEL = { image: 'Image', video: 'Video', audio: 'Audio' } as const

function mediaText(node: JSONContent): string {
  const media = readMediaAttrs(node.attrs)
  if (!media) return 'Media (unavailable)'
  const alt = media.alt?.trim() || '(no alt text)'
  return `${MEDIA_LABEL[media.kind]}: ${alt}${media.caption ? ` · ${media.caption}` : ''}`
}

interface Block {
  type: string
  text: string
  level?: number
  /** A media block's blob: blocks with the same hash are the same picture, clip or recording. */
  hash?: string
  key: string
}

function blocks(doc: JSONContent): Block[] {
  return (doc.content ?? []).map((node) => {
    const type = node.type ?? 'unknown'
    const text = textOf(node)
    const level = node.type === 'heading' ? Number(node.attrs?.level ?? 1) : undefined
    const hash = node.type === MEDIA_NODE ? readMediaAttrs(node.attrs)?.hash : undefined
    return { type, text, level, hash, key: `${type}:${level ?? ''}:${hash ?? ''}:${text}` }
  })
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length

/** Share of words two texts have in common (0..1). */
function similarity(a: string, b: string): number {
  const common = diffWordsWithSpace(a, b)
    .filter((change) => !change.added && !change.removed)
    .reduce((n, change) => n + words(change.value), 0)
  const total = (words(a) + words(b)) / 2
  return total === 0 ? 1 : common / total
}

const plain = (kind: 'inserted' | 'deleted', b: Block): BlockDiff => ({
  kind,
  type: b.type,
  text: b.text,
  level: b.level,
})

/**
 * Aligns a run of removed blocks with the added blocks that replaced them: a removed block pairs with the
 * next added block of the same type sharing at least 40 % of its words (media: the same hash); the rest are
 * plain deletes and inserts, in document order.
 */
function pairBlocks(removed: Block[], added: Block[]): BlockDiff[] {
  const out: BlockDiff[] = []
  let next = 0
  for (const r of removed) {
    const match = added.findIndex(
      (a, index) =>
        index >= next &&
        a.type === r.type &&
        a.level === r.level &&
        (r.type === MEDIA_NODE
          ? r.hash !== undefined && a.hash === r.hash
          : similarity(r.text, a.text) >= 0.4),
    )
    if (match === -1) {
      out.push(plain('deleted', r))
      continue
    }
    for (const a of added.slice(next, match)) out.push(plain('inserted', a))
    const a = added[match]!
    const words = diffWordsWithSpace(r.text, a.text)
    out.push({ kind: 'changed', type: r.type, level: r.level, before: r.text, after: a.text, words })
    next = match + 1
  }
  for (const a of added.slice(next)) out.push(plain('inserted', a))
  return out
}

export function diffGuidelines(before: JSONContent, after: JSONContent): BlockDiff[] {
  const parts = diffArrays(blocks(before), blocks(after), { comparator: (a, b) => a.key === b.key })
  const out: BlockDiff[] = []
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    const next = parts[i + 1]
    if (part.removed && next?.added) {
      out.push(...pairBlocks(part.value, next.value))
      i++
    } else if (part.added || part.removed) {
      for (const b of part.value) out.push(plain(part.added ? 'inserted' : 'deleted', b))
    } else {
      for (const b of part.value) out.push({ kind: 'equal', type: b.type, text: b.text, level: b.level })
    }
  }
  return out
}
