/**
 * The editor's top bar: back to projects, the project name (renamable by owners and leads), your role, the
 * save status (or "Suggesting only" for reviewers), the other people here, a Members link for owners and leads, and your account.
 */
import type * as Y from 'yjs'
import { can, type Role } from '../../shared/auth/permissions'
import { AccountMenu } from '../app/AccountMenu'
import { Link } from '../app/Link'
import { calibrationPath, membersPath, resultsPath, versionsPath } from '../app/router'
import type { SaveStatus } from '../sync/saveTracker'
import type { Peer } from '../sync/usePresence'
import { RoleBadge } from '../ui/RoleBadge'
import { PublishButton } from '../versions/PublishButton'
import { PresenceBar } from './PresenceBar'
import { ProjectTitle } from './ProjectTitle'
import { SaveStatusPill } from './SaveStatusPill'
import type { ProjectState } from './useProject'

interface EditorHeaderProps {
  projectId: string
  project: ProjectState
  role: Role | null
  onRename: (name: string) => Promise<void>
  /** Null when no draft is open (annotators, or while loading). */
  sync: { status: SaveStatus; refused: boolean; peers: Peer[] } | null
  /** The live draft, for the Publish button's problem count (null while not open). */
  draftDoc?: Y.Doc | null
}

export function EditorHeader({
  projectId,
  project,
  role,
  onRename,
  sync,
  draftDoc = null,
}: EditorHeaderProps) {
  const readOnly = !can(role, 'draft.write')
  return (
    <header className="app-header app-header--editor">
      <div className="app-header__left">
        <Link href="/" className="back-link" data-testid="back-link" aria-label="Back to projects">
          ←<span className="back-link__text"> Projects</span>
        </Link>
        <span className="app-header__divider" aria-hidden="true" />
        <ProjectTitle state={project} onRename={onRename} canRename={can(role, 'project.rename')} />
        {role && <RoleBadge role={role} />}
        {sync && (
          <SaveStatusPill status={sync.status} refused={sync.refused} readOnly={role !== null && readOnly} />
        )}
      </div>
      <div className="app-header__right">
        {sync && <PresenceBar peers={sync.peers} />}
        {can(role, 'versions.view') && (
          <Link
            href={versionsPath(projectId)}
            className="button button--secondary"
            data-testid="versions-link"
          >
            Versions
          </Link>
        )}
        {can(role, 'versions.publish') && <PublishButton projectId={projectId} doc={draftDoc} />}
        {can(role, 'calibration.manage') ? (
          <Link href={resultsPath(projectId)} className="button button--secondary" data-testid="results-link">
            Results
          </Link>
        ) : (
          can(role, 'calibration.take') && (
            <Link
              href={calibrationPath(projectId)}
              className="button button--secondary"
              data-testid="calibration-link"
            >
              Calibration
            </Link>
          )
        )}
        {can(role, 'members.view') && (
          <Link href={membersPath(projectId)} className="button button--secondary" data-testid="members-link">
            Members
          </Link>
        )}
        <AccountMenu compact inPresence={sync !== null} />
      </div>
    </header>
  )
}
