/**
 * Rate limits for the endpoints that guess secrets (login, setup, invites), per client IP, answered with
 * 429 and Retry-After. Backed by rate-limiter-flexible's in-memory limiter.
 */
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { ApiFailure } from '../http/errors'

export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** Allows `points` requests per `durationSeconds` per IP for the routes it guards. */
export function rateLimit(name: string, points: number, durationSeconds: number): MiddlewareHandler {
  const limiter = new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds })
  return async (c, next) => {
    try {
      await limiter.consume(clientIp(c))
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error
      const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000))
      c.header('Retry-After', String(retryAfter))
      throw new ApiFailure(429, 'rate_limited', `too many attempts; try again in ${retryAfter} s`)
    }
    await next()
  }
}
