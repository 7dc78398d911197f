/** The leads' calibration dashboard: one call, parsed with the response schema the server's route satisfies. */
import { DashboardResponse } from '../../shared/schema/dashboard'
import { requestJson } from './http'

export type DashboardData = DashboardResponse

export function getAnalytics(
  projectId: string,
  version: string | null,
  signal?: AbortSignal,
): Promise<DashboardData> {
  const query = version ? `?${new URLSearchParams({ version })}` : ''
  return requestJson(
    `/api/projects/${encodeURIComponent(projectId)}/calibration/analytics${query}`,
    DashboardResponse,
    { signal },
  )
}
