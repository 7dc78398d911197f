/**
 * Rate limits for the endpoints that guess secrets (login, setup, invites), per client IP, answered with
 * 429 and Retry-After. Backed by rate-limiter-flexible: in memory for one instance; in Redis, shared by
 * every instance, when several run (with the in-memory limiter as insurance while Redis is away).
 */
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import type { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
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

/** Allows `points` requests per `durationSeconds` per IP for the routes it guards. */
export function rateLimit(name: string, durationSeconds: number, config: RateLimitConfig): MiddlewareHandler {
  const points = config.authAttemptsPerMinute
  const memory = new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds })
  const limiter = config.rateLimitRedis
    ? new RateLimiterRedis({
        storeClient: config.rateLimitRedis,
        keyPrefix: `ratelimit:${name}`,
        points,
        duration: durationSeconds,
        insuranceLimiter: memory,
      })
    : memory
  return async (c, next) => {
    try {
      await limiter.consume(clientIp(c, config.trustProxy))
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error
      const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000))
      c.header('Retry-After', String(retryAfter))
      throw new ApiFailure(429, 'rate_limited', `too many attempts; try again in ${retryAfter} s`)
    }
    await next()
  }
}
