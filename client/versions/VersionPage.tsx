/** `/projects/:id/versions/:version` (or `latest`): one published version, read-only, with diff links and exports. */
import { useEffect } from 'react'
import { can } from '../../shared/auth/permissions'
import { ApiRequestError } from '../api/http'
import { getVersion, listVersions } from '../api/versions'
import { Link } from '../app/Link'
import { diffPath } from '../app/router'
import { useProject } from '../editor/useProject'
import { PageLoading } from '../ui/PageLoading'
import { useResource } from '../ui/useResource'
import { VersionDocument } from './VersionDocument'
import { LoadError, VersionsChrome } from './VersionsChrome'

export default function VersionPage({ projectId, version }: { projectId: string; version: string }) {
  const project = useProject(projectId)
  const ready = project.state.status === 'ready' ? project.state.project : null
  const role = ready?.role ?? null
  const key = ready ? `${projectId}@${version}` : null
  const json = useResource(key, (signal) =>
    getVersion(projectId, version, signal).catch((error: unknown) => {
      if (error instanceof ApiRequestError && error.status === 404) return null
      throw error
    }),
  )
  const history = useResource(key, (signal) => listVersions(projectId, signal))
  const loaded = json.state.status === 'ready' ? json.state.value : null

  useEffect(() => {
    document.title = `${loaded ? `v${loaded.version}` : 'Version'}${ready ? ` — ${ready.name}` : ''} — Yardstick`
  }, [loaded, ready])

  const list = history.state.status === 'ready' ? history.state.value : []
  const index = loaded ? list.findIndex((v) => v.version === loaded.version) : -1
  const previous = index >= 0 ? list[index + 1] : undefined
  return (
    <VersionsChrome projectId={projectId} project={project.state} onRetry={project.refresh} backToVersions>
      <main className="version-page">
        {json.state.status === 'loading' && <PageLoading label="Opening the version…" />}
        {json.state.status === 'error' && <LoadError message={json.state.message} onRetry={json.reload} />}
        {json.state.status === 'ready' && !loaded && (
          <div className="section-empty" data-testid="version-not-found">
            {version === 'latest' ? 'No version has been published yet.' : `There is no version ${version}.`}
          </div>
        )}
        {loaded && (
          <VersionDocument
            projectId={projectId}
            version={loaded}
            actions={
              <>
                {previous && (
                  <Link
                    href={diffPath(projectId, previous.version, loaded.version)}
                    className="button button--ghost"
                    data-testid="diff-previous"
                  >
                    Diff with {previous.version}
                  </Link>
                )}
                {can(role, 'draft.read') && (
                  <Link
                    href={diffPath(projectId, loaded.version, 'draft')}
                    className="button button--ghost"
                    data-testid="diff-draft"
                  >
                    Diff with draft
                  </Link>
                )}
              </>
            }
          />
        )}
      </main>
    </VersionsChrome>
  )
}
