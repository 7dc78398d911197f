/**
 * The export formats of a published version (`GET /api/projects/:id/versions/:v/export/:format`): what each
 * file is, and whether it needs gold. Declared once for the server's routes and the versions page's menu.
 */
export const EXPORT_FORMATS = {
  'label-studio-config.xml': {
    label: 'Label Studio labeling config (XML)',
    contentType: 'application/xml; charset=utf-8',
    gold: 'none',
  },
  'label-studio-tasks.json': {
    label: 'Label Studio tasks (JSON)',
    contentType: 'application/json; charset=utf-8',
    /** With gold permission the tasks carry the gold as an annotation; without it, none. */
    gold: 'optional',
  },
  'healthbench.jsonl': {
    label: 'HealthBench-style JSONL (points criteria)',
    contentType: 'application/x-ndjson; charset=utf-8',
    gold: 'none',
  },
  'gold.csv': {
    label: 'Gold per example and criterion (CSV)',
    contentType: 'text/csv; charset=utf-8',
    gold: 'required',
  },
} as const

export type ExportFormat = keyof typeof EXPORT_FORMATS
export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS) as ExportFormat[]

export const isExportFormat = (name: string): name is ExportFormat => Object.hasOwn(EXPORT_FORMATS, name)

/** The response header saying the Label Studio tasks left the gold out (the reader may not see gold). */
export const GOLD_OMITTED_HEADER = 'Yardstick-Gold'

/** The path of an export (`taskType` picks a task type's Label Studio project; default the first). */
export function exportPath(
  projectId: string,
  version: string,
  format: ExportFormat,
  taskType?: string,
): string {
  const path = `/api/projects/${encodeURIComponent(projectId)}/versions/${encodeURIComponent(version)}/export/${format}`
  return taskType ? `${path}?taskType=${encodeURIComponent(taskType)}` : path
}
