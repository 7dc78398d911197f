/**
 * The verification snippet in docs/webhooks.md, extracted from the page and run as written, accepts a real
 * signed delivery (sent by the delivery code to a local receiver) and refuses a tampered body, another
 * secret and an old timestamp.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { deliverOnce } from '../../server/webhooks/deliver'
import { signatureHeader } from '../../server/webhooks/signature'
import { WEBHOOK_HEADERS } from '../../shared/schema/webhooks'
import { closeAllReceivers, startReceiver } from '../helpers/webhookReceiver'

type Verify = (secret: string, rawBody: string, header: string, toleranceSeconds?: number) => boolean

const dir = mkdtempSync(join(tmpdir(), 'yardstick-snippet-'))
afterAll(async () => {
  await closeAllReceivers()
  rmSync(dir, { recursive: true, force: true })
})

async function snippet(): Promise<Verify> {
  const page = readFileSync(resolve(import.meta.dirname, '../../docs/webhooks.md'), 'utf8')
  const block = /```js\n([\s\S]*?verifyYardstickSignature[\s\S]*?)```/.exec(page)?.[1]
  if (!block) throw new Error('no verification snippet in docs/webhooks.md')
  const file = join(dir, 'verify.mjs')
  writeFileSync(file, block)
  const module = (await import(pathToFileURL(file).href)) as { verifyYardstickSignature: Verify }
  return module.verifyYardstickSignature
}

describe('the documented verification snippet', () => {
  it('verifies a real delivery and refuses tampering, another secret and replays', async () => {
    const verify = await snippet()
    const receiver = await startReceiver()
    const secret = 'whsec_documented'
    const body = JSON.stringify({ id: 'evt_1', type: 'ping', data: { message: 'héllo ✓' } })
    const result = await deliverOnce(
      {
        url: receiver.url,
        secret,
        body,
        eventId: 'evt_1',
        eventType: 'ping',
        deliveryId: 'd1',
        timestamp: Math.floor(Date.now() / 1000),
      },
      { policy: { allowPrivate: ['127.0.0.1'] }, timeoutMs: 5000, userAgent: 'test' },
    )
    expect(result).toEqual({ ok: true, statusCode: 200, error: null })
    const [got] = receiver.received
    const header = String(got!.headers[WEBHOOK_HEADERS.signature.toLowerCase()])
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
    expect(got!.rawBody).toBe(body)
    expect(verify(secret, got!.rawBody, header)).toBe(true)
    expect(verify(secret, got!.rawBody.replace('héllo', 'hello'), header)).toBe(false)
    expect(verify('whsec_other', got!.rawBody, header)).toBe(false)
    const old = signatureHeader(secret, body, Math.floor(Date.now() / 1000) - 3600)
    expect(verify(secret, body, old)).toBe(false)
    expect(verify(secret, body, 'garbage')).toBe(false)
  })
})
