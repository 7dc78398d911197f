/** Project routes: the caller's projects, create (the creator becomes owner), read and rename. */
import { Hono } from 'hono'
import type { Project } from '../../shared/schema/project'
import { CreateProjectBody, RenameProjectBody } from '../../shared/schema/project'
import { authorize, requireUser } from '../auth/access'
import { newId } from '../auth/tokens'
import { seedNewProjectDoc } from '../seed/exampleProject'
import type { AppEnv, RouteDeps } from './env'
import { methodNotAllowed, readJson } from './errors'

export function projectRoutes({ store }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/', async (c) => {
    const { user } = requireUser(c)
    return c.json({ projects: await store.listProjectsForUser(user.id) })
  })

  app.post('/', async (c) => {
    const { user } = requireUser(c)
    const body = await readJson(c, CreateProjectBody)
    const record = await store.createProject({ id: newId(), name: body.name })
    await store.setRole(record.id, user.id, 'owner')
    await seedNewProjectDoc(store, record)
    await store.appendAudit({
      projectId: record.id,
      actorId: user.id,
      action: 'project.created',
      details: { name: body.name },
    })
    return c.json<Project>({ ...record, role: 'owner' }, 201)
  })

  app.get('/:id', async (c) => {
    const { role } = await authorize(c, store, c.req.param('id'), 'project.view')
    const record = await store.getProject(c.req.param('id'))
    return c.json<Project>({ ...record!, role })
  })

  app.patch('/:id', async (c) => {
    const id = c.req.param('id')
    const { auth, role } = await authorize(c, store, id, 'project.rename')
    const body = await readJson(c, RenameProjectBody)
    const before = await store.getProject(id)
    const record = await store.renameProject(id, body.name)
    await store.appendAudit({
      projectId: id,
      actorId: auth.user.id,
      action: 'project.renamed',
      details: { from: before?.name, to: body.name },
    })
    return c.json<Project>({ ...record!, role })
  })

  app.all('/', methodNotAllowed(['GET', 'POST']))
  app.all('/:id', methodNotAllowed(['GET', 'PATCH']))
  return app
}
