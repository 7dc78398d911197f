/** Typed calls to the project endpoints of the API. */
import { Project, ProjectList } from '../../shared/schema/project'
import { type TemplateSummary, TemplateSummaryList } from '../../shared/templates/templateSchema'
import { requestJson } from './http'

export function listProjects(signal?: AbortSignal): Promise<Project[]> {
  return requestJson('/api/projects', ProjectList, { signal }).then((list) => list.projects)
}

export function getProject(id: string, signal?: AbortSignal): Promise<Project> {
  return requestJson(`/api/projects/${encodeURIComponent(id)}`, Project, { signal })
}

/** Creates a project, blank or from a template (`templateId` from listTemplates). */
export function createProject(name: string, templateId?: string): Promise<Project> {
  return requestJson('/api/projects', Project, {
    method: 'POST',
    body: templateId ? { name, templateId } : { name },
  })
}

/** The templates a new project can start from. */
export function listTemplates(signal?: AbortSignal): Promise<TemplateSummary[]> {
  return requestJson('/api/projects/templates', TemplateSummaryList, { signal }).then(
    (list) => list.templates,
  )
}

export function renameProject(id: string, name: string): Promise<Project> {
  return requestJson(`/api/projects/${encodeURIComponent(id)}`, Project, { method: 'PATCH', body: { name } })
}
