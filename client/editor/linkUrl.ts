/**
 * Which link targets the guideline accepts: absolute http, https and mailto URLs only, so a pasted or typed
 * `javascript:` (or any other scheme) never becomes a clickable link.
 */

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i

export function isAllowedLinkUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return false
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return false
  return url.protocol === 'mailto:' ? url.pathname.length > 0 : url.hostname.length > 0
}

/**
 * Turns what a person typed into a link target: `example.com/x` becomes `https://example.com/x`, an address
 * with an @ becomes `mailto:`. Returns null when the result is not an allowed link.
 */
export function normalizeLinkInput(input: string): string | null {
  const trimmed = input.trim()
  if (!trimmed) return null
  let candidate = trimmed
  if (!HAS_SCHEME.test(trimmed)) {
    candidate = /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(trimmed) ? `mailto:${trimmed}` : `https://${trimmed}`
  }
  return isAllowedLinkUrl(candidate) ? candidate : null
}
