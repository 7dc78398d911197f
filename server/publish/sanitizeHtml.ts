/**
 * The last line of defence for HTML the server renders (published guidelines, the printable page): DOMPurify
 * on a jsdom window. The renderers already escape text and drop unsafe links; this removes whatever slipped
 * through — script and embedding elements, event-handler and style attributes, and any URL that is not
 * http(s) or mailto (`javascript:`, `data:`, mixed case, whitespace- or control-character-prefixed).
 */
import createDOMPurify from 'dompurify'
import { JSDOM } from 'jsdom'

const purify = createDOMPurify(new JSDOM('').window as unknown as Parameters<typeof createDOMPurify>[0])

/** Only absolute http(s) and mailto URLs survive in href/src (DOMPurify strips whitespace first). */
const SAFE_URI = /^(?:https?|mailto):/i

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('rel', 'noopener noreferrer nofollow')
    node.setAttribute('target', '_blank')
  }
})

export function sanitizeHtml(html: string): string {
  return purify.sanitize(html, {
    ALLOWED_URI_REGEXP: SAFE_URI,
    FORBID_TAGS: ['style', 'script', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'svg', 'math'],
    FORBID_ATTR: ['style', 'srcset', 'action', 'formaction'],
    ADD_ATTR: ['target'],
  })
}
