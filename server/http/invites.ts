/**
 * Invite links: owners and leads create them with a role and an expiry (the token is shown once and stored
 * only as a hash); anyone holding one may preview it and accept it once, signing up on the way if needed.
 */
import { Hono } from 'hono'
import { invitableRoles, roleWithArticle } from '../../shared/auth/permissions'
import {
  AcceptInviteBody,
  type CreatedInvite,
  CreateInviteBody,
  type Invite,
  type InvitePreview,
  InviteTokenBody,
} from '../../shared/schema/auth'
import { authorize } from '../auth/access'
import { acceptInvite, inviteStatus } from '../auth/invites'
import { hashPassword, passwordProblem } from '../auth/passwords'
import { rateLimit } from '../auth/rateLimit'
import { startSession } from '../auth/sessions'
import { hashToken, newId, randomToken } from '../auth/tokens'
import type { InviteRecord, NewUser } from '../storage/store'
import type { AppEnv, RouteDeps } from './env'
import { ApiFailure, methodNotAllowed, notFound, readJson } from './errors'

const statusOf = (invite: InviteRecord) => inviteStatus(invite, new Date().toISOString())

const toInvite = (r: InviteRecord): Invite => ({
  id: r.id,
  role: r.role,
  createdAt: r.createdAt,
  expiresAt: r.expiresAt,
  createdBy: r.createdBy,
  status: statusOf(r),
  note: r.note,
})

const GONE_MESSAGES = {
  used: 'this invite link has already been used',
  expired: 'this invite link has expired; ask for a new one',
  revoked: 'this invite link was withdrawn; ask for a new one',
} as const

export function projectInviteRoutes({ store, auth: config }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.post('/:id/invites', async (c) => {
    const projectId = c.req.param('id')
    const { auth, role } = await authorize(c, store, projectId, 'invites.manage')
    const body = await readJson(c, CreateInviteBody)
    if (!invitableRoles(role).includes(body.role)) {
      throw new ApiFailure(
        403,
        'forbidden',
        `${roleWithArticle(role)} cannot invite ${roleWithArticle(body.role)}`,
      )
    }
    const token = randomToken(32)
    const id = newId()
    const expiresAt = new Date(Date.now() + body.expiresInHours * 3600_000).toISOString()
    await store.createInvite({
      id,
      projectId,
      role: body.role,
      tokenHash: hashToken(token),
      createdBy: auth.user.id,
      expiresAt,
      note: body.note,
    })
    await store.appendAudit({
      projectId,
      actorId: auth.user.id,
      action: 'invite.created',
      details: { inviteId: id, role: body.role, ...(body.note ? { note: body.note } : {}) },
    })
    const record = (await store.listInvites(projectId)).find((i) => i.id === id)!
    return c.json<CreatedInvite>({ ...toInvite(record), url: `${config.publicUrl()}/invite#${token}` }, 201)
  })

  app.get('/:id/invites', async (c) => {
    await authorize(c, store, c.req.param('id'), 'invites.manage')
    return c.json({ invites: (await store.listInvites(c.req.param('id'))).map(toInvite) })
  })

  app.delete('/:id/invites/:inviteId', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'invites.manage')
    const inviteId = c.req.param('inviteId')
    if (!(await store.revokeInvite(projectId, inviteId, new Date().toISOString()))) throw notFound('invite')
    await store.appendAudit({
      projectId,
      actorId: auth.user.id,
      action: 'invite.revoked',
      details: { inviteId },
    })
    return c.body(null, 204)
  })

  app.all('/:id/invites', methodNotAllowed(['GET', 'POST']))
  app.all('/:id/invites/:inviteId', methodNotAllowed(['DELETE']))
  return app
}

export function inviteRoutes({ store, auth: config }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const limited = rateLimit('invites', 60, config)

  app.post('/preview', limited, async (c) => {
    const { token } = await readJson(c, InviteTokenBody)
    const invite = await store.getInviteByTokenHash(hashToken(token))
    if (!invite) throw new ApiFailure(404, 'not_found', 'this invite link is not valid')
    const project = await store.getProject(invite.projectId)
    const inviter = await store.getUser(invite.createdBy)
    return c.json<InvitePreview>({
      projectName: project?.name ?? 'a project',
      role: invite.role,
      invitedBy: inviter?.name ?? 'someone',
      status: statusOf(invite),
      expiresAt: invite.expiresAt,
    })
  })

  app.post('/accept', limited, async (c) => {
    const body = await readJson(c, AcceptInviteBody)
    const tokenHash = hashToken(body.token)
    const signedIn = c.get('auth')
    let userId = signedIn?.user.id
    let newUser: NewUser | undefined
    if (!userId) {
      if (!body.account)
        throw new ApiFailure(401, 'unauthenticated', 'sign in or create an account to accept')
      const problem = await passwordProblem(body.account.password, body.account)
      if (problem) throw new ApiFailure(400, 'weak_password', problem)
      userId = newId()
      newUser = {
        id: userId,
        email: body.account.email,
        name: body.account.name,
        color: body.account.color ?? '#0f766e',
        passwordHash: await hashPassword(body.account.password),
      }
    }
    const at = new Date().toISOString()
    const result = await acceptInvite(store, { tokenHash, userId, at, newUser })
    if (!result.ok) {
      if (result.reason === 'unknown') throw new ApiFailure(404, 'not_found', 'this invite link is not valid')
      if (result.reason === 'email_taken') {
        throw new ApiFailure(
          409,
          'email_taken',
          'an account with this email exists: sign in, then open the link again',
        )
      }
      throw new ApiFailure(410, `invite_${result.reason}`, GONE_MESSAGES[result.reason])
    }
    const { invite } = result
    await store.appendAudit({
      projectId: invite.projectId,
      actorId: userId,
      action: 'member.joined',
      details: { userId, role: result.role, inviteId: invite.id },
    })
    if (newUser) await startSession(c, store, config, userId)
    return c.json({ projectId: invite.projectId, role: result.role })
  })

  app.all('/preview', methodNotAllowed(['POST']))
  app.all('/accept', methodNotAllowed(['POST']))
  return app
}
