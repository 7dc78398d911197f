/**
 * Rate limits per client address: the endpoints that guess secrets (login, setup, invites), answered with
 * 429 and Retry-After, and websocket upgrades (see sync/syncUpgrade.ts). Backed by rate-limiter-flexible:
 * in memory for one instance; in Redis, shared by every instance, when several run (with the in-memory
 * limiter as insurance while Redis is away).
 */
import { isIP } from 'node:net'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import type { Redis } from 'ioredis'
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible'
import { ApiFailure } from '../failure'

export interface RateLimitConfig {
  /** Attempts per minute per IP on login, setup and invite endpoints. */
  authAttemptsPerMinute: number
  /** Behind a reverse proxy: the client is the last address in X-Forwarded-For (the one our proxy added). */
  trustProxy: boolean
  /** Shared counters when several instances run (null: this process only). */
  rateLimitRedis: Redis | null
}

/**
 * The client's address: the socket's peer, or behind a trusted proxy the address it appended. IPv4-mapped
 * IPv6 becomes plain IPv4, and IPv6 is cut to its /64 prefix: one subscriber routinely holds a whole /64,
 * so counting single IPv6 addresses would give each of them endless budgets.
 */
export function clientAddress(
  forwardedFor: string | undefined,
  remoteAddress: string | undefined,
  trustProxy: boolean,
): string {
  const forwarded = trustProxy ? forwardedFor?.split(',').at(-1)?.trim() : undefined
  return limitedAddress(forwarded || remoteAddress || 'unknown')
}

/** `::ffff:a.b.c.d` → `a.b.c.d`; other IPv6 → `<first four groups>::/64`; anything else unchanged. */
export function limitedAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)
  if (mapped) return mapped[1]!
  if (isIP(address) !== 6) return address
  // A trailing dotted quad (`64:ff9b::192.0.2.1`) is two groups.
  const hex = address
    .toLowerCase()
    .split('%', 1)[0]!
    .replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
      [Number(a) * 256 + Number(b), Number(c) * 256 + Number(d)].map((n) => n.toString(16)).join(':'),
    )
  const [head = '', tail] = hex.split('::')
  const headGroups = head ? head.split(':') : []
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : []
  const missing = 8 - headGroups.length - tailGroups.length
  const groups = [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups]
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}

export function clientIp(c: Context, trustProxy: boolean): string {
  let remote: string | undefined
  try {
    remote = getConnInfo(c).remote.address
  } catch {
    remote = undefined
  }
  return clientAddress(c.req.header('x-forwarded-for'), remote, trustProxy)
}

/** `points` per `durationSeconds` per key, in Redis (shared) when given one, else in this process. */
function createLimiter(
  keyPrefix: string,
  points: number,
  durationSeconds: number,
  redis: Redis | null,
): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds })
  if (!redis) return memory
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `ratelimit:${keyPrefix}`,
    points,
    duration: durationSeconds,
    insuranceLimiter: memory,
  })
}

/** Whole seconds until a refused key may try again (at least 1). */
function retryAfterSeconds(refused: RateLimiterRes): number {
  return Math.max(1, Math.ceil(refused.msBeforeNext / 1000))
}

/** Allows `points` requests per `durationSeconds` per IP for the routes it guards. */
export function rateLimit(name: string, durationSeconds: number, config: RateLimitConfig): MiddlewareHandler {
  const limiter = createLimiter(name, config.authAttemptsPerMinute, durationSeconds, config.rateLimitRedis)
  return async (c, next) => {
    try {
      await limiter.consume(clientIp(c, config.trustProxy))
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error
      const retryAfter = retryAfterSeconds(error)
      c.header('Retry-After', String(retryAfter))
      throw new ApiFailure(429, 'rate_limited', `too many attempts; try again in ${retryAfter} s`)
    }
    await next()
  }
}

export interface UpgradeLimitConfig {
  /** Points per window per address; every upgrade costs one, a refused one `refusedUpgradeCost` more (0: off). */
  upgradesPerMinute: number
  /** Extra points a refused upgrade (no session, bad origin, unknown document, no access) costs. */
  refusedUpgradeCost: number
  /** The window the budget is counted over (60 s; tests shorten it so the budget refills quickly). */
  windowSeconds: number
}

/** The websocket upgrade budget of each client address. */
export interface UpgradeLimiter {
  /** Takes one point; null when admitted, else the seconds after which the address may try again. */
  admit(address: string): Promise<number | null>
  /** Charges a refused upgrade's extra cost, so probing runs out of budget long before a real user does. */
  charge(address: string): Promise<void>
}

export function upgradeLimiter(
  config: UpgradeLimitConfig,
  redis: Redis | null,
  redisPrefix: string,
): UpgradeLimiter {
  if (config.upgradesPerMinute === 0) return { admit: async () => null, charge: async () => {} }
  const limiter = createLimiter(
    `${redisPrefix}:upgrades`,
    config.upgradesPerMinute,
    config.windowSeconds,
    redis,
  )
  return {
    async admit(address) {
      try {
        await limiter.consume(address)
        return null
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error
        return retryAfterSeconds(error)
      }
    },
    async charge(address) {
      if (config.refusedUpgradeCost > 0) await limiter.penalty(address, config.refusedUpgradeCost)
    },
  }
}
