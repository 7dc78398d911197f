/** Loads the templates a new project can start from; on failure the form still offers a blank project. */
import { useEffect, useState } from 'react'
import type { TemplateSummary } from '../../shared/templates/templateSchema'
import { errorMessage } from '../api/http'
import { listTemplates } from '../api/projects'

export type TemplatesState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; templates: TemplateSummary[] }

export function useTemplates(): TemplatesState {
  const [state, setState] = useState<TemplatesState>({ status: 'loading' })
  useEffect(() => {
    const controller = new AbortController()
    listTemplates(controller.signal)
      .then((templates) => setState({ status: 'ready', templates }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', message: errorMessage(error) })
      })
    return () => controller.abort()
  }, [])
  return state
}
