/**
 * Response headers every page and API answer carries: a Content-Security-Policy without inline script,
 * framing forbidden, no MIME sniffing, a strict referrer policy (invite and setup tokens live in URL
 * fragments, which browsers never send, but paths are not leaked either), and HSTS over HTTPS.
 */
import { secureHeaders } from 'hono/secure-headers'

export function securityHeaders(https: boolean) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // React and TipTap set style attributes; no stylesheet is inline-injected by scripts we do not ship.
      styleSrc: ["'self'", "'unsafe-inline'"],
      // blob: for previews of media being uploaded (object URLs); media itself is served from 'self'.
      imgSrc: ["'self'", 'data:', 'https:', 'blob:'],
      mediaSrc: ["'self'", 'blob:'],
      connectSrc: ["'self'", 'ws:', 'wss:'],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: https ? 'max-age=31536000; includeSubDomains' : false,
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
  })
}
