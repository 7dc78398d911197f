/**
 * Rate limits per client address: the endpoints that guess secrets (login, setup, invites), answered with
 * 429 and Retry-After, and websocket upgrades (see sync/syncUpgrade.ts). Backed by rate-limiter-flexible:
 * in memory for one instance; in Redis, shared by every instance, when several run (with the in-memory
 * limiter as insurance while Redis is away).
 */
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import type { Redis } from 'ioredis'
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible'
import { ApiFailure } from '../http/errors'

export interface RateLimitConfig {
  /** Attempts per minute per IP on login, setup and invite endpoints. */
  authAttemptsPerMinute: number
  /** Behind a reverse proxy: the client is the last address in X-Forwarded-For (the one our proxy added). */
  trustProxy: boolean
  /** Shared counters when several instances run (null: this process only). */
  rateLimitRedis: Redis | null
}

/** The client's address: the socket's peer, or behind a trusted proxy the address it appended. */
export function clientAddress(
  forwardedFor: string | undefined,
  remoteAddress: string | undefined,
  trustProxy: boolean,
): string {
  const forwarded = trustProxy ? forwardedFor?.split(',').at(-1)?.trim() : undefined
  return forwarded || remoteAddress || 'unknown'
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
