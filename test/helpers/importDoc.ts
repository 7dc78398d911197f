/**
 * Helpers for import tests: a jsdom window as the global DOM (DOMParser, DOMPurify), and readers of the
 * guideline JSON (top-level blocks, plain text, list nesting as arrays, marks per text run).
 */
import type { JSONContent } from '@tiptap/core'
import { JSDOM } from 'jsdom'

export function installDom(): void {
  const dom = new JSDOM('<!doctype html><body></body>')
  Object.assign(globalThis, {
    window: dom.window,
    document: dom.window.document,
    DOMParser: dom.window.DOMParser,
    Node: dom.window.Node,
    Element: dom.window.Element,
    HTMLElement: dom.window.HTMLElement,
    NodeFilter: dom.window.NodeFilter,
  })
}

export function blocks(doc: JSONContent): JSONContent[] {
  return doc.content ?? []
}

export function textOf(node: JSONContent): string {
  return node.text ?? (node.content ?? []).map(textOf).join('')
}

/** A list as nested arrays of item texts: ['a', ['a.1'], 'b']. */
export function listShape(list: JSONContent): unknown[] {
  const shape: unknown[] = []
  for (const item of list.content ?? []) {
    for (const child of item.content ?? []) {
      if (child.type === 'bulletList' || child.type === 'orderedList') shape.push(listShape(child))
      else shape.push(textOf(child).trim())
    }
  }
  return shape
}

/** Text run (trimmed) → its mark names, sorted; with `hrefs`, links as `link:<href>`. */
export function marksOf(node: JSONContent, hrefs = false): Record<string, string[]> {
  const found: Record<string, string[]> = {}
  const visit = (current: JSONContent) => {
    if (current.type === 'text' && current.text?.trim()) {
      const key = current.text.trim()
      found[key] = (current.marks ?? [])
        .map((mark) => (hrefs && mark.type === 'link' ? `link:${mark.attrs?.href}` : mark.type))
        .sort()
    }
    for (const child of current.content ?? []) visit(child)
  }
  visit(node)
  return found
}
