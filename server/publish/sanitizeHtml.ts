/**
 * The last line of defence for HTML the server renders (published guidelines, the printable page): DOMPurify
 * on a jsdom window. The renderers already escape text and drop unsafe links; this removes whatever slipped
 * through — script and embedding elements, event-handler and style attributes, any link that is not http(s)
 * or mailto (`javascript:`, `data:`, mixed case, whitespace- or control-character-prefixed), and any media
 * source (img/video/audio `src`) that is not one of our own blob URLs (`/api/projects/<id>/media/<hash>`):
 * a published page never makes the reader's browser fetch from another site.
 */
import createDOMPurify from 'dompurify'
import { JSDOM } from 'jsdom'

const purify = createDOMPurify(new JSDOM('').window as unknown as Parameters<typeof createDOMPurify>[0])

/** Our own media URL (mediaPath): a project id (base64url) and a lowercase sha-256. Nothing before or after. */
export const OWN_MEDIA_URL = /^\/api\/projects\/[A-Za-z0-9_-]{1,64}\/media\/[0-9a-f]{64}$/

/** URLs DOMPurify lets through at all (it strips whitespace first); `src` is narrowed further below. */
const SAFE_URI = /^(?:(?:https?|mailto):|\/api\/projects\/[A-Za-z0-9_-]{1,64}\/media\/[0-9a-f]{64}$)/i

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('rel', 'noopener noreferrer nofollow')
    node.setAttribute('target', '_blank')
  }
  const src = node.getAttribute('src')
  if (src !== null && !OWN_MEDIA_URL.test(src)) node.removeAttribute('src')
})

export function sanitizeHtml(html: string): string {
  return purify.sanitize(html, {
    ALLOWED_URI_REGEXP: SAFE_URI,
    FORBID_TAGS: [
      'style',
      'script',
      'iframe',
      'object',
      'embed',
      'form',
      'input',
      'button',
      'svg',
      'math',
      'source',
      'track',
      'picture',
    ],
    FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'poster', 'background', 'ping'],
    ADD_ATTR: ['target', 'controls', 'preload', 'loading'],
    // Plain values DOMPurify would otherwise check against the URI pattern (and drop).
    ADD_URI_SAFE_ATTR: ['width', 'height', 'preload', 'loading'],
  })
}
