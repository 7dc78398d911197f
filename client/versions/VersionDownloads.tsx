/**
 * Download buttons of one published version: its JSON (what tools fetch from the version API) for everyone
 * who may read it, the gold as CSV (one row per example and criterion) for owners and leads, and the Export
 * menu of files for other tools.
 */
import { versionApiUrl } from '../api/versions'
import { ExportMenu } from './ExportMenu'

export function VersionDownloads({
  projectId,
  version,
  gold,
}: {
  projectId: string
  version: string
  gold: boolean
}) {
  const url = versionApiUrl(projectId, version)
  return (
    <>
      <a
        className="button button--ghost button--small"
        href={url}
        download={`version-${version}.json`}
        data-testid="download-json"
        title="The version as JSON, as tools read it from the API"
      >
        Download JSON
      </a>
      {gold && (
        <a
          className="button button--ghost button--small"
          href={`${url}/gold.csv`}
          download
          data-testid="download-gold-csv"
          title="The gold values and rationales per example and criterion, for a spreadsheet"
        >
          Download gold CSV
        </a>
      )}
      <ExportMenu projectId={projectId} version={version} gold={gold} />
    </>
  )
}
