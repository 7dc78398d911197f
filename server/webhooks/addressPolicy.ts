/**
 * Where webhooks may be sent (SSRF): only `https://` URLs whose host resolves to public unicast addresses —
 * never loopback, private, link-local (cloud metadata included), unique-local, CGNAT, multicast, reserved or
 * unspecified ones. Checked when an endpoint is saved and again on every connection (DNS rebinding), through
 * `guardedLookup`, so the socket only ever connects to an address that passed. The one exception is the
 * operator's WEBHOOK_ALLOW_PRIVATE_HOSTS list (for local testing): those addresses pass, over http too.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { isIP } from 'node:net'
import ipaddr from 'ipaddr.js'

export interface AddressPolicy {
  /** Addresses or CIDR ranges allowed despite not being public (e.g. `127.0.0.1`, `10.0.0.0/8`). */
  allowPrivate: readonly string[]
}

export class WebhookAddressRefused extends Error {}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number]

function parsedRanges(policy: AddressPolicy): Range[] {
  return policy.allowPrivate.map((entry): Range => {
    if (entry.includes('/')) return ipaddr.parseCIDR(entry)
    const address = ipaddr.process(entry)
    return [address, address.kind() === 'ipv4' ? 32 : 128]
  })
}

/** Whether the operator allowed this (non-public) address. */
function explicitlyAllowed(address: ipaddr.IPv4 | ipaddr.IPv6, policy: AddressPolicy): boolean {
  return parsedRanges(policy).some(
    ([range, bits]) => range.kind() === address.kind() && address.match([range, bits] as never),
  )
}

/** Null when the address may be reached, else why not (a sentence fragment). */
export function addressRefusal(text: string, policy: AddressPolicy): string | null {
  if (!ipaddr.isValid(text)) return `"${text}" is not an IP address`
  // process(): ::ffff:127.0.0.1 is 127.0.0.1.
  const address = ipaddr.process(text)
  if (explicitlyAllowed(address, policy)) return null
  const range = address.range()
  if (range === 'unicast') return null
  return `${address.toString()} is a ${range} address, not a public one`
}

/** Plain http only to an address literal the operator allowed (local testing), never to a public host. */
export function httpAllowed(host: string, policy: AddressPolicy): boolean {
  const target = bare(host)
  if (!ipaddr.isValid(target)) return false
  return explicitlyAllowed(ipaddr.process(target), policy)
}

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '')

/**
 * Checks a URL an owner wants to save: https (or http to an allowed private address), no credentials, a
 * host that is not a private address literal or `localhost`, and whose resolved addresses are all public.
 * Returns the sentence to answer with, or null. A name that does not resolve is accepted (deliveries retry).
 */
export async function endpointUrlRefusal(
  raw: string,
  policy: AddressPolicy,
  resolve: (host: string) => Promise<string[]> = resolveAll,
): Promise<string | null> {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'url must be an absolute https:// URL'
  }
  const host = bare(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && httpAllowed(host, policy)))
    return 'url must use https:// (plain http is refused)'
  if (url.username || url.password) return 'url must not contain a user name or password'
  if (isIP(host)) {
    const refusal = addressRefusal(host, policy)
    return refusal ? `webhooks cannot be sent to private addresses: ${refusal}` : null
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return 'webhooks cannot be sent to localhost'
  let addresses: string[]
  try {
    addresses = await resolve(host)
  } catch {
    return null
  }
  for (const address of addresses) {
    const refusal = addressRefusal(address, policy)
    if (refusal) return `webhooks cannot be sent to private addresses: ${host} resolves to ${refusal}`
  }
  return null
}

function resolveAll(host: string): Promise<string[]> {
  return new Promise((done, fail) =>
    dnsLookup(host, { all: true }, (error, addresses) =>
      error ? fail(error) : done(addresses.map((a) => a.address)),
    ),
  )
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

/** What resolves names for a delivery (node:dns by default; tests give their own to simulate rebinding). */
export type Resolver = (host: string) => Promise<string[]>

/**
 * A `lookup` for node:http(s) that resolves the name and refuses the connection unless every address passes
 * the policy, so what is checked is exactly what is connected to.
 */
export function guardedLookup(policy: AddressPolicy, resolve: Resolver = resolveAll) {
  return (host: string, options: { all?: boolean }, callback: LookupCallback): void => {
    const target = bare(host)
    const addresses = isIP(target) ? Promise.resolve([target]) : resolve(target)
    addresses.then(
      (list) => {
        if (list.length === 0) return callback(new WebhookAddressRefused(`${target} did not resolve`), '')
        for (const address of list) {
          const refusal = addressRefusal(address, policy)
          if (refusal)
            return callback(
              new WebhookAddressRefused(`refused to connect: ${target} resolves to ${refusal}`),
              '',
            )
        }
        if (options.all)
          callback(
            null,
            list.map((address) => ({ address, family: isIP(address) })),
          )
        else callback(null, list[0]!, isIP(list[0]!))
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    )
  }
}
