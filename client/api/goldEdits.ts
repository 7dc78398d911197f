/** Typed call for the gold edit log (owners and leads): who changed which example's gold in the draft. */
import { GoldEditList } from '../../shared/schema/goldEditLog'
import { requestJson } from './http'

export function getGoldEdits(projectId: string, limit: number, signal?: AbortSignal): Promise<GoldEditList> {
  return requestJson(
    `/api/projects/${encodeURIComponent(projectId)}/gold-edits?${new URLSearchParams({ limit: String(limit) })}`,
    GoldEditList,
    { signal },
  )
}
