/** First-run setup, sign in and out, the current user, and the user's sessions. */
import { Hono } from 'hono'
import { LoginBody, type SessionInfo, SetupBody } from '../../shared/schema/auth'
import { requireUser } from '../auth/access'
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from '../auth/passwords'
import { rateLimit } from '../auth/rateLimit'
import { endSession, startSession } from '../auth/sessions'
import { hashToken, newId } from '../auth/tokens'
import type { AppEnv, RouteDeps } from './env'
import { ApiFailure, methodNotAllowed, notFound, readJson } from './errors'
import { publicUser } from './users'

export function authRoutes({ store, auth: config, onSessionEnded }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const limited = rateLimit('auth', 60, config)

  app.get('/setup', async (c) => c.json({ needed: (await store.countUsers()) === 0 }))
  app.post('/setup', limited, async (c) => {
    const body = await readJson(c, SetupBody)
    const problem = await passwordProblem(body.password, body)
    if (problem) throw new ApiFailure(400, 'weak_password', problem)
    const owner = {
      id: newId(),
      email: body.email,
      name: body.name,
      color: body.color ?? '#2563eb',
      passwordHash: await hashPassword(body.password),
    }
    if (!(await store.completeSetup(hashToken(body.token), owner))) {
      throw new ApiFailure(403, 'setup_closed', 'this setup link is invalid or has already been used')
    }
    await startSession(c, store, config, owner.id)
    return c.json({ user: publicUser(owner) }, 201)
  })

  app.post('/auth/login', limited, async (c) => {
    const body = await readJson(c, LoginBody)
    const user = await store.getUserByEmail(body.email)
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), body.password)
    if (!user || !valid) throw new ApiFailure(401, 'invalid_credentials', 'email or password is wrong')
    await startSession(c, store, config, user.id, onSessionEnded)
    return c.json({ user: publicUser(user) })
  })

  app.post('/auth/logout', async (c) => {
    await endSession(c, store, config, onSessionEnded)
    return c.body(null, 204)
  })

  app.get('/auth/me', (c) => c.json({ user: publicUser(requireUser(c).user) }))
  /** For the app itself: being signed out is an expected state here, so it is a 200 with `user: null`. */
  app.get('/auth/session', (c) => {
    const auth = c.get('auth')
    return c.json({ user: auth ? publicUser(auth.user) : null })
  })

  app.get('/auth/sessions', async (c) => {
    const { user, session } = requireUser(c)
    const sessions = await store.listSessions(user.id)
    return c.json({
      sessions: sessions.map(
        (s): SessionInfo => ({
          id: s.id,
          createdAt: s.createdAt,
          lastSeenAt: s.lastSeenAt,
          userAgent: s.userAgent,
          current: s.id === session.id,
        }),
      ),
    })
  })

  app.delete('/auth/sessions/:sessionId', async (c) => {
    const { user } = requireUser(c)
    const id = c.req.param('sessionId')
    const mine = (await store.listSessions(user.id)).some((s) => s.id === id)
    if (!mine) throw notFound('session')
    await store.deleteSession(id)
    onSessionEnded(id)
    return c.body(null, 204)
  })

  app.all('/setup', methodNotAllowed(['GET', 'POST']))
  app.all('/auth/login', methodNotAllowed(['POST']))
  app.all('/auth/logout', methodNotAllowed(['POST']))
  app.all('/auth/me', methodNotAllowed(['GET']))
  app.all('/auth/session', methodNotAllowed(['GET']))
  app.all('/auth/sessions', methodNotAllowed(['GET']))
  app.all('/auth/sessions/:sessionId', methodNotAllowed(['DELETE']))
  return app
}
