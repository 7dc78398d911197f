/**
 * `/projects/:id/versions`: the version history, newest first — number, date, author, changelog, counts — with
 * Open, diffs, exports and (owners and leads) Restore into the draft with an "Undo restore" toast; below it the
 * read tokens for tools.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { can } from '../../shared/auth/permissions'
import type { VersionSummary } from '../../shared/schema/version'
import { errorMessage } from '../api/http'
import { listVersions, markdownUrl, printUrl } from '../api/versions'
import { Link } from '../app/Link'
import { diffPath, projectPath, versionPath } from '../app/router'
import { useUser } from '../auth/session'
import { useProject } from '../editor/useProject'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { formatFullTime, formatRelativeTime } from '../ui/formatTime'
import { PageLoading } from '../ui/PageLoading'
import { useResource } from '../ui/useResource'
import { PoolSummaryView } from './PoolSummaryView'
import { ReadTokens } from './ReadTokens'
import { type RestoredDraft, restoreVersion } from './restoreDraft'
import { Toast } from './Toast'
import { VersionDownloads } from './VersionDownloads'
import { BumpBadge, LoadError, VersionsChrome } from './VersionsChrome'

interface RowProps {
  projectId: string
  version: VersionSummary
  previous: VersionSummary | undefined
  isLatest: boolean
  canSeeDraft: boolean
  canRestore: boolean
  onRestore: (version: string) => void
}

function VersionRow({
  projectId,
  version,
  previous,
  isLatest,
  canSeeDraft,
  canRestore,
  onRestore,
}: RowProps) {
  const v = version.version
  return (
    <li className="version-row" data-testid="version-row" data-version={v}>
      <div className="version-row__main">
        <div className="version-row__title">
          <Link href={versionPath(projectId, v)} className="version-row__number" data-testid="version-open">
            {v}
          </Link>
          <BumpBadge bump={version.bump} />
          {isLatest && (
            <span className="latest-badge" title="Annotators read and calibrate on this version">
              Latest
            </span>
          )}
          <span className="muted" title={formatFullTime(version.publishedAt)}>
            {formatRelativeTime(version.publishedAt)} by {version.publishedBy}
          </span>
        </div>
        <p className="version-row__changelog">{version.changelog}</p>
        <p className="version-row__counts muted">
          {version.criteria} {version.criteria === 1 ? 'criterion' : 'criteria'} · {version.examples}{' '}
          {version.examples === 1 ? 'example' : 'examples'}
          {canSeeDraft && version.openThreadsAtPublish > 0 && (
            <span data-testid="version-open-threads">
              {' '}
              · {version.openThreadsAtPublish} open comment{' '}
              {version.openThreadsAtPublish === 1 ? 'thread' : 'threads'} at publish
            </span>
          )}
          {version.calibration && (
            <span data-testid="version-calibration">
              {' '}
              · calibration: {version.calibration.passed} passed
              {version.calibration.passedNotBlind
                ? `, ${version.calibration.passedNotBlind} passed not blind`
                : ''}
              , {version.calibration.failed} failed
              {version.calibration.inProgress > 0 ? `, ${version.calibration.inProgress} in progress` : ''}
            </span>
          )}
        </p>
        {version.pool && <PoolSummaryView pool={version.pool} compact />}
      </div>
      <div className="version-row__actions">
        <Link href={versionPath(projectId, v)} className="button button--secondary button--small">
          Open
        </Link>
        {previous && (
          <Link
            href={diffPath(projectId, previous.version, v)}
            className="button button--ghost button--small"
            data-testid="diff-previous"
            title={`What changed from ${previous.version} to ${v}`}
          >
            Diff with {previous.version}
          </Link>
        )}
        {canSeeDraft && (
          <Link
            href={diffPath(projectId, v, 'draft')}
            className="button button--ghost button--small"
            data-testid="diff-draft"
            title={`What changed in the draft since ${v}`}
          >
            Diff with draft
          </Link>
        )}
        <VersionDownloads projectId={projectId} version={v} gold={canRestore} />
        <a
          className="button button--ghost button--small"
          href={markdownUrl(projectId, v)}
          download
          data-testid="export-markdown"
        >
          Markdown
        </a>
        <a
          className="button button--ghost button--small"
          href={printUrl(projectId, v)}
          target="_blank"
          rel="noopener"
          data-testid="export-print"
          title="Opens a printable page; use your browser's Print → Save as PDF"
        >
          Print / PDF
        </a>
        {canRestore && (
          <button
            type="button"
            className="button button--ghost button--small"
            data-testid="version-restore"
            onClick={() => onRestore(v)}
          >
            Restore…
          </button>
        )}
      </div>
    </li>
  )
}

export default function VersionsPage({ projectId }: { projectId: string }) {
  const user = useUser()
  const project = useProject(projectId)
  const ready = project.state.status === 'ready' ? project.state.project : null
  const role = ready?.role ?? null
  const versions = useResource(ready ? projectId : null, (signal) => listVersions(projectId, signal))
  const [confirming, setConfirming] = useState<string | null>(null)
  const [restored, setRestored] = useState<RestoredDraft | null>(null)
  const [undoState, setUndoState] = useState<'idle' | 'pending' | 'done' | { error: string }>('idle')
  const restoredRef = useRef<RestoredDraft | null>(null)
  restoredRef.current = restored

  useEffect(() => {
    document.title = `Versions${ready ? ` — ${ready.name}` : ''} — Yardstick`
  }, [ready])
  // The draft connection opened for a restore closes with the page.
  useEffect(() => () => restoredRef.current?.close(), [])

  const closeToast = useCallback(() => {
    restoredRef.current?.close()
    setRestored(null)
    setUndoState('idle')
  }, [])

  const undo = async () => {
    if (!restored) return
    setUndoState('pending')
    try {
      await restored.undo()
      setUndoState('done')
    } catch (caught) {
      setUndoState({ error: errorMessage(caught) })
    }
  }

  const list = versions.state.status === 'ready' ? versions.state.value : []
  return (
    <VersionsChrome projectId={projectId} project={project.state} onRetry={project.refresh}>
      <main className="versions-page" data-testid="versions-page">
        <div className="versions-page__heading">
          <h1>Published versions</h1>
          <p className="muted">
            Each version is a frozen copy of the guideline, rubric and examples. Annotators read and calibrate
            on the latest one.
          </p>
        </div>
        {versions.state.status === 'loading' && <PageLoading />}
        {versions.state.status === 'error' && (
          <LoadError message={versions.state.message} onRetry={versions.reload} />
        )}
        {versions.state.status === 'ready' &&
          (list.length === 0 ? (
            <div className="section-empty versions-empty" data-testid="versions-empty">
              <strong>No published version yet</strong> —{' '}
              {can(role, 'versions.publish') ? (
                <>
                  publish from the <Link href={projectPath(projectId)}>editor</Link> with the Publish button.
                </>
              ) : (
                'a lead publishes versions from the editor; they will appear here.'
              )}
            </div>
          ) : (
            <ul className="version-list panel" data-testid="version-list">
              {list.map((version, index) => (
                <VersionRow
                  key={version.version}
                  projectId={projectId}
                  version={version}
                  previous={list[index + 1]}
                  isLatest={index === 0}
                  canSeeDraft={can(role, 'draft.read')}
                  canRestore={can(role, 'versions.publish')}
                  onRestore={setConfirming}
                />
              ))}
            </ul>
          ))}
        {can(role, 'tokens.manage') && <ReadTokens projectId={projectId} />}
      </main>
      {confirming && (
        <ConfirmDialog
          title={`Restore version ${confirming} into the draft?`}
          confirmLabel={`Restore ${confirming}`}
          onClose={() => setConfirming(null)}
          onConfirm={async () => {
            restoredRef.current?.close()
            setRestored(null)
            const result = await restoreVersion(projectId, user.id, confirming)
            setUndoState('idle')
            setRestored(result)
          }}
        >
          <p>
            The draft's guideline, rubric and examples are replaced by those of {confirming}, for everyone
            editing it right now. Published versions are not changed, and you can undo the restore from this
            page.
          </p>
        </ConfirmDialog>
      )}
      {restored && (
        <Toast
          onClose={closeToast}
          timeout={null}
          testId="restore-toast"
          tone={typeof undoState === 'object' ? 'error' : 'success'}
          actions={
            undoState === 'done' ? (
              <Link href={projectPath(projectId)} className="button button--secondary button--small">
                Open the editor
              </Link>
            ) : (
              <>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  data-testid="restore-undo"
                  disabled={undoState === 'pending'}
                  onClick={() => void undo()}
                >
                  {undoState === 'pending' ? 'Undoing…' : 'Undo restore'}
                </button>
                <Link href={projectPath(projectId)} className="button button--ghost button--small">
                  Open the editor
                </Link>
              </>
            )
          }
        >
          {undoState === 'done'
            ? `Restore undone: the draft is back as it was before ${restored.version} was restored.`
            : typeof undoState === 'object'
              ? `Could not undo: ${undoState.error}`
              : `The draft now matches version ${restored.version}. Everyone editing sees it.`}
        </Toast>
      )}
    </VersionsChrome>
  )
}
