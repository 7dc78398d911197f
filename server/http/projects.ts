/** Project routes: list, create, read and rename. Creating a project seeds its draft guideline. */
import { randomBytes } from 'node:crypto'
import { Hono } from 'hono'
import { CreateProjectBody, RenameProjectBody } from '../../shared/schema/project'
import { seedNewProjectDoc } from '../seed/exampleProject'
import type { Store } from '../storage/store'
import { methodNotAllowed, notFound, readJson } from './errors'

export function newProjectId(): string {
  return randomBytes(12).toString('base64url')
}

export function projectRoutes(store: Store): Hono {
  const app = new Hono()

  app.get('/', async (c) => c.json({ projects: await store.listProjects() }))

  app.post('/', async (c) => {
    const body = await readJson(c, CreateProjectBody)
    const project = await store.createProject({ id: newProjectId(), name: body.name })
    await seedNewProjectDoc(store, project)
    return c.json(project, 201)
  })

  app.get('/:id', async (c) => {
    const project = await store.getProject(c.req.param('id'))
    if (!project) throw notFound('project')
    return c.json(project)
  })

  app.patch('/:id', async (c) => {
    const body = await readJson(c, RenameProjectBody)
    const project = await store.renameProject(c.req.param('id'), body.name)
    if (!project) throw notFound('project')
    return c.json(project)
  })

  app.all('/', methodNotAllowed(['GET', 'POST']))
  app.all('/:id', methodNotAllowed(['GET', 'PATCH']))
  return app
}
