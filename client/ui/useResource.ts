/** Loads something from the API with loading / error / ready states, and reloads it on request. */
import { useCallback, useEffect, useState } from 'react'
import { errorMessage } from '../api/http'

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; value: T }

/** `load` runs when `key` changes or `reload()` is called; `key` null means "not yet" (stays loading). */
export function useResource<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): { state: Resource<T>; reload: () => void } {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is identified by `key`; `attempt` reloads
  useEffect(() => {
    if (key === null) return
    const controller = new AbortController()
    load(controller.signal).then(
      (value) => setState({ status: 'ready', value }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', message: errorMessage(error) })
      },
    )
    return () => controller.abort()
  }, [key, attempt])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, reload }
}
