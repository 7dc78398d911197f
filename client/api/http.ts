/**
 * The one place the client talks HTTP to the API: JSON in, schema-validated JSON out, and every failure turned
 * into an `ApiRequestError` with a message fit to show a user.
 */
import type { z } from 'zod'
import { ApiError } from '../../shared/schema/apiError'

export class ApiRequestError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when the request never got an answer. */
    readonly status: number,
    /** The server's machine-readable error code, when it sent one. */
    readonly code: string,
  ) {
    super(message)
    this.name = 'ApiRequestError'
  }
}

async function readErrorBody(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => null)
  const parsed = ApiError.safeParse(body)
  if (parsed.success) return new ApiRequestError(parsed.data.message, response.status, parsed.data.error)
  return new ApiRequestError(`The server answered ${response.status}.`, response.status, 'http_error')
}

/** Sends a request to `/api…` and validates the response body with `schema`. */
export async function requestJson<T>(
  path: string,
  schema: z.ZodType<T>,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? null : JSON.stringify(init.body),
      signal: init.signal ?? null,
      credentials: 'same-origin',
    })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiRequestError('Could not reach the server. Check your connection.', 0, 'network_error')
  }
  if (!response.ok) throw await readErrorBody(response)
  const parsed = schema.safeParse(await response.json().catch(() => undefined))
  if (!parsed.success) {
    throw new ApiRequestError(
      'The server sent a response this page does not understand.',
      502,
      'bad_response',
    )
  }
  return parsed.data
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message
  return 'Something went wrong.'
}
