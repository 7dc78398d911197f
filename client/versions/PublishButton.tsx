/**
 * The editor header's "Publish" button (owners and leads): shows how many problems block publishing, opens the
 * publish dialog, and after publishing a toast linking to the new version.
 */
import { useCallback, useState } from 'react'
import type * as Y from 'yjs'
import type { VersionSummary } from '../../shared/schema/version'
import { Link } from '../app/Link'
import { versionPath } from '../app/router'
import { PublishDialog } from './PublishDialog'
import { Toast } from './Toast'
import { useLivePool } from './useLivePool'
import { useLiveProblems } from './useLiveProblems'
import '../styles/versions.css'

export function PublishButton({ projectId, doc }: { projectId: string; doc: Y.Doc | null }) {
  const problems = useLiveProblems(doc)
  const pool = useLivePool(doc)
  const errors = problems.filter((p) => p.severity === 'error').length
  const [open, setOpen] = useState(false)
  const [published, setPublished] = useState<VersionSummary | null>(null)
  const closeToast = useCallback(() => setPublished(null), [])
  return (
    <>
      <button
        type="button"
        className="button button--primary publish-button"
        data-testid="publish-button"
        disabled={!doc}
        onClick={() => setOpen(true)}
        title={
          errors > 0
            ? `${errors} ${errors === 1 ? 'problem blocks' : 'problems block'} publishing`
            : 'Publish the draft as a new version'
        }
      >
        Publish
        {errors > 0 && (
          <span className="publish-button__count" data-testid="publish-problem-count">
            {errors}
          </span>
        )}
      </button>
      {open && (
        <PublishDialog
          projectId={projectId}
          problems={problems}
          pool={pool}
          onPublished={setPublished}
          onClose={() => setOpen(false)}
        />
      )}
      {published && (
        <Toast onClose={closeToast} testId="publish-toast" timeout={12_000}>
          Published version <strong>{published.version}</strong>.{' '}
          <Link href={versionPath(projectId, published.version)} data-testid="publish-toast-link">
            Open it
          </Link>
        </Toast>
      )}
    </>
  )
}
