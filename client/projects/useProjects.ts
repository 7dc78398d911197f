/** Loads the project list and keeps it current as projects are created and renamed from this page. */
import { useCallback, useEffect, useState } from 'react'
import type { Project } from '../../shared/schema/project'
import { errorMessage } from '../api/http'
import { listProjects } from '../api/projects'

export type ProjectsState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; projects: Project[] }

function byRecentUpdate(a: Project, b: Project): number {
  return b.updatedAt.localeCompare(a.updatedAt)
}

export function useProjects() {
  const [state, setState] = useState<ProjectsState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    // `attempt` is read so that `reload` re-runs the fetch.
    void attempt
    const controller = new AbortController()
    setState({ status: 'loading' })
    listProjects(controller.signal)
      .then((projects) => setState({ status: 'ready', projects: [...projects].sort(byRecentUpdate) }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', message: errorMessage(error) })
      })
    return () => controller.abort()
  }, [attempt])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])

  /** Inserts or replaces a project (after create or rename) without refetching. */
  const upsert = useCallback((project: Project) => {
    setState((previous) => {
      const others = previous.status === 'ready' ? previous.projects.filter((p) => p.id !== project.id) : []
      return { status: 'ready', projects: [project, ...others].sort(byRecentUpdate) }
    })
  }, [])

  return { state, reload, upsert }
}
