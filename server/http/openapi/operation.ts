/**
 * How one HTTP operation is declared for the OpenAPI document, in the few words a route needs (method, path,
 * auth, the shared zod schemas of its query, body and answers, its error statuses), and how such a declaration
 * becomes a zod-to-openapi route: path parameters come from the `{name}` segments, every error status answers
 * the shared `ApiError` shape, and the statuses every route of its kind can get (401 without a session, 403
 * for a cross-site state change, 400/413 for a bad JSON body) are added here, once.
 */
import type { RouteConfig } from '@asteasolutions/zod-to-openapi'
import { z } from 'zod'
import { ApiError } from '../../../shared/schema/apiError'

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/**
 * Who may call: nobody in particular (`public`); anyone, a session changing the answer (`optionalSession`); a
 * signed-in user (`session`, the `ys_session` cookie); or a signed-in user or a tool with the project's read
 * token in `Authorization: Bearer` (`sessionOrToken`).
 */
export type Auth = 'public' | 'optionalSession' | 'session' | 'sessionOrToken'

export const TAGS = {
  operations: 'Health and readiness of the instance, and this document',
  auth: 'First-run setup, sign in and out, sessions and the account',
  invites: 'Invite links: create, list, withdraw, preview and accept',
  projects: 'Projects, members, the activity log and editor notices',
  versions: 'Published versions (the API for tools), their exports, diffs and read tokens',
  calibration: 'Calibration attempts, the status API, disputes and the leads’ results',
  comments: 'Comment threads on the draft (the threads themselves travel over the sync websocket)',
  suggestions:
    'Deciding suggested edits to the draft (the suggestions themselves travel over the sync websocket, in the comments document)',
  media: 'Uploaded images, video and audio',
  webhooks: 'Signed webhooks: endpoints, deliveries and redelivery',
} as const
export type Tag = keyof typeof TAGS

/** A non-JSON body, described by a raw schema (text, CSV, HTML, bytes). */
export interface RawContent {
  raw: Record<string, { schema: Record<string, unknown> }>
}

/** A success answer: a zod schema (JSON), null (no body), or raw content; `description` optional. */
export type SuccessSpec =
  | z.ZodType
  | null
  | { description: string; json?: z.ZodType; raw?: RawContent['raw']; headers?: Record<string, string> }

/** An error answer: a description (the body is ApiError), or a more specific error schema. */
export type ErrorSpec = string | { description: string; schema: z.ZodType }

export interface Operation {
  method: Method
  /** The OpenAPI path template: Hono's `/api/projects/:id` is written `/api/projects/{id}`. */
  path: string
  tag: Tag
  summary: string
  description?: string
  auth: Auth
  query?: z.ZodObject
  /** Request headers the route reads (conditional and range requests); auth headers are in `auth`. */
  headers?: z.ZodObject
  /** A JSON request body (a shared zod schema, the one the route reads with `readJson`). */
  body?: z.ZodType
  /** A non-JSON request body (media uploads). */
  rawBody?: RawContent['raw']
  responses: Partial<Record<200 | 201 | 202 | 204 | 206 | 304, SuccessSpec>>
  errors?: Partial<Record<400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 416 | 422 | 429 | 503, ErrorSpec>>
}

/** What the common path parameters are. */
const PARAM_DESCRIPTIONS: Record<string, string> = {
  id: 'The project id',
  version: 'A published version number (`1.2.0`) or `latest`',
  userId: 'A user id',
  sessionId: 'A session id (from `GET /api/auth/sessions`)',
  inviteId: 'An invite id',
  tokenId: 'A read token id',
  attemptId: 'A calibration attempt id',
  exampleId: 'An example id',
  disputeId: 'A dispute id',
  hash: 'The media blob’s sha-256, 64 lowercase hex characters',
  format: 'An export format',
  endpointId: 'A webhook endpoint id',
  deliveryId: 'A webhook delivery id',
  suggestionId: 'A suggested edit’s id (its key in the comments document)',
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted: queued for delivery in the background',
  204: 'Done; no body',
  206: 'The requested byte range',
  304: 'Not modified (the `If-None-Match` ETag still holds)',
}

/** Statuses a route gets from where it sits, not from what it does (see server/app.ts and server/auth/access.ts). */
function implicitErrors(op: Operation): Record<number, string> {
  const implied: Record<number, string> = {}
  if (op.body) {
    implied[400] = 'The body is not valid JSON (`invalid_json`) or not what this route takes (`invalid_body`)'
    implied[413] = 'The body is larger than the API accepts (`body_too_large`)'
  }
  if (op.auth === 'session') implied[401] = 'Not signed in (`unauthenticated`)'
  if (op.auth === 'sessionOrToken')
    implied[401] =
      'Not signed in and no read token (`unauthenticated`), or the token is revoked (`invalid_token`)'
  if (op.method !== 'get') implied[403] = 'A cross-site request (`bad_origin`)'
  return implied
}

const pathParamNames = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)

const SECURITY: Record<Auth, RouteConfig['security']> = {
  public: [],
  optionalSession: [{}, { sessionCookie: [] }],
  session: [{ sessionCookie: [] }],
  sessionOrToken: [{ sessionCookie: [] }, { readToken: [] }],
}

function successResponse(status: number, spec: SuccessSpec): RouteConfig['responses'][string] {
  if (spec === null) return { description: REASONS[status] ?? 'OK' }
  if (spec instanceof z.ZodType)
    return { description: REASONS[status] ?? 'OK', content: { 'application/json': { schema: spec } } }
  const content = { ...(spec.raw ?? {}), ...(spec.json ? { 'application/json': { schema: spec.json } } : {}) }
  return {
    description: spec.description,
    ...(Object.keys(content).length ? { content } : {}),
    ...(spec.headers
      ? {
          headers: Object.fromEntries(
            Object.entries(spec.headers).map(([name, description]) => [
              name,
              { description, schema: { type: 'string' as const } },
            ]),
          ),
        }
      : {}),
  }
}

/** The shared error shape, as one named component (`#/components/schemas/ApiError`) of the document. */
const ApiErrorComponent = ApiError.meta({
  id: 'ApiError',
  description:
    'Every failing request answers `{ error: code, message: sentence }` (sometimes with more fields).',
})

function errorResponse(spec: ErrorSpec): RouteConfig['responses'][string] {
  const { description, schema } =
    typeof spec === 'string' ? { description: spec, schema: ApiErrorComponent } : spec
  return { description, content: { 'application/json': { schema } } }
}

/** The zod-to-openapi route for a declaration. */
export function toRouteConfig(op: Operation): RouteConfig {
  const params = pathParamNames(op.path)
  const responses: RouteConfig['responses'] = {}
  for (const [status, spec] of Object.entries(op.responses)) {
    if (spec !== undefined) responses[status] = successResponse(Number(status), spec)
  }
  const errors: Record<number, ErrorSpec | undefined> = { ...implicitErrors(op), ...op.errors }
  for (const [status, spec] of Object.entries(errors)) if (spec) responses[status] = errorResponse(spec)
  return {
    method: op.method,
    path: op.path,
    operationId: operationId(op),
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: SECURITY[op.auth],
    request: {
      ...(params.length
        ? {
            params: z.object(
              Object.fromEntries(
                params.map((name) => [
                  name,
                  z.string().meta({ description: PARAM_DESCRIPTIONS[name] ?? name }),
                ]),
              ),
            ),
          }
        : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(op.headers ? { headers: op.headers } : {}),
      ...(op.body ? { body: { required: true, content: { 'application/json': { schema: op.body } } } } : {}),
      ...(op.rawBody ? { body: { required: true, content: op.rawBody } } : {}),
    },
    responses,
  }
}

/** `get /api/projects/{id}/versions` → `getApiProjectsIdVersions`: stable, unique per method and path. */
export function operationId(op: Pick<Operation, 'method' | 'path'>): string {
  const words = op.path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
  return `${op.method}${words.join('')}`
}

/** `If-None-Match`, for answers with an ETag (304 when it still holds). */
export const conditional = z.object({
  'if-none-match': z.string().optional().meta({ description: 'The ETag of a copy the caller holds' }),
})

/** Raw content helpers for non-JSON answers. */
export const text = (mediaType: string): RawContent['raw'] => ({
  [mediaType]: { schema: { type: 'string' } },
})
export const bytes = (...mediaTypes: string[]): RawContent['raw'] =>
  Object.fromEntries(mediaTypes.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }]))
