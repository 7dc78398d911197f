/** Loads one project's metadata for the editor header and renames it. */
import { useCallback, useEffect, useState } from 'react'
import type { Project } from '../../shared/schema/project'
import { ApiRequestError, errorMessage } from '../api/http'
import { getProject, renameProject } from '../api/projects'

export type ProjectState =
  | { status: 'loading' }
  | { status: 'ready'; project: Project }
  | { status: 'notFound' }
  | { status: 'error'; message: string }

export function useProject(projectId: string) {
  const [state, setState] = useState<ProjectState>({ status: 'loading' })

  useEffect(() => {
    const controller = new AbortController()
    setState({ status: 'loading' })
    getProject(projectId, controller.signal)
      .then((project) => setState({ status: 'ready', project }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return
        if (error instanceof ApiRequestError && error.status === 404) setState({ status: 'notFound' })
        else setState({ status: 'error', message: errorMessage(error) })
      })
    return () => controller.abort()
  }, [projectId])

  const rename = useCallback(
    async (name: string) => {
      const project = await renameProject(projectId, name)
      setState({ status: 'ready', project })
    },
    [projectId],
  )

  return { state, rename }
}
