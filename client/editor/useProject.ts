/** Loads one project's metadata (name and your role) for the editor and members pages, and renames it. */
import { useCallback, useEffect, useState } from 'react'
import type { Project } from '../../shared/schema/project'
import { ApiRequestError, errorMessage } from '../api/http'
import { getProject, renameProject } from '../api/projects'

export type ProjectState =
  | { status: 'loading' }
  | { status: 'ready'; project: Project }
  | { status: 'notFound' }
  /** `offline`: the server could not be reached at all (the local copy of the draft may still open). */
  | { status: 'error'; message: string; offline: boolean }

export function useProject(projectId: string) {
  const [state, setState] = useState<ProjectState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    void attempt
    const controller = new AbortController()
    getProject(projectId, controller.signal)
      .then((project) => setState({ status: 'ready', project }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return
        if (error instanceof ApiRequestError && error.status === 404) setState({ status: 'notFound' })
        else if (error instanceof ApiRequestError && error.status === 401) return
        else {
          const offline = error instanceof ApiRequestError && error.status === 0
          setState({ status: 'error', message: errorMessage(error), offline })
        }
      })
    return () => controller.abort()
  }, [projectId, attempt])

  /** Fetches again (e.g. after the server said your access changed), keeping what is shown meanwhile. */
  const refresh = useCallback(() => setAttempt((n) => n + 1), [])

  const rename = useCallback(
    async (name: string) => {
      const project = await renameProject(projectId, name)
      setState({ status: 'ready', project })
    },
    [projectId],
  )

  return { state, rename, refresh }
}
