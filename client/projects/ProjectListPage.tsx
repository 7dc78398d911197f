/**
 * The home page: your projects with your role in each, create (which opens the new project), rename and open,
 * plus loading, empty and error states.
 */
import { useEffect } from 'react'
import { AppHeader } from '../app/AppHeader'
import { navigate, projectPath } from '../app/router'
import { CreateProjectForm } from './CreateProjectForm'
import { ProjectRow } from './ProjectRow'
import { useProjects } from './useProjects'

export default function ProjectListPage() {
  const { state, reload, upsert } = useProjects()

  useEffect(() => {
    document.title = 'Projects — Yardstick'
  }, [])

  return (
    <div className="page">
      <AppHeader />
      <main className="projects">
        <div className="projects__heading">
          <div>
            <h1>Projects</h1>
            <p className="muted">
              Each project holds one living guideline that your team edits together. You see the projects you
              are a member of.
            </p>
          </div>
        </div>
        <CreateProjectForm
          onCreated={(project) => {
            // A new project opens at once, as a new document does in Google Docs or Notion.
            upsert(project)
            navigate(projectPath(project.id))
          }}
        />
        {state.status === 'loading' && (
          <div className="list-state" data-testid="projects-loading" aria-busy="true">
            <span className="spinner" aria-hidden="true" /> Loading projects…
          </div>
        )}
        {state.status === 'error' && (
          <div className="list-state list-state--error" data-testid="projects-error" role="alert">
            <p>Projects could not be loaded. {state.message}</p>
            <button type="button" className="button button--secondary" onClick={reload}>
              Try again
            </button>
          </div>
        )}
        {state.status === 'ready' && state.projects.length === 0 && (
          <div className="list-state list-state--empty" data-testid="projects-empty">
            <p className="list-state__title">No projects yet</p>
            <p className="muted">
              Name your first evaluation task above to start its guideline, or open an invite link someone
              sent you to join theirs.
            </p>
          </div>
        )}
        {state.status === 'ready' && state.projects.length > 0 && (
          <ul className="project-list" data-testid="project-list">
            {state.projects.map((project) => (
              <ProjectRow key={project.id} project={project} onRenamed={upsert} />
            ))}
          </ul>
        )}
      </main>
    </div>
  )
}
