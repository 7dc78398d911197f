/**
 * Same-origin checks for state-changing HTTP requests (JSON bodies included, not only forms) and for the
 * sync websocket upgrade. A request is same-origin when its Origin equals the origin it was sent to (from the
 * Host header) or one of the configured public origins. Requests without Origin come from non-browser
 * clients (which cannot be driven cross-site) and pass, unless Sec-Fetch-Site says they are cross-site.
 */
export interface OriginPolicy {
  /** Extra origins allowed besides the request's own (e.g. PUBLIC_URL's origin behind a proxy). */
  allowedOrigins: string[]
}

export function isSameOrigin(
  headers: Pick<Headers, 'get'>,
  requestUrl: string,
  policy: OriginPolicy,
): boolean {
  const origin = headers.get('origin')
  if (!origin) {
    const site = headers.get('sec-fetch-site')
    return site === null || site === 'same-origin' || site === 'none'
  }
  if (policy.allowedOrigins.includes(origin)) return true
  const host = headers.get('host')
  if (!host) return false
  const scheme = new URL(requestUrl).protocol
  return origin === `${scheme}//${host}`
}
