/**
 * The latest published guideline for people who may not read the draft (annotators): the version view of
 * `latest` with a link to the history, or `fallback` while nothing is published.
 */
import type { ReactNode } from 'react'
import { getVersion, listVersions } from '../api/versions'
import { Link } from '../app/Link'
import { versionsPath } from '../app/router'
import { PageLoading } from '../ui/PageLoading'
import { useResource } from '../ui/useResource'
import { VersionDocument } from './VersionDocument'
import { LoadError } from './VersionsChrome'

export function LatestVersion({ projectId, fallback }: { projectId: string; fallback: ReactNode }) {
  // The history first: before anything is published that is an empty list, not a 404 in the console.
  const latest = useResource(projectId, async (signal) =>
    (await listVersions(projectId, signal)).length === 0 ? null : getVersion(projectId, 'latest', signal),
  )
  if (latest.state.status === 'loading') return <PageLoading label="Opening the published guideline…" />
  if (latest.state.status === 'error') {
    return (
      <main className="version-page">
        <LoadError message={latest.state.message} onRetry={latest.reload} />
      </main>
    )
  }
  if (!latest.state.value) return <>{fallback}</>
  return (
    <main className="version-page" data-testid="latest-version">
      <VersionDocument
        projectId={projectId}
        version={latest.state.value}
        kicker="Latest published guideline"
        actions={
          <Link
            href={versionsPath(projectId)}
            className="button button--ghost"
            data-testid="version-history-link"
          >
            Version history
          </Link>
        }
      />
    </main>
  )
}
