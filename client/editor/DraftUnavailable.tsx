/**
 * What an annotator sees on a project: the latest published guideline, or — while nothing is published — a
 * note that the draft is for leads and reviewers. No draft connection is ever opened for them.
 */
import { type Role, roleWithArticle } from '../../shared/auth/permissions'
import { useRoute } from '../app/router'
import { useUser } from '../auth/session'
import { CalibrationCallToAction } from '../calibration/CalibrationStatusBadge'
import { LatestVersion } from '../versions/LatestVersion'

/** The latest published version when there is one; otherwise the card saying none is published yet. */
export function DraftUnavailable({ role, projectName }: { role: Role; projectName: string | null }) {
  const route = useRoute()
  const user = useUser()
  const card = <NothingPublished role={role} projectName={projectName} />
  if (route.name !== 'editor') return card
  return (
    <>
      <CalibrationCallToAction projectId={route.projectId} userId={user.id} />
      <LatestVersion projectId={route.projectId} fallback={card} />
    </>
  )
}

function NothingPublished({ role, projectName }: { role: Role; projectName: string | null }) {
  return (
    <main className="draft-unavailable" data-testid="draft-unavailable">
      <div className="draft-unavailable__card">
        <div className="draft-unavailable__icon">
          <svg
            width="24"
            height="24"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            role="img"
            aria-label="Guideline"
          >
            <path d="M4 5.5A2.5 2.5 0 0 1 6.5 3H20v15H6.5A2.5 2.5 0 0 0 4 20.5v-15Z" />
            <path d="M4 20.5A2.5 2.5 0 0 0 6.5 23H20v-5" />
            <path d="M8 8h8M8 12h5" />
          </svg>
        </div>
        <h2>No published version yet</h2>
        <p>
          The draft guideline is only visible to leads and reviewers. You'll find published versions here once
          a lead publishes one.
        </p>
        <p className="muted">
          You joined {projectName ? <strong>{projectName}</strong> : 'this project'} as{' '}
          {roleWithArticle(role)}. When a version is published you'll read it here and take the calibration
          round for it.
        </p>
      </div>
    </main>
  )
}
