/**
 * The `Yardstick-Signature` header, in the style of Stripe's: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>" keyed with the endpoint's secret>`. Receivers check it (docs/webhooks.md has the snippet).
 */
import { createHmac, randomBytes } from 'node:crypto'

/** A new endpoint secret: shown to owners, used as the HMAC key exactly as written (prefix included). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`
}

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')
  return `t=${unixSeconds},v1=${mac}`
}
