/** Typed calls for the gold audit's CSV and the per-annotator drill-down (owners and leads). */
import { AnnotatorDrilldown } from '../../shared/schema/drilldown'
import { requestJson } from './http'

const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/calibration`

export const goldAuditCsvUrl = (projectId: string, version: string) =>
  `${base(projectId)}/gold-audit.csv?${new URLSearchParams({ version })}`

export function getDrilldown(
  projectId: string,
  userId: string,
  version: string,
  signal?: AbortSignal,
): Promise<AnnotatorDrilldown> {
  return requestJson(
    `${base(projectId)}/annotators/${encodeURIComponent(userId)}/answers?${new URLSearchParams({ version })}`,
    AnnotatorDrilldown,
    { signal },
  )
}
