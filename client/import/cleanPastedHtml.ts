/**
 * Cleans HTML pasted or imported into the guideline: keeps what the guideline's schema holds (headings,
 * nested lists, tables, bold/italic/underline/strike, links, code, quotes, images for the media paste to
 * handle) and drops everything else — styles, classes, fonts, Google Docs' `<b id="docs-internal-guid-…">`
 * wrapper, Word's `mso-*` styles, `<o:p>`, comments and conditional comments, tracking attributes, scripts.
 * Marks that Google Docs writes as styles (`font-weight:700`, `font-style:italic`) become elements first;
 * Word's paragraph lists become real nested lists (wordLists.ts). DOMPurify does the final allow-listing.
 */
import createDOMPurify, { type DOMPurify } from 'dompurify'
import { rebuildWordLists } from './wordLists'

const KEPT_TAGS = [
  'h1',
  'h2',
  'h3',
  'p',
  'br',
  'hr',
  'strong',
  'em',
  'u',
  's',
  'code',
  'pre',
  'blockquote',
  'a',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'img',
]
const KEPT_ATTRS = ['href', 'src', 'alt', 'colspan', 'rowspan', 'start']
/** Links keep only web and mail addresses (as everywhere in the guideline). */
const SAFE_URL = /^(?:https?:|mailto:)/i
const RENAMED: Record<string, string> = {
  b: 'strong',
  i: 'em',
  strike: 's',
  del: 's',
  h4: 'h3',
  h5: 'h3',
  h6: 'h3',
}

let purifier: DOMPurify | null = null
function purify(): DOMPurify {
  purifier ??= createDOMPurify(globalThis.window as unknown as Parameters<typeof createDOMPurify>[0])
  return purifier
}

function rename(element: Element, tag: string): Element {
  const replacement = element.ownerDocument.createElement(tag)
  for (const { name, value } of [...element.attributes]) replacement.setAttribute(name, value)
  replacement.append(...element.childNodes)
  element.replaceWith(replacement)
  return replacement
}

function unwrap(element: Element): void {
  element.replaceWith(...element.childNodes)
}

function wrapChildren(element: Element, tag: string): void {
  const wrapper = element.ownerDocument.createElement(tag)
  wrapper.append(...element.childNodes)
  element.append(wrapper)
}

function removeComments(document: Document): void {
  const walker = document.createTreeWalker(document, 128 /* NodeFilter.SHOW_COMMENT */)
  const comments: Node[] = []
  while (walker.nextNode()) comments.push(walker.currentNode)
  for (const comment of comments) comment.parentNode?.removeChild(comment)
}

/** Bold, italic, underline and strike written as inline styles become elements; `font-weight:normal` on a `<b>` unbolds it. */
function stylesToMarks(body: HTMLElement): void {
  for (const element of [...body.querySelectorAll<HTMLElement>('[style]')]) {
    const style = element.getAttribute('style') ?? ''
    const tag = element.tagName.toLowerCase()
    const weight = /font-weight:\s*(bold|[6-9]00)/i.test(style)
      ? 'bold'
      : /font-weight:\s*(normal|[1-5]00)/i.test(style)
        ? 'normal'
        : null
    if ((tag === 'b' || tag === 'strong') && weight === 'normal') {
      unwrap(element)
      continue
    }
    if (/^(h\d|a|b|strong|th)$/.test(tag)) continue
    if (weight === 'bold') wrapChildren(element, 'strong')
    if (/font-style:\s*italic/i.test(style) && tag !== 'i' && tag !== 'em') wrapChildren(element, 'em')
    if (/text-decoration[^;]*line-through/i.test(style)) wrapChildren(element, 's')
    if (/text-decoration[^;]*underline/i.test(style) && !element.closest('a')) wrapChildren(element, 'u')
  }
}

const PURIFY_CONFIG = {
  ALLOWED_TAGS: KEPT_TAGS,
  ALLOWED_ATTR: KEPT_ATTRS,
  ALLOWED_URI_REGEXP: SAFE_URL,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  KEEP_CONTENT: true,
}

/** The passes over the whole document: comments, Office-namespaced elements, Google Docs' wrapper. */
export function prepareDocument(document: Document): void {
  removeComments(document)
  for (const element of [...document.body.querySelectorAll('*')]) {
    // Word's namespaced elements (<o:p>, <w:sdt>, <v:shape>): <o:p> holds only spacing; others are unwrapped.
    if (element.tagName.includes(':')) {
      if (element.tagName.toLowerCase() === 'o:p') element.remove()
      else unwrap(element)
    }
  }
  for (const wrapper of [...document.body.querySelectorAll('b[id^="docs-internal-guid"]')]) unwrap(wrapper)
}

/** The passes over one container (the body, or a batch of a large import), then DOMPurify: its clean body. */
export function cleanContainer(root: HTMLElement): HTMLElement {
  rebuildWordLists(root)
  stylesToMarks(root)
  for (const element of [...root.querySelectorAll(Object.keys(RENAMED).join(','))])
    rename(element, RENAMED[element.tagName.toLowerCase()]!)
  // (Google Docs' nested list sitting directly in its parent list is moved into the item before it by
  // ProseMirror's parser, which normalises lists that way.)
  // Google Docs writes blank lines between blocks as bare <br>s; they would become empty paragraphs.
  for (const lineBreak of [...root.querySelectorAll(':scope > br')]) lineBreak.remove()
  return purify().sanitize(root.innerHTML, { ...PURIFY_CONFIG, RETURN_DOM: true }) as HTMLElement
}

/** The cleaned HTML (a body fragment) for the guideline's schema. */
export function cleanPastedHtml(html: string): string {
  const document = new DOMParser().parseFromString(html, 'text/html')
  prepareDocument(document)
  return cleanContainer(document.body).innerHTML
}
