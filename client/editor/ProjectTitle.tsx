/** The project name in a page header; owners and leads click it (or press Enter on it) to rename the project. */
import { useState } from 'react'
import { InlineRename } from '../ui/InlineRename'
import type { ProjectState } from './useProject'

interface ProjectTitleProps {
  state: ProjectState
  onRename: (name: string) => Promise<void>
  canRename: boolean
}

export function ProjectTitle({ state, onRename, canRename }: ProjectTitleProps) {
  const [editing, setEditing] = useState(false)

  if (state.status === 'loading')
    return <span className="project-title project-title--loading">Loading…</span>
  if (state.status !== 'ready') {
    return (
      <span
        className="project-title project-title--muted"
        title={state.status === 'error' ? state.message : ''}
      >
        Untitled project
      </span>
    )
  }
  const { name } = state.project
  if (!canRename) {
    return (
      <h1 className="project-title project-title--static" data-testid="project-name" title={name}>
        {name}
      </h1>
    )
  }
  return (
    <div className="project-title-wrap">
      {!editing && (
        <h1 className="project-title">
          <button
            type="button"
            className="project-title__button"
            data-testid="project-name"
            title="Rename project"
            onClick={() => setEditing(true)}
          >
            {name}
          </button>
        </h1>
      )}
      <InlineRename
        value={name}
        editing={editing}
        onEditingChange={setEditing}
        onRename={onRename}
        inputTestId="project-name-input"
        inputLabel="Project name"
        className="project-title__input"
      />
    </div>
  )
}
