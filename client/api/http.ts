/**
 * The one place the client talks HTTP to the API: JSON in, schema-validated JSON out, and every failure turned
 * into an `ApiRequestError` with a message fit to show a user. A 401 from a signed-in page ends the session.
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

export interface RequestOptions {
  method?: string
  body?: unknown
  signal?: AbortSignal | undefined
  /**
   * Whether a 401 means "your session ended" and sends the user to sign in (the default). Pages that work
   * signed out (sign in, setup, invites) turn it off and handle the 401 themselves.
   */
  authRedirect?: boolean
}

let onUnauthenticated: () => void = () => {}

/** Registers what happens when the server says the session is gone (the session store sets it). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler
}

/** Server messages are lower-case fragments ("email or password is wrong"); show them as sentences. */
export function sentence(message: string): string {
  const trimmed = message.trim()
  if (!trimmed) return trimmed
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1)
  return /[.!?]$/.test(capital) ? capital : `${capital}.`
}

async function readErrorBody(response: Response): Promise<ApiRequestError> {
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'))
    const wait = Number.isFinite(seconds) && seconds > 0 ? ` in ${Math.ceil(seconds)} s` : ' in a minute'
    return new ApiRequestError(`Too many attempts, try again${wait}.`, 429, 'rate_limited')
  }
  const body: unknown = await response.json().catch(() => null)
  const parsed = ApiError.safeParse(body)
  if (parsed.success) {
    return new ApiRequestError(sentence(parsed.data.message), response.status, parsed.data.error)
  }
  return new ApiRequestError(`The server answered ${response.status}.`, response.status, 'http_error')
}

async function send(path: string, init: RequestOptions): Promise<Response> {
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
  if (response.ok) return response
  const error = await readErrorBody(response)
  if (response.status === 401 && init.authRedirect !== false) onUnauthenticated()
  throw error
}

/** Sends a request to `/api…` and validates the response body with `schema`. */
export async function requestJson<T>(
  path: string,
  schema: z.ZodType<T>,
  init: RequestOptions = {},
): Promise<T> {
  const response = await send(path, init)
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

/** Sends a request whose success answer has no body (204). */
export async function requestVoid(path: string, init: RequestOptions = {}): Promise<void> {
  await send(path, init)
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message
  return 'Something went wrong.'
}
