/**
 * Small builders for the TipTap JSON of template guidelines (headings with section ids, paragraphs with bold
 * and italic runs, lists, gray-area quotes, embedded examples), so templates read as text, not as node trees.
 */
import { EXAMPLE_ID_ATTR, EXAMPLE_NODE, SECTION_ID_ATTR } from '../ydoc/layout'

export interface JsonNode {
  type: string
  attrs?: Record<string, unknown>
  content?: JsonNode[]
  text?: string
  marks?: { type: string; attrs?: Record<string, unknown> }[]
}

/** A run of text: plain, or with marks. */
export type Run = string | { text: string; bold?: boolean; italic?: boolean; code?: boolean }

export const b = (text: string): Run => ({ text, bold: true })
export const i = (text: string): Run => ({ text, italic: true })

function textNode(run: Run): JsonNode {
  if (typeof run === 'string') return { type: 'text', text: run }
  const marks = [
    ...(run.bold ? [{ type: 'bold' }] : []),
    ...(run.italic ? [{ type: 'italic' }] : []),
    ...(run.code ? [{ type: 'code' }] : []),
  ]
  return marks.length > 0 ? { type: 'text', text: run.text, marks } : { type: 'text', text: run.text }
}

/** The document root, typed as the `guideline` field of a template expects. */
export const doc = (...content: JsonNode[]): Record<string, unknown> => ({ type: 'doc', content })

export const h = (level: 1 | 2 | 3, text: string, sectionId: string): JsonNode => ({
  type: 'heading',
  attrs: { level, [SECTION_ID_ATTR]: sectionId },
  content: [textNode(text)],
})

export const p = (...runs: Run[]): JsonNode => ({ type: 'paragraph', content: runs.map(textNode) })

const items = (list: (Run | Run[])[]) =>
  list.map((item) => ({ type: 'listItem', content: [p(...(Array.isArray(item) ? item : [item]))] }))

export const ul = (...list: (Run | Run[])[]): JsonNode => ({ type: 'bulletList', content: items(list) })
export const ol = (...list: (Run | Run[])[]): JsonNode => ({
  type: 'orderedList',
  attrs: { start: 1 },
  content: items(list),
})

/** A gray-area note, set off as a quote. */
export const quote = (...runs: Run[]): JsonNode => ({ type: 'blockquote', content: [p(...runs)] })

/** An embedded calibration example. */
export const example = (exampleId: string): JsonNode => ({
  type: EXAMPLE_NODE,
  attrs: { [EXAMPLE_ID_ATTR]: exampleId },
})
