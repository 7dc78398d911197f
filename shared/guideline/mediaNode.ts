/**
 * The guideline's media block: an atom holding a MediaRef (hash, kind, mime, alt, width/height) plus a caption
 * and a display width, stored as node attributes so `mediaHashesInDraft` finds it. No URL is ever stored: the
 * renderers derive it from the project and the hash (mediaPath). Attributes a peer wrote that break the
 * MediaRef rules make the node invalid: it renders as a harmless placeholder, never as a link or a source.
 */
import type { JSONContent } from '@tiptap/core'
import { mergeAttributes, Node } from '@tiptap/core'
import { z } from 'zod'
import { ACCEPTED_MEDIA_TYPES, MediaRef, mediaPath } from '../schema/media'

export const MEDIA_NODE = 'media'

/** Display widths offered by the editor (percent of the text column): S, M, L and Full. */
export const DISPLAY_WIDTHS = [
  { label: 'S', title: 'Small', percent: 25 },
  { label: 'M', title: 'Medium', percent: 50 },
  { label: 'L', title: 'Large', percent: 75 },
  { label: 'Full', title: 'Full width', percent: 100 },
] as const
export const DEFAULT_DISPLAY_WIDTH = 100

/** What a valid media node holds: a MediaRef whose mime is an accepted type of its kind, and more. */
export const MediaNodeAttrs = MediaRef.extend({
  caption: z.string().max(2000).optional(),
  /** Percent of the text column (10–100); absent: full width. */
  displayWidth: z.number().int().min(10).max(100).optional(),
}).refine((attrs) => ACCEPTED_MEDIA_TYPES[attrs.mime] === attrs.kind, 'the type does not match the kind')
export type MediaNodeAttrs = z.infer<typeof MediaNodeAttrs>

/** The attributes a valid node may have (anything else a peer wrote is ignored). */
const SHAPE = {
  hash: 1,
  kind: 1,
  mime: 1,
  alt: 1,
  caption: 1,
  width: 1,
  height: 1,
  displayWidth: 1,
} as const

/** The attributes of a media node if they are valid (null, '' and non-numbers count as absent), else null. */
export function readMediaAttrs(attrs: Record<string, unknown> | undefined): MediaNodeAttrs | null {
  if (!attrs) return null
  const present = Object.fromEntries(
    Object.entries(attrs).filter(([key, value]) => value !== null && value !== '' && key in SHAPE),
  )
  const parsed = MediaNodeAttrs.safeParse(present)
  return parsed.success ? parsed.data : null
}

/** The display width of a valid node in percent. */
export function displayWidthOf(attrs: MediaNodeAttrs): number {
  return attrs.displayWidth ?? DEFAULT_DISPLAY_WIDTH
}

const text = (name: string) => ({
  default: null,
  parseHTML: (element: HTMLElement) => element.getAttribute(`data-${name}`),
  renderHTML: (attributes: Record<string, unknown>) =>
    typeof attributes[toKey(name)] === 'string' && attributes[toKey(name)] !== ''
      ? { [`data-${name}`]: attributes[toKey(name)] }
      : {},
})
const toKey = (name: string) => name.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase())
const integer = (name: string) => ({
  default: null,
  parseHTML: (element: HTMLElement) => {
    const value = Number.parseInt(element.getAttribute(`data-${name}`) ?? '', 10)
    return Number.isFinite(value) ? value : null
  },
  renderHTML: (attributes: Record<string, unknown>) =>
    typeof attributes[toKey(name)] === 'number' ? { [`data-${name}`]: String(attributes[toKey(name)]) } : {},
})

export const MediaNode = Node.create({
  name: MEDIA_NODE,
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    return {
      hash: text('hash'),
      kind: text('kind'),
      mime: text('mime'),
      alt: text('alt'),
      caption: text('caption'),
      width: integer('width'),
      height: integer('height'),
      displayWidth: integer('display-width'),
      /**
       * Only in published versions' JSON: the URL derived from the project and the hash (withMediaUrls).
       * Never read by a renderer and never parsed from HTML: the URL is always derived again.
       */
      url: { default: null, parseHTML: () => null, renderHTML: () => ({}) },
    }
  },

  // Our own clipboard form (data attributes, no src); a foreign <img> never parses into this node.
  parseHTML() {
    return [{ tag: 'figure[data-media]' }]
  },

  renderHTML({ node, HTMLAttributes }) {
    const valid = readMediaAttrs(node.attrs)
    return [
      'figure',
      mergeAttributes({ 'data-media': '', class: 'media-block' }, HTMLAttributes),
      valid ? (valid.caption ?? valid.alt ?? 'Media') : 'Media (invalid)',
    ]
  },
})

/** A copy of a guideline document whose media nodes carry their derived `url` (null when invalid). */
export function withMediaUrls(doc: JSONContent, projectId: string): JSONContent {
  const visit = (node: JSONContent): JSONContent => {
    const next = node.content ? { ...node, content: node.content.map(visit) } : node
    if (node.type !== MEDIA_NODE) return next
    const valid = readMediaAttrs(node.attrs)
    return { ...next, attrs: { ...node.attrs, url: valid ? mediaPath(projectId, valid.hash) : null } }
  }
  return visit(doc)
}
