/** Typed calls for editor notices (others' actions that change what you see) and recording a restore. */
import { NoticeList } from '../../shared/schema/notices'
import { requestJson, requestVoid } from './http'

const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}`

/** Notices newer than log entry `after` (0: from the start), and the newest entry id to ask after next. */
export function listNotices(projectId: string, after: number, signal?: AbortSignal): Promise<NoticeList> {
  return requestJson(`${base(projectId)}/notices?after=${after}`, NoticeList, { signal })
}

export function recordRestore(projectId: string, version: string): Promise<void> {
  return requestVoid(`${base(projectId)}/restores`, { method: 'POST', body: { version } })
}
