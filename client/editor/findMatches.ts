/**
 * Find in the guideline as the page shows it: the text of the guideline editor and of the example fields
 * inside it (each a ProseMirror editor of its own), searched block by block so a match may cross bold or
 * linked text. Caret labels and the example blocks' own buttons and labels are not text of the document.
 */

/** Blocks whose text is searched as one string. */
const BLOCKS = 'p, h1, h2, h3, h4, li, td, th, pre, blockquote'

/** Text that belongs to a document: its nearest editable-or-not container is an editor root itself. */
function isDocumentText(node: Text): boolean {
  const parent = node.parentElement
  if (!parent || parent.closest('.collaboration-carets__caret')) return false
  const editorRoot = parent.closest('.ProseMirror')
  return editorRoot !== null && parent.closest('[contenteditable]') === editorRoot
}

/** Every match of `query` (case-insensitive) under `root`, in document order. */
export function findMatches(root: HTMLElement, query: string): Range[] {
  if (!query) return []
  const needle = query.toLocaleLowerCase()
  const groups = new Map<Element, Text[]>()
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text
    if (!text.data || !isDocumentText(text)) continue
    const block = text.parentElement?.closest(BLOCKS) ?? text.parentElement
    if (!block) continue
    const list = groups.get(block)
    if (list) list.push(text)
    else groups.set(block, [text])
  }
  const ranges: Range[] = []
  for (const texts of groups.values()) {
    const haystack = texts
      .map((t) => t.data)
      .join('')
      .toLocaleLowerCase()
    let from = haystack.indexOf(needle)
    while (from !== -1) {
      const start = locate(texts, from)
      const end = locate(texts, from + needle.length)
      if (start && end) {
        const range = document.createRange()
        range.setStart(start.node, start.offset)
        range.setEnd(end.node, end.offset)
        ranges.push(range)
      }
      from = haystack.indexOf(needle, from + needle.length)
    }
  }
  return ranges
}

/** The text node and offset of character `index` of the concatenated `texts`. */
function locate(texts: Text[], index: number): { node: Text; offset: number } | null {
  let rest = index
  for (const [i, node] of texts.entries()) {
    const last = i === texts.length - 1
    if (rest < node.data.length || (rest === node.data.length && last)) return { node, offset: rest }
    rest -= node.data.length
  }
  return null
}
