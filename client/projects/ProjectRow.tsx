/** One project in the list: its name (a link to the editor), your role, when it last changed, and a rename. */
import { useState } from 'react'
import { can } from '../../shared/auth/permissions'
import type { Project } from '../../shared/schema/project'
import { renameProject } from '../api/projects'
import { Link } from '../app/Link'
import { projectPath } from '../app/router'
import { formatFullTime, formatRelativeTime } from '../ui/formatTime'
import { InlineRename } from '../ui/InlineRename'
import { RoleBadge } from '../ui/RoleBadge'
import { ProjectCalibrationBadge } from './ProjectCalibrationBadge'

interface ProjectRowProps {
  project: Project
  onRenamed: (project: Project) => void
}

export function ProjectRow({ project, onRenamed }: ProjectRowProps) {
  const [editing, setEditing] = useState(false)
  const href = projectPath(project.id)

  return (
    <li className="project-row" data-testid="project-row" data-project-id={project.id}>
      <div className="project-row__icon" aria-hidden="true">
        {Array.from(project.name)[0]?.toUpperCase() ?? '?'}
      </div>
      <div className="project-row__main">
        {!editing && (
          <span className="project-row__title">
            <Link className="project-row__name" data-testid="project-link" href={href}>
              {project.name}
            </Link>
            <RoleBadge role={project.role} />
            {project.role === 'annotator' && <ProjectCalibrationBadge projectId={project.id} />}
          </span>
        )}
        <InlineRename
          value={project.name}
          editing={editing}
          onEditingChange={setEditing}
          onRename={async (name) => onRenamed(await renameProject(project.id, name))}
          inputTestId="rename-project-input"
          inputLabel={`Rename ${project.name}`}
        />
        <span className="project-row__meta" title={formatFullTime(project.updatedAt)}>
          Updated {formatRelativeTime(project.updatedAt)}
        </span>
      </div>
      <div className="project-row__actions">
        {can(project.role, 'project.rename') && (
          <button
            type="button"
            className="button button--ghost"
            data-testid="rename-project"
            aria-label={`Rename ${project.name}`}
            onClick={() => setEditing(true)}
            disabled={editing}
          >
            Rename
          </button>
        )}
        <Link className="button button--secondary" href={href} aria-label={`Open ${project.name}`}>
          Open
        </Link>
      </div>
    </li>
  )
}
