/** The top bar of the calibration and results pages: back to the project, the page and project name, your account. */
import { AccountMenu } from '../app/AccountMenu'
import { Link } from '../app/Link'
import { projectPath } from '../app/router'

export function CalibrationHeader({
  projectId,
  title,
  projectName,
}: {
  projectId: string
  title: string
  projectName: string | null
}) {
  return (
    <header className="app-header app-header--editor calibration-header">
      <div className="app-header__left">
        <Link href={projectPath(projectId)} className="back-link" data-testid="back-to-project">
          ← {projectName ?? 'Project'}
        </Link>
        <span className="app-header__divider" aria-hidden="true" />
        <h1 className="calibration-header__title">{title}</h1>
      </div>
      <div className="app-header__right">
        <AccountMenu compact />
      </div>
    </header>
  )
}
