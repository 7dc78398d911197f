/**
 * The frame of the version pages: a header with the way back to the project (editor, or the published guideline
 * for annotators) and the account menu, plus the states every page shares (not found, load error).
 */
import type { ReactNode } from 'react'
import { AccountMenu } from '../app/AccountMenu'
import { Link } from '../app/Link'
import { projectPath, versionsPath } from '../app/router'
import type { ProjectState } from '../editor/useProject'
import { MessagePage } from '../ui/MessagePage'
import { RoleBadge } from '../ui/RoleBadge'
import '../styles/versions.css'

interface VersionsChromeProps {
  projectId: string
  project: ProjectState
  onRetry: () => void
  /** Shows "← Versions" beside the project link (on a version or a diff). */
  backToVersions?: boolean
  children: ReactNode
}

export function VersionsChrome({
  projectId,
  project,
  onRetry,
  backToVersions,
  children,
}: VersionsChromeProps) {
  if (project.status === 'notFound') {
    return (
      <MessagePage title="This project does not exist" testId="project-not-found">
        <p>It may have been deleted, you may not be a member, or the link you followed is wrong.</p>
      </MessagePage>
    )
  }
  if (project.status === 'error') {
    return (
      <MessagePage
        title="This project could not be loaded"
        testId="project-error"
        action={
          <button type="button" className="button button--primary" onClick={onRetry}>
            Try again
          </button>
        }
      >
        <p>{project.message}</p>
      </MessagePage>
    )
  }
  const ready = project.status === 'ready' ? project.project : null
  return (
    <div className="page">
      <header className="app-header">
        <div className="app-header__left">
          <Link href={projectPath(projectId)} className="back-link" data-testid="back-to-project">
            ← {ready?.name ?? 'Project'}
          </Link>
          {backToVersions && (
            <>
              <span className="app-header__divider" aria-hidden="true" />
              <Link href={versionsPath(projectId)} className="back-link" data-testid="back-to-versions">
                All versions
              </Link>
            </>
          )}
          {ready && <RoleBadge role={ready.role} />}
        </div>
        <AccountMenu />
      </header>
      {children}
    </div>
  )
}

/** "Load failed" inside a page, with a retry. */
export function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="form-error form-error--block" role="alert">
      <span>Could not load this: {message}</span>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        Try again
      </button>
    </div>
  )
}

/** The coloured "major / minor / patch" tag of a version. */
export function BumpBadge({ bump }: { bump: 'major' | 'minor' | 'patch' }) {
  const title =
    bump === 'major'
      ? 'Major: the scoring meaning changed; annotators must re-calibrate'
      : bump === 'minor'
        ? 'Minor: new criteria or examples'
        : 'Patch: wording only'
  return (
    <span className={`bump-badge bump-badge--${bump}`} title={title} data-testid="bump-badge">
      {bump}
    </span>
  )
}
