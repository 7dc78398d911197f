/**
 * The client address that rate limits and refusal logs count by: the proxy-given one only when trusted,
 * IPv4-mapped IPv6 as IPv4, and IPv6 by its /64 prefix so one subscriber's many addresses share one budget.
 */
import { describe, expect, it } from 'vitest'
import { clientAddress, limitedAddress } from '../../server/auth/rateLimit'

describe('client address for limits', () => {
  it('takes the last X-Forwarded-For entry only behind a trusted proxy', () => {
    expect(clientAddress('1.1.1.1, 203.0.113.9', '10.0.0.1', true)).toBe('203.0.113.9')
    expect(clientAddress('203.0.113.9', '10.0.0.1', false)).toBe('10.0.0.1')
    expect(clientAddress(undefined, undefined, false)).toBe('unknown')
  })

  it('keeps IPv4 and unparseable values as they are, and unmaps IPv4-mapped IPv6', () => {
    expect(limitedAddress('198.51.100.7')).toBe('198.51.100.7')
    expect(limitedAddress('::ffff:127.0.0.1')).toBe('127.0.0.1')
    expect(limitedAddress('not an address')).toBe('not an address')
  })

  it('counts IPv6 by its /64 prefix, whatever the notation', () => {
    const prefix = '2001:db8:1:2::/64'
    for (const address of [
      '2001:db8:1:2::1',
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:0DB8:0001:0002:0:0:0:7',
      '2001:db8:1:2:a:b:192.0.2.1',
      'fe80::1%eth0'.replace('fe80::1', '2001:db8:1:2::9'),
    ])
      expect(limitedAddress(address), address).toBe(prefix)
    expect(limitedAddress('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64')
    expect(limitedAddress('::1')).toBe('0:0:0:0::/64')
    expect(limitedAddress('2001:db8::')).toBe('2001:db8:0:0::/64')
    expect(limitedAddress('1:2:3:4:5::')).toBe('1:2:3:4::/64')
    expect(limitedAddress('::5:6:7:8:9:192.0.2.1')).toBe('0:5:6:7::/64')
  })
})
