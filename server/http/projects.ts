/**
 * Project routes: the caller's projects, the templates a new project can start from, create (blank or from a
 * template; the creator becomes owner), read and rename.
 */
import { Hono } from 'hono'
import type { Project } from '../../shared/schema/project'
import { CreateProjectBody, RenameProjectBody } from '../../shared/schema/project'
import { BLANK_TEMPLATE_ID, templateById, templateSummaries } from '../../shared/templates/index'
import type { TemplateJson, TemplateSummaryList } from '../../shared/templates/templateSchema'
import { authorize, requireUser } from '../auth/access'
import { newId } from '../auth/tokens'
import { seedNewProjectDoc, seedProjectFromTemplate } from '../seed/exampleProject'
import { seedTemplateMedia } from '../seed/templateMedia'
import type { AppEnv, RouteDeps } from './env'
import { ApiFailure, methodNotAllowed, readJson } from './errors'

/** The template a create request names: null for a blank project; a 400 for an id no template has. */
function requestedTemplate(templateId: string | undefined): TemplateJson | null {
  if (templateId === undefined || templateId === BLANK_TEMPLATE_ID) return null
  const template = templateById(templateId)
  if (!template) {
    const known = [BLANK_TEMPLATE_ID, ...templateSummaries().map((t) => t.id)].join(', ')
    throw new ApiFailure(
      400,
      'unknown_template',
      `templateId: no template “${templateId}”; use one of ${known}`,
    )
  }
  return template
}

export function projectRoutes({ store, blobs, uploadDir }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/', async (c) => {
    const { user } = requireUser(c)
    return c.json({ projects: await store.listProjectsForUser(user.id) })
  })

  app.get('/templates', (c) => {
    requireUser(c)
    return c.json<TemplateSummaryList>({ templates: templateSummaries() })
  })

  app.post('/', async (c) => {
    const { user } = requireUser(c)
    const body = await readJson(c, CreateProjectBody)
    const template = requestedTemplate(body.templateId)
    const record = await store.createProject({ id: newId(), name: body.name })
    await store.setRole(record.id, user.id, 'owner')
    if (template) {
      // The template's images first: the draft then never references a blob that is not stored.
      await seedTemplateMedia({ store, blobs, uploadDir }, record.id, user.id, template)
      await seedProjectFromTemplate(store, record, template)
    } else await seedNewProjectDoc(store, record)
    await store.appendAudit({
      projectId: record.id,
      actorId: user.id,
      action: 'project.created',
      details: { name: body.name, template: template?.id ?? BLANK_TEMPLATE_ID },
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
  app.all('/templates', methodNotAllowed(['GET']))
  app.all('/:id', methodNotAllowed(['GET', 'PATCH']))
  return app
}
