/**
 * The OpenAPI 3.1 document of the whole HTTP API, generated from the shared zod schemas the routes validate
 * with and the client parses with (zod-to-openapi), served at `GET /api/openapi.json`.
 *
 * Registering a route (a test fails, naming the route, until you do):
 * 1. Write the route in its module under `server/http/` as usual, validating with a schema from `shared/schema/`.
 * 2. Declare it in the matching file of `./paths/` (or a new file there, added to `OPERATIONS` below):
 *      { method: 'get', path: '/api/projects/{id}/things/{thingId}', tag: 'projects', summary: '…',
 *        auth: 'session', query: ThingQuery, body: CreateThingBody, responses: { 200: Thing, 204: null },
 *        errors: { 403: '…', 404: '…' } }
 *    The path is Hono's with `:name` written `{name}` (path parameters are derived from it); schemas are the
 *    shared zod ones (add one to `shared/schema/` when an answer has none). A non-JSON answer is
 *    `{ description, raw: text('text/csv') }` (or `bytes(…)`); an error with more than `{ error, message }` is
 *    `{ description, schema }`. 401, 403 for cross-site writes, and 400/413 for JSON bodies are added from
 *    `auth`, `method` and `body` (./operation.ts).
 * 3. Add the route to the authorization matrix (test/integration/authorizationMatrix.test.ts): every answer it
 *    gets there is validated against this document, so a status or shape not declared here fails.
 * Routes that are not HTTP API operations are listed in `EXCLUDED_ROUTES`, each with its reason.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi'
import { version as packageVersion } from '../../../package.json'
import { SYNC_PATH } from '../../../shared/protocol/messages'
import { type Operation, TAGS, toRouteConfig } from './operation'
import { accountOperations } from './paths/accounts'
import { calibrationOperations } from './paths/calibration'
import { projectOperations } from './paths/projects'
import { suggestionOperations } from './paths/suggestions'
import { versionOperations } from './paths/versions'
import { webhookOperations } from './paths/webhooks'

export const OPERATIONS: readonly Operation[] = [
  ...accountOperations,
  ...projectOperations,
  ...suggestionOperations,
  ...versionOperations,
  ...calibrationOperations,
  ...webhookOperations,
]

/** Routes the app serves that are deliberately not operations of the document (`METHOD path` as Hono has them). */
export const EXCLUDED_ROUTES: Readonly<Record<string, string>> = {
  [`GET ${SYNC_PATH}/*`]:
    'the sync websocket: the upgrade is handled on the HTTP server, and a plain GET only gets 426; OpenAPI cannot describe the protocol, so the document’s description does',
  'GET /*': 'the built client (index.html for client-side routes, and static files), not an API',
}

const DESCRIPTION = `The JSON API of Yardstick: projects, members, published rubric versions, calibration and results.

**Authentication.** The web client uses the session cookie set by \`POST /api/auth/login\`. Tools read published
versions, their exports and annotators' calibration status with a per-project **read token**
(\`Authorization: Bearer ys_…\`, created by owners and leads; never in the URL). Requests that change state must
come from the same origin (\`Origin\`), else 403 \`bad_origin\`. Every error answers \`{ "error": code, "message": sentence }\`.

**Live documents.** The draft (guideline, rubric, examples) and its comment threads are Yjs documents synced over
the websocket at \`${SYNC_PATH}/<docName>\` with the stock y-websocket protocol (sync + awareness), authorised by the
same session cookie; OpenAPI does not describe that protocol (see docs/architecture.md).`

/** Builds the document (about a few hundred kilobytes; build once per process). */
export function buildOpenApiDocument(): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry()
  registry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'ys_session',
    description: 'The session cookie (`__Host-ys_session` when the server runs on https).',
  })
  registry.registerComponent('securitySchemes', 'readToken', {
    type: 'http',
    scheme: 'bearer',
    description:
      'A project’s read token (`ys_…`), for tools reading published versions and calibration status.',
  })
  for (const op of OPERATIONS) registry.registerPath(toRouteConfig(op))
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Yardstick API', version: packageVersion, description: DESCRIPTION },
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
  })
}
