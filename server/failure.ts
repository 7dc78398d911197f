/**
 * The one failure type of the server's services and routes: a status, a machine-readable code, a message for
 * people and optional details. Services throw it; `http/errors.ts` turns it into `{ error, message }`.
 */
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export class ApiFailure extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** Extra machine-readable fields for the error body (e.g. the problems that block publishing). */
    readonly details?: Record<string, unknown>,
  ) {
    super(status, { message })
  }
}

export const notFound = (what: string) => new ApiFailure(404, 'not_found', `${what} not found`)
