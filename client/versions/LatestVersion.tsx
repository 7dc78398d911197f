/**
 * The latest published guideline for people who may not read the draft (annotators): the version view of
 * `latest` with a link to the history, or `fallback` while nothing is published.
 */
import type { ReactNode } from 'react'
import { ApiRequestError } from '../api/http'
import { getVersion } from '../api/versions'
import { Link } from '../app/Link'
import { versionsPath } from '../app/router'
import { PageLoading } from '../ui/PageLoading'
import { useResource } from '../ui/useResource'
import { VersionDocument } from './VersionDocument'
import { LoadError } from './VersionsChrome'

export function LatestVersion({ projectId, fallback }: { projectId: string; fallback: ReactNode }) {
  const latest = useResource(projectId, (signal) =>
    getVersion(projectId, 'latest', signal).catch((error: unknown) => {
      if (error instanceof ApiRequestError && error.status === 404) return null
      throw error
    }),
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
