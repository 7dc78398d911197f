/**
 * The comment routes beside the live comments document: who can be @mentioned (the members who may comment)
 * and the thread counts the publish dialog warns with. Both need `draft.comment`, so annotators get 403.
 */
import { Hono } from 'hono'
import { can } from '../../shared/auth/permissions'
import type { CommentPeople, CommentSummary } from '../../shared/schema/comments'
import { authorize } from '../auth/access'
import { commentSummary } from '../comments/commentsDoc'
import type { AppEnv, RouteDeps } from './env'
import { methodNotAllowed } from './errors'

export function commentRoutes({ store }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/:id/comments/people', async (c) => {
    const projectId = c.req.param('id')
    await authorize(c, store, projectId, 'draft.comment')
    const members = await store.listMembers(projectId)
    const body: CommentPeople = {
      people: members
        .filter((m) => can(m.role, 'draft.comment'))
        .map((m) => ({ id: m.userId, name: m.name, color: m.color })),
    }
    return c.json(body)
  })

  app.get('/:id/comments/summary', async (c) => {
    const projectId = c.req.param('id')
    await authorize(c, store, projectId, 'draft.comment')
    const body: CommentSummary = await commentSummary(store, projectId)
    return c.json(body)
  })

  app.all('/:id/comments/people', methodNotAllowed(['GET']))
  app.all('/:id/comments/summary', methodNotAllowed(['GET']))
  return app
}
