/**
 * One delivery attempt: POSTs the event's exact JSON body, signed, to the endpoint, connecting only to
 * addresses the policy allows (checked at connection time), with a hard timeout, and never following a
 * redirect: a 3xx is a failed attempt recorded with its Location. Any 2xx is success.
 */
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP } from 'node:net'
import { WEBHOOK_HEADERS } from '../../shared/schema/webhooks'
import {
  type AddressPolicy,
  addressRefusal,
  guardedLookup,
  httpAllowed,
  type Resolver,
} from './addressPolicy'
import { signatureHeader } from './signature'

export interface DeliveryRequest {
  url: string
  secret: string
  body: string
  eventId: string
  eventType: string
  deliveryId: string
  /** Unix seconds for the signature. */
  timestamp: number
}

export interface AttemptResult {
  ok: boolean
  statusCode: number | null
  /** Why it failed (null on success). */
  error: string | null
}

export interface DeliverOptions {
  policy: AddressPolicy
  timeoutMs: number
  userAgent: string
  resolve?: Resolver
}

const RESPONSE_LIMIT_BYTES = 64 * 1024

export function deliverOnce(req: DeliveryRequest, options: DeliverOptions): Promise<AttemptResult> {
  let url: URL
  try {
    url = new URL(req.url)
  } catch {
    return Promise.resolve({ ok: false, statusCode: null, error: 'the endpoint URL is not valid' })
  }
  const plainHttp = url.protocol === 'http:'
  if (url.protocol !== 'https:' && !(plainHttp && httpAllowed(url.hostname, options.policy)))
    return Promise.resolve({ ok: false, statusCode: null, error: 'refused: the endpoint is not https://' })
  // Node connects to an address literal without calling `lookup`, so the guard below never sees it: check
  // it here, at every attempt (the allowance may have been withdrawn since the endpoint was saved).
  const literal = url.hostname.replace(/^\[|\]$/g, '')
  const literalRefusal = isIP(literal) ? addressRefusal(literal, options.policy) : null
  if (literalRefusal)
    return Promise.resolve({ ok: false, statusCode: null, error: `refused to connect: ${literalRefusal}` })
  const send = plainHttp ? httpRequest : httpsRequest
  return new Promise((done) => {
    let settled = false
    const finish = (result: AttemptResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      done(result)
    }
    const request = send(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(options.policy, options.resolve) as never,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(req.body),
          'User-Agent': options.userAgent,
          [WEBHOOK_HEADERS.signature]: signatureHeader(req.secret, req.body, req.timestamp),
          [WEBHOOK_HEADERS.event]: req.eventType,
          [WEBHOOK_HEADERS.eventId]: req.eventId,
          [WEBHOOK_HEADERS.delivery]: req.deliveryId,
        },
        agent: false,
      },
      (response) => {
        const status = response.statusCode ?? 0
        let read = 0
        response.on('data', (chunk: Buffer) => {
          read += chunk.length
          // Only the status matters; a receiver that streams forever is cut off.
          if (read > RESPONSE_LIMIT_BYTES) response.destroy()
        })
        const settle = () => {
          if (status >= 200 && status < 300) return finish({ ok: true, statusCode: status, error: null })
          if (status >= 300 && status < 400) {
            const location = String(response.headers.location ?? '').slice(0, 300)
            return finish({
              ok: false,
              statusCode: status,
              error: `redirect not followed (Location: ${location || 'none'})`,
            })
          }
          finish({ ok: false, statusCode: status, error: `the endpoint answered ${status}` })
        }
        response.on('end', settle)
        response.on('close', settle)
        response.on('error', settle)
      },
    )
    const timer = setTimeout(() => {
      finish({ ok: false, statusCode: null, error: `timed out after ${options.timeoutMs} ms` })
      request.destroy()
    }, options.timeoutMs)
    request.on('error', (error) => finish({ ok: false, statusCode: null, error: error.message }))
    request.end(req.body)
  })
}
