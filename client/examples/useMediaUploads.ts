/**
 * Uploads picked or dropped files for one media list: each upload's progress, a Cancel per upload, and the
 * server's message when one fails. A finished upload is handed to `onUploaded` (which adds it to the draft).
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { UploadedMedia } from '../../shared/schema/media'
import { MAX_EXAMPLE_MEDIA } from '../../shared/schema/rubric'
import { ApiRequestError } from '../api/http'
import { uploadMedia } from '../media/uploadMedia'

export interface PendingUpload {
  key: number
  name: string
  loaded: number
  total: number
  cancel: () => void
}

export interface UploadFailure {
  key: number
  name: string
  message: string
}

export function useMediaUploads(projectId: string, onUploaded: (media: UploadedMedia) => string | null) {
  const [pending, setPending] = useState<PendingUpload[]>([])
  const [failures, setFailures] = useState<UploadFailure[]>([])
  const next = useRef(0)
  const controllers = useRef(new Set<AbortController>())
  const latest = useRef(onUploaded)
  latest.current = onUploaded

  // Leaving the example (or the page) cancels uploads still running.
  useEffect(() => {
    const running = controllers.current
    return () => {
      for (const controller of running) controller.abort()
    }
  }, [])

  const upload = useCallback(
    (file: File) => {
      const key = next.current++
      const controller = new AbortController()
      controllers.current.add(controller)
      const update = (patch: Partial<PendingUpload>) =>
        setPending((list) => list.map((p) => (p.key === key ? { ...p, ...patch } : p)))
      setPending((list) => [
        ...list,
        { key, name: file.name, loaded: 0, total: file.size, cancel: () => controller.abort() },
      ])
      const fail = (message: string) => setFailures((list) => [...list, { key, name: file.name, message }])
      uploadMedia(projectId, file, {
        signal: controller.signal,
        onProgress: ({ loaded, total }) => update({ loaded, total }),
      })
        .then((media) => {
          if (latest.current(media) === null) fail(`A media list holds at most ${MAX_EXAMPLE_MEDIA} items.`)
        })
        .catch((error: unknown) => {
          if (error instanceof ApiRequestError && error.code === 'aborted') return
          fail(error instanceof Error ? error.message : 'The upload failed.')
        })
        .finally(() => {
          controllers.current.delete(controller)
          setPending((list) => list.filter((p) => p.key !== key))
        })
    },
    [projectId],
  )

  const dismiss = useCallback((key: number) => setFailures((list) => list.filter((f) => f.key !== key)), [])
  return { pending, failures, upload, dismiss }
}
