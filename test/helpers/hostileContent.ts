/**
 * Hostile guideline content as a peer could write it straight into the Yjs document, without the editor:
 * links with `javascript:`, `data:`, mixed-case, whitespace- and control-character-prefixed schemes, event
 * handler attributes, script and image elements, and HTML in text. `expectInert` checks rendered HTML.
 */
import { JSDOM } from 'jsdom'
import { expect } from 'vitest'
import * as Y from 'yjs'
import { guidelineFragment } from '../../shared/ydoc/layout'

export const HOSTILE_HREFS = [
  'javascript:window.__pwned=1',
  'JaVaScRiPt:window.__pwned=1',
  '  javascript:window.__pwned=1',
  '\tjavascript:window.__pwned=1',
  '\u0001javascript:window.__pwned=1',
  'java\nscript:window.__pwned=1',
  'data:text/html,<script>window.__pwned=1</script>',
  'vbscript:msgbox(1)',
]

/** Writes hostile blocks into the draft's guideline through Yjs alone. */
export function writeHostileGuideline(doc: Y.Doc): void {
  const fragment = guidelineFragment(doc)
  doc.transact(() => {
    const heading = new Y.XmlElement('heading')
    heading.setAttribute('level', '2')
    heading.setAttribute('sectionId', 'x" onmouseover="window.__pwned=1')
    heading.setAttribute('onclick', 'window.__pwned=1')
    heading.insert(0, [new Y.XmlText('Hostile section')])
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.setAttribute('onmouseover', 'window.__pwned=1')
    const text = new Y.XmlText()
    paragraph.insert(0, [text])
    const script = new Y.XmlElement('script')
    script.insert(0, [new Y.XmlText('window.__pwned=1')])
    const image = new Y.XmlElement('image')
    image.setAttribute('src', 'x')
    image.setAttribute('onerror', 'window.__pwned=1')
    fragment.insert(fragment.length, [heading, paragraph, script, image])
    text.insert(0, '<img src=x onerror="window.__pwned=1"> ')
    for (const [i, href] of HOSTILE_HREFS.entries()) {
      text.insert(text.length, `link${i} `, { link: { href, target: '_self', onclick: 'window.__pwned=1' } })
    }
    text.insert(text.length, 'fine', { link: { href: 'https://example.com/ok' } })
  })
}

const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'data', 'poster']

/** No script-bearing element, no event handler, no URL other than http(s)/mailto (or empty) in the HTML. */
export function expectInert(html: string): void {
  const { document } = new JSDOM(html).window
  for (const element of document.querySelectorAll('*')) {
    expect(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'STYLE'], html).not.toContain(element.tagName)
    for (const { name, value } of [...element.attributes]) {
      expect(name.startsWith('on'), `${name} on <${element.tagName}>`).toBe(false)
      expect(value, `${name} on <${element.tagName}>`).not.toMatch(/javascript:|vbscript:|data:text/i)
      // An empty href (a dropped link) points at the page itself and runs nothing.
      if (URL_ATTRS.includes(name))
        expect(value, `${name} on <${element.tagName}>`).toMatch(/^(https?:|mailto:|$)/)
    }
  }
}
