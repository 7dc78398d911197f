/**
 * Uploads one file to the project's media endpoint with progress (fetch cannot report upload progress, so
 * this uses XMLHttpRequest), and resolves with the stored reference or rejects with an `ApiRequestError`
 * whose message the server wrote (too large, not an accepted type, not allowed…). Abortable.
 */
import { ApiError } from '../../shared/schema/apiError'
import { mediaUploadPath, UploadedMedia } from '../../shared/schema/media'
import { ApiRequestError, sentence } from '../api/http'

export interface UploadProgress {
  loaded: number
  total: number
}

export interface UploadOptions {
  onProgress?: (progress: UploadProgress) => void
  signal?: AbortSignal
}

export function uploadMedia(
  projectId: string,
  file: File,
  options: UploadOptions = {},
): Promise<UploadedMedia> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open('POST', mediaUploadPath(projectId, file.name || 'pasted'))
    request.setRequestHeader('content-type', 'application/octet-stream')
    request.upload.onprogress = (event) => {
      options.onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size })
    }
    request.onload = () => {
      let body: unknown = null
      try {
        body = JSON.parse(request.responseText)
      } catch {
        body = null
      }
      if (request.status === 201) {
        const parsed = UploadedMedia.safeParse(body)
        if (parsed.success) resolve(parsed.data)
        else reject(new ApiRequestError('The server answered with something unexpected.', 201, 'bad_answer'))
        return
      }
      const error = ApiError.safeParse(body)
      reject(
        error.success
          ? new ApiRequestError(sentence(error.data.message), request.status, error.data.error)
          : new ApiRequestError(
              `The upload failed (the server answered ${request.status}).`,
              request.status,
              'http_error',
            ),
      )
    }
    request.onerror = () =>
      reject(new ApiRequestError('The upload failed: no connection to the server.', 0, 'network'))
    request.onabort = () => reject(new ApiRequestError('The upload was cancelled.', 0, 'aborted'))
    options.signal?.addEventListener('abort', () => request.abort(), { once: true })
    request.send(file)
  })
}
