/**
 * Writes guideline content into a Y.XmlFragment in the exact shape TipTap's Collaboration extension
 * (y-prosemirror) produces: one Y.XmlElement per node named after its type, attributes as node attributes,
 * text as Y.XmlText with marks as formatting attributes. Used on the server to seed documents, so that
 * nobody passes `content` to a collaborative editor.
 */
import * as Y from 'yjs'
import { EXAMPLE_ID_ATTR, EXAMPLE_NODE, SECTION_ID_ATTR } from './layout'

/** A run of text with optional marks (`bold`, `italic`, `code`, `link`). */
export type Inline =
  | string
  | { text: string; bold?: boolean; italic?: boolean; code?: boolean; href?: string }

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: Inline[] | string; sectionId?: string }
  | { type: 'paragraph'; text: Inline[] | string }
  | { type: 'bulletList' | 'orderedList'; items: (Inline[] | string)[] }
  | { type: 'blockquote'; text: Inline[] | string }
  /** An embedded calibration example (the example itself lives in the examples map). */
  | { type: 'example'; exampleId: string }

function marksOf(run: Exclude<Inline, string>): Record<string, object> {
  const marks: Record<string, object> = {}
  if (run.bold) marks.bold = {}
  if (run.italic) marks.italic = {}
  if (run.code) marks.code = {}
  if (run.href) marks.link = { href: run.href, target: '_blank', rel: 'noopener noreferrer nofollow' }
  return marks
}

function textNode(content: Inline[] | string): Y.XmlText {
  const text = new Y.XmlText()
  const runs = typeof content === 'string' ? [content] : content
  let offset = 0
  for (const run of runs) {
    // Explicit (possibly empty) attributes: without them Yjs continues the preceding run's marks.
    if (typeof run === 'string') {
      text.insert(offset, run, {})
      offset += run.length
    } else {
      text.insert(offset, run.text, marksOf(run))
      offset += run.text.length
    }
  }
  return text
}

function element(name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, unknown> = {}) {
  const el = new Y.XmlElement(name)
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value as string)
  el.insert(0, children)
  return el
}

function paragraph(content: Inline[] | string): Y.XmlElement {
  return element('paragraph', [textNode(content)])
}

function blockElement(block: Block): Y.XmlElement {
  switch (block.type) {
    case 'heading':
      return element(
        'heading',
        [textNode(block.text)],
        block.sectionId ? { level: block.level, [SECTION_ID_ATTR]: block.sectionId } : { level: block.level },
      )
    case 'example':
      return element(EXAMPLE_NODE, [], { [EXAMPLE_ID_ATTR]: block.exampleId })
    case 'paragraph':
      return paragraph(block.text)
    case 'blockquote':
      return element('blockquote', [paragraph(block.text)])
    case 'bulletList':
    case 'orderedList':
      return element(
        block.type,
        block.items.map((item) => element('listItem', [paragraph(item)])),
        block.type === 'orderedList' ? { start: 1 } : {},
      )
  }
}

/** Appends the blocks to the fragment in one transaction. */
export function appendBlocks(fragment: Y.XmlFragment, blocks: Block[]): void {
  const write = () => fragment.insert(fragment.length, blocks.map(blockElement))
  if (fragment.doc) fragment.doc.transact(write)
  else write()
}
