/**
 * The one place the server's failure type (`../failure.ts`) becomes a response: `{ error, message }` with
 * the right status. Also reads and validates JSON bodies against the shared zod schemas.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { z } from 'zod'
import type { ApiError } from '../../shared/schema/apiError'
import { ApiFailure, notFound } from '../failure'
import { log } from '../log'

export { ApiFailure, notFound }

/** A handler for a known path called with a method it does not support. */
export function methodNotAllowed(allowed: string[]) {
  return (c: Context): Response => {
    c.header('Allow', allowed.join(', '))
    return c.json<ApiError>(
      {
        error: 'method_not_allowed',
        message: `${c.req.method} is not allowed here; use ${allowed.join(' or ')}`,
      },
      405,
    )
  }
}

export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    throw new ApiFailure(400, 'invalid_json', 'request body must be valid JSON')
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
    throw new ApiFailure(400, 'invalid_body', `${where}${issue?.message ?? 'invalid request body'}`)
  }
  return parsed.data
}

export function errorResponse(error: Error, c: Context): Response {
  if (error instanceof ApiFailure) {
    return c.json({ ...error.details, error: error.code, message: error.message }, error.status)
  }
  if (error instanceof HTTPException) {
    return c.json<ApiError>({ error: 'http_error', message: error.message || 'request failed' }, error.status)
  }
  log.error('unhandled HTTP error', { path: c.req.path, error })
  return c.json<ApiError>({ error: 'internal', message: 'internal server error' }, 500)
}
