/** The public face of a user record (never the password hash), and the account routes. */
import { Hono } from 'hono'
import { ChangePasswordBody, UpdateAccountBody, type User } from '../../shared/schema/auth'
import { requireUser } from '../auth/access'
import { hashPassword, passwordProblem, verifyPassword } from '../auth/passwords'
import type { AppEnv, RouteDeps } from './env'
import { ApiFailure, methodNotAllowed, readJson } from './errors'

export function publicUser(user: { id: string; email: string; name: string; color: string }): User {
  return { id: user.id, email: user.email, name: user.name, color: user.color }
}

export function accountRoutes({ store }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.patch('/', async (c) => {
    const { user } = requireUser(c)
    const body = await readJson(c, UpdateAccountBody)
    await store.updateUser(user.id, body)
    return c.json({ user: publicUser({ ...user, ...body }) })
  })

  app.post('/password', async (c) => {
    const { user } = requireUser(c)
    const body = await readJson(c, ChangePasswordBody)
    if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
      throw new ApiFailure(400, 'invalid_credentials', 'current password is wrong')
    }
    const problem = await passwordProblem(body.newPassword, user)
    if (problem) throw new ApiFailure(400, 'weak_password', problem)
    await store.updateUser(user.id, { passwordHash: await hashPassword(body.newPassword) })
    return c.body(null, 204)
  })

  app.all('/', methodNotAllowed(['PATCH']))
  app.all('/password', methodNotAllowed(['POST']))
  return app
}
