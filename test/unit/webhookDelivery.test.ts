/**
 * One delivery attempt against real local receivers: the SSRF rules at configuration and at connection time
 * (a name resolving to 127.0.0.1, DNS rebinding), redirects never followed, the timeout; and the back-off
 * schedule (exponential with jitter, over after 24 h).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { addressRefusal, endpointUrlRefusal } from '../../server/webhooks/addressPolicy'
import { DEFAULT_RETRY_SCHEDULE, nextAttemptAt } from '../../server/webhooks/backoff'
import { type DeliveryRequest, deliverOnce } from '../../server/webhooks/deliver'
import { closeAllReceivers, startReceiver } from '../helpers/webhookReceiver'

afterEach(() => closeAllReceivers())

const NONE = { allowPrivate: [] }
const LOCAL = { allowPrivate: ['127.0.0.1'] }
const request = (url: string): DeliveryRequest => ({
  url,
  secret: 's',
  body: '{}',
  eventId: 'evt',
  eventType: 'ping',
  deliveryId: 'd',
  timestamp: 1,
})
const options = (policy: { allowPrivate: string[] }, extra: object = {}) => ({
  policy,
  timeoutMs: 2000,
  userAgent: 'test',
  ...extra,
})

describe('address policy', () => {
  it('refuses every non-public range, in all their spellings', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '224.0.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '::1',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1',
      '::',
    ])
      expect(addressRefusal(address, NONE), address).not.toBeNull()
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111'])
      expect(addressRefusal(address, NONE), address).toBeNull()
    expect(addressRefusal('127.0.0.1', LOCAL)).toBeNull()
    expect(addressRefusal('127.0.0.2', LOCAL)).not.toBeNull()
    expect(addressRefusal('10.9.9.9', { allowPrivate: ['10.0.0.0/8'] })).toBeNull()
  })

  it('refuses at configuration: http, private literals, localhost, names resolving privately', async () => {
    const publicDns = async () => ['93.184.215.14']
    expect(await endpointUrlRefusal('http://93.184.215.14/hook', NONE, publicDns)).toMatch(/https/)
    expect(await endpointUrlRefusal('https://127.0.0.1/hook', NONE, publicDns)).toMatch(/private/)
    expect(await endpointUrlRefusal('https://[::1]/hook', NONE, publicDns)).toMatch(/private/)
    expect(await endpointUrlRefusal('https://2130706433/hook', NONE, publicDns)).toMatch(/private/)
    expect(await endpointUrlRefusal('https://169.254.169.254/latest', NONE, publicDns)).toMatch(/private/)
    expect(await endpointUrlRefusal('https://localhost/hook', NONE, publicDns)).toMatch(/localhost/)
    expect(await endpointUrlRefusal('https://u:p@hooks.example/x', NONE, publicDns)).toMatch(/password/)
    expect(await endpointUrlRefusal('not a url', NONE, publicDns)).toMatch(/absolute/)
    expect(
      await endpointUrlRefusal('https://internal.example/x', NONE, async () => ['93.184.215.14', '10.0.0.5']),
    ).toMatch(/internal\.example resolves to 10\.0\.0\.5/)
    expect(await endpointUrlRefusal('https://hooks.example/x', NONE, publicDns)).toBeNull()
    // The allowance: the named address only, over http too.
    expect(await endpointUrlRefusal('http://127.0.0.1:9/hook', LOCAL, publicDns)).toBeNull()
    expect(await endpointUrlRefusal('http://hooks.example/x', LOCAL, publicDns)).toMatch(/https/)
  })
})

describe('one delivery attempt', () => {
  it('refuses to connect to a name resolving to loopback (localhost) without the allowance', async () => {
    const receiver = await startReceiver()
    const result = await deliverOnce(request(`https://localhost:${receiver.port}/hook`), options(NONE))
    expect(result.ok).toBe(false)
    expect(result.error).toMatch(/refused to connect: localhost resolves to .*(loopback)/)
    expect(receiver.received).toHaveLength(0)
  })

  it('refuses an address literal at every attempt (Node connects to a literal without a lookup)', async () => {
    const receiver = await startReceiver()
    for (const host of ['127.0.0.1', '[::1]', '[::ffff:127.0.0.1]']) {
      const result = await deliverOnce(request(`https://${host}:${receiver.port}/hook`), options(NONE))
      expect(result.error).toMatch(/^refused to connect: .* is a loopback address/)
    }
    expect(receiver.received).toHaveLength(0)
  })

  it('checks the address at connection time (DNS rebinding: public when saved, loopback now)', async () => {
    const receiver = await startReceiver()
    const rebound = async () => ['127.0.0.1']
    const url = `https://hooks.example:${receiver.port}/hook`
    expect(await endpointUrlRefusal(url, NONE, async () => ['93.184.215.14'])).toBeNull()
    const result = await deliverOnce(request(url), options(NONE, { resolve: rebound }))
    expect(result.error).toMatch(/refused to connect: hooks\.example resolves to 127\.0\.0\.1/)
    expect(receiver.received).toHaveLength(0)
  })

  it('refuses plain http at delivery time unless the address is allowed', async () => {
    const receiver = await startReceiver()
    expect((await deliverOnce(request(receiver.url), options(NONE))).error).toMatch(/not https/)
    expect(receiver.received).toHaveLength(0)
    expect((await deliverOnce(request(receiver.url), options(LOCAL))).ok).toBe(true)
  })

  it('never follows a redirect (into 127.0.0.1 here): a failed attempt with its Location', async () => {
    const target = await startReceiver()
    const redirecting = await startReceiver()
    redirecting.answer = (response) => response.writeHead(302, { location: target.url }).end()
    const result = await deliverOnce(request(redirecting.url), options(LOCAL))
    expect(result).toEqual({
      ok: false,
      statusCode: 302,
      error: `redirect not followed (Location: ${target.url})`,
    })
    expect(redirecting.received).toHaveLength(1)
    expect(target.received).toHaveLength(0)
  })

  it('gives up on an endpoint that does not answer within the timeout', async () => {
    const receiver = await startReceiver()
    receiver.answer = () => {}
    const started = Date.now()
    const result = await deliverOnce(request(receiver.url), options(LOCAL, { timeoutMs: 300 }))
    expect(result).toEqual({ ok: false, statusCode: null, error: 'timed out after 300 ms' })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('records a 500 as a failed attempt', async () => {
    const receiver = await startReceiver()
    receiver.answer = (response) => response.writeHead(500).end('boom')
    expect(await deliverOnce(request(receiver.url), options(LOCAL))).toEqual({
      ok: false,
      statusCode: 500,
      error: 'the endpoint answered 500',
    })
  })
})

describe('back-off', () => {
  it('doubles from 30 s with jitter, caps each wait at 1 h, and stops 24 h after queueing', () => {
    const s = DEFAULT_RETRY_SCHEDULE
    expect(nextAttemptAt(s, 1, 0, 0, () => 1)).toBe(30_000)
    expect(nextAttemptAt(s, 1, 0, 0, () => 0)).toBe(15_000)
    expect(nextAttemptAt(s, 2, 0, 0, () => 1)).toBe(60_000)
    expect(nextAttemptAt(s, 5, 0, 0, () => 1)).toBe(480_000)
    expect(nextAttemptAt(s, 30, 0, 0, () => 1)).toBe(3_600_000)
    const dayMs = 24 * 3_600_000
    expect(nextAttemptAt(s, 30, 0, dayMs - 3_600_000, () => 1)).toBe(dayMs)
    expect(nextAttemptAt(s, 30, 0, dayMs - 1000, () => 1)).toBeNull()
  })
})
