/** Project members: list (owners, leads), change a role and remove a member (owners), and the audit log. */
import { Hono } from 'hono'
import { type AuditEntry, ChangeRoleBody, type Member } from '../../shared/schema/auth'
import { authorize } from '../auth/access'
import type { AppEnv, RouteDeps } from './env'
import { ApiFailure, methodNotAllowed, notFound, readJson } from './errors'

export function memberRoutes({ store, onMembershipChanged }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/:id/members', async (c) => {
    await authorize(c, store, c.req.param('id'), 'members.view')
    const members: Member[] = await store.listMembers(c.req.param('id'))
    return c.json({ members })
  })

  /** Refuses changes that would leave the project without an owner. */
  async function assertNotLastOwner(projectId: string, userId: string) {
    const members = await store.listMembers(projectId)
    const owners = members.filter((m) => m.role === 'owner')
    if (owners.length === 1 && owners[0]!.userId === userId) {
      throw new ApiFailure(409, 'last_owner', 'a project needs an owner: make someone else owner first')
    }
  }

  app.patch('/:id/members/:userId', async (c) => {
    const projectId = c.req.param('id')
    const userId = c.req.param('userId')
    const { auth } = await authorize(c, store, projectId, 'members.manage')
    const body = await readJson(c, ChangeRoleBody)
    const current = await store.getRole(projectId, userId)
    if (!current) throw notFound('member')
    if (current === 'owner' && body.role !== 'owner') await assertNotLastOwner(projectId, userId)
    await store.setRole(projectId, userId, body.role)
    await store.appendAudit({
      projectId,
      actorId: auth.user.id,
      action: 'member.role_changed',
      details: { userId, from: current, to: body.role },
    })
    onMembershipChanged(projectId, userId)
    const member = (await store.listMembers(projectId)).find((m) => m.userId === userId)
    return c.json({ member })
  })

  app.delete('/:id/members/:userId', async (c) => {
    const projectId = c.req.param('id')
    const userId = c.req.param('userId')
    const { auth } = await authorize(c, store, projectId, 'members.manage')
    const current = await store.getRole(projectId, userId)
    if (!current) throw notFound('member')
    if (current === 'owner') await assertNotLastOwner(projectId, userId)
    await store.removeMember(projectId, userId)
    await store.appendAudit({
      projectId,
      actorId: auth.user.id,
      action: 'member.removed',
      details: { userId, role: current },
    })
    onMembershipChanged(projectId, userId)
    return c.body(null, 204)
  })

  app.get('/:id/audit', async (c) => {
    await authorize(c, store, c.req.param('id'), 'audit.view')
    const records = await store.listAudit(c.req.param('id'), 200)
    const subjectIds = new Set(
      records.flatMap((r) => (typeof r.details.userId === 'string' ? [r.details.userId] : [])),
    )
    const names = new Map<string, string>()
    for (const id of subjectIds) {
      const user = await store.getUser(id)
      if (user) names.set(id, user.name)
    }
    const entries: AuditEntry[] = records.map((r) => ({
      id: r.id,
      at: r.createdAt,
      actor: r.actorName,
      action: r.action,
      subject: typeof r.details.userId === 'string' ? (names.get(r.details.userId) ?? null) : null,
      details: r.details,
    }))
    return c.json({ entries })
  })

  app.all('/:id/members', methodNotAllowed(['GET']))
  app.all('/:id/members/:userId', methodNotAllowed(['PATCH', 'DELETE']))
  app.all('/:id/audit', methodNotAllowed(['GET']))
  return app
}
