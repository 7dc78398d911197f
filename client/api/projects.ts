/** Typed calls to the project endpoints of the API. */
import { Project, ProjectList } from '../../shared/schema/project'
import { requestJson } from './http'

export function listProjects(signal?: AbortSignal): Promise<Project[]> {
  return requestJson('/api/projects', ProjectList, { signal }).then((list) => list.projects)
}

export function getProject(id: string, signal?: AbortSignal): Promise<Project> {
  return requestJson(`/api/projects/${encodeURIComponent(id)}`, Project, { signal })
}

export function createProject(name: string): Promise<Project> {
  return requestJson('/api/projects', Project, { method: 'POST', body: { name } })
}

export function renameProject(id: string, name: string): Promise<Project> {
  return requestJson(`/api/projects/${encodeURIComponent(id)}`, Project, { method: 'PATCH', body: { name } })
}
