/** The editor's top bar: back to projects, the renamable project name, save status, presence and identity. */

import { Link } from '../app/Link'
import { IdentityMenu } from '../identity/IdentityMenu'
import type { SaveStatus } from '../sync/saveTracker'
import type { Peer } from '../sync/usePresence'
import { PresenceBar } from './PresenceBar'
import { ProjectTitle } from './ProjectTitle'
import { SaveStatusPill } from './SaveStatusPill'
import type { ProjectState } from './useProject'

interface EditorHeaderProps {
  project: ProjectState
  onRename: (name: string) => Promise<void>
  status: SaveStatus
  /** The server closed the connection for good. */
  refused: boolean
  peers: Peer[]
}

export function EditorHeader({ project, onRename, status, refused, peers }: EditorHeaderProps) {
  return (
    <header className="app-header app-header--editor">
      <div className="app-header__left">
        <Link href="/" className="back-link" data-testid="back-link" aria-label="Back to projects">
          ← Projects
        </Link>
        <span className="app-header__divider" aria-hidden="true" />
        <ProjectTitle state={project} onRename={onRename} />
        <SaveStatusPill status={status} refused={refused} />
      </div>
      <div className="app-header__right">
        <PresenceBar peers={peers} />
        <IdentityMenu />
      </div>
    </header>
  )
}
