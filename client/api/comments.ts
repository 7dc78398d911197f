/** Typed calls to the comment routes: who can be @mentioned, and the thread counts (the publish dialog's warning). */
import { CommentPeople, type CommentSummary, CommentSummary as Summary } from '../../shared/schema/comments'
import { requestJson } from './http'

const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/comments`

export async function listCommentPeople(projectId: string, signal?: AbortSignal) {
  return (await requestJson(`${base(projectId)}/people`, CommentPeople, { signal })).people
}

export function getCommentSummary(projectId: string, signal?: AbortSignal): Promise<CommentSummary> {
  return requestJson(`${base(projectId)}/summary`, Summary, { signal })
}
