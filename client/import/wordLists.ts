/**
 * Word's clipboard HTML has no list elements: each item is a `<p style="mso-list:l3 level2 lfo1">` whose
 * bullet or number is typed text in a `<span style="mso-list:Ignore">`. `rebuildWordLists` turns each run of
 * such paragraphs into real nested `<ul>`/`<ol>`, reading depth from `levelN` (or, when Word says level1 for
 * every item, from the paragraphs' left margins) and the list kind from the marker text.
 */

const MSO_LIST = /mso-list:\s*l\d+\s+level(\d+)/i
const ORDERED_MARKER = /^\(?[0-9A-Za-z]{1,5}[.)]$/

interface WordItem {
  paragraph: Element
  level: number
  margin: number
  ordered: boolean
}

function readItem(paragraph: Element): WordItem | null {
  const style = paragraph.getAttribute('style') ?? ''
  const match = MSO_LIST.exec(style)
  if (!match) return null
  const marker = paragraph.querySelector('[style*="mso-list:Ignore" i], [style*="mso-list: Ignore" i]')
  const markerText = (marker?.firstChild?.textContent ?? marker?.textContent ?? '')
    .replace(/\u00a0/g, ' ')
    .trim()
  marker?.remove()
  const margin = Number.parseFloat(/margin-left:\s*(-?[\d.]+)/i.exec(style)?.[1] ?? '0')
  return { paragraph, level: Number(match[1]), margin, ordered: ORDERED_MARKER.test(markerText) }
}

/** Depth 0, 1, … of each item: Word's level when it varies, else the rank of the item's left margin. */
function depths(items: WordItem[]): number[] {
  if (items.some((item) => item.level > 1)) return items.map((item) => item.level - 1)
  const margins = [...new Set(items.map((item) => item.margin))].sort((a, b) => a - b)
  return items.map((item) => margins.indexOf(item.margin))
}

function nextElement(node: Node): Element | null {
  let next = node.nextSibling
  while (next && next.nodeType !== 1) {
    if (next.nodeType === 3 && next.textContent?.trim()) return null
    next = next.nextSibling
  }
  return next as Element | null
}

/** The run as one or more lists: a new top-level list starts where bullets turn into numbers or back. */
function buildLists(document: Document, run: WordItem[]): Element[] {
  const levels = depths(run)
  const roots: Element[] = []
  let stack: Element[] = []
  run.forEach((item, index) => {
    const depth = Math.min(levels[index] ?? 0, stack.length)
    while (stack.length > depth + 1) stack.pop()
    const tag = item.ordered ? 'ol' : 'ul'
    if (stack.length === depth + 1 && stack[depth]?.tagName.toLowerCase() !== tag) {
      if (depth === 0) stack = []
      else stack.pop()
    }
    if (stack.length === depth) {
      const list = document.createElement(tag)
      const parentItem = stack[depth - 1]?.lastElementChild
      if (parentItem) parentItem.append(list)
      else roots.push(list)
      stack.push(list)
    }
    const listItem = document.createElement('li')
    const paragraph = document.createElement('p')
    paragraph.append(...item.paragraph.childNodes)
    listItem.append(paragraph)
    stack[depth]?.append(listItem)
  })
  return roots
}

export function rebuildWordLists(body: HTMLElement): void {
  const document = body.ownerDocument
  for (const paragraph of [...body.querySelectorAll('p[style*="mso-list" i]')]) {
    if (!paragraph.isConnected) continue
    const first = readItem(paragraph)
    if (!first) continue
    const run = [first]
    let next = nextElement(paragraph)
    while (next) {
      const item = next.tagName === 'P' ? readItem(next) : null
      if (!item) break
      run.push(item)
      next = nextElement(next)
    }
    paragraph.before(...buildLists(document, run))
    for (const item of run) item.paragraph.remove()
  }
}
