/**
 * Sessions: a random 256-bit token in an HttpOnly, SameSite=Lax cookie (`__Host-` and Secure over HTTPS);
 * the database keeps only its SHA-256. Created (rotated) at login, destroyed at logout, looked up on every
 * request and on the sync upgrade.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { parse } from 'hono/utils/cookie'
import type { AppEnv, AuthState } from '../appEnv'
import type { AccountStore } from '../storage/store'
import { hashToken, newId, randomToken } from './tokens'

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000
const TOUCH_EVERY_MS = 60_000

export interface SessionConfig {
  secureCookies: boolean
}

export const sessionCookieName = (config: SessionConfig) =>
  config.secureCookies ? '__Host-ys_session' : 'ys_session'

/** Resolves a session token (from a cookie) to the user and session, or null. */
export async function resolveSession(
  store: AccountStore,
  token: string | undefined,
): Promise<AuthState | null> {
  if (!token || token.length > 200) return null
  const session = await store.getSession(hashToken(token))
  if (!session) return null
  const user = await store.getUser(session.userId)
  if (!user) return null
  const now = Date.now()
  if (now - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS)
    await store.touchSession(session.id, new Date(now).toISOString())
  return { user, session }
}

/** Reads the session cookie from a raw Cookie header (the websocket upgrade has no Hono cookie helpers). */
export function sessionTokenFromCookieHeader(
  header: string | null,
  config: SessionConfig,
): string | undefined {
  if (!header) return undefined
  return parse(header)[sessionCookieName(config)]
}

export function sessionMiddleware(store: AccountStore, config: SessionConfig): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('auth', await resolveSession(store, getCookie(c, sessionCookieName(config))))
    await next()
  }
}

/** Starts a new session for the user (destroying the one the request came with) and sets the cookie. */
export async function startSession(
  c: Context<AppEnv>,
  store: AccountStore,
  config: SessionConfig,
  userId: string,
  onEnded?: (sessionId: string) => void,
) {
  const previous = c.get('auth')
  if (previous) {
    await store.deleteSession(previous.session.id)
    onEnded?.(previous.session.id)
  }
  const token = randomToken(32)
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS)
  await store.createSession({
    id: newId(),
    tokenHash: hashToken(token),
    userId,
    userAgent: (c.req.header('user-agent') ?? '').slice(0, 300),
    expiresAt: expiresAt.toISOString(),
  })
  setCookie(c, sessionCookieName(config), token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: config.secureCookies,
    path: '/',
    expires: expiresAt,
  })
}

export async function endSession(
  c: Context<AppEnv>,
  store: AccountStore,
  config: SessionConfig,
  onEnded?: (sessionId: string) => void,
) {
  const auth = c.get('auth')
  if (auth) {
    await store.deleteSession(auth.session.id)
    onEnded?.(auth.session.id)
  }
  deleteCookie(c, sessionCookieName(config), { path: '/', secure: config.secureCookies })
}
