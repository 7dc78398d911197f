/**
 * Checks real responses against the OpenAPI document (`GET /api/openapi.json`): the status must be declared for
 * the operation, the content type must be one it declares, and a JSON body must validate (ajv, JSON Schema
 * 2020-12 as OpenAPI 3.1 uses) against that status's schema. Also lists the app's routes as the document names
 * them, for the coverage test.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020'
import addFormats from 'ajv-formats'

type Json = Record<string, unknown>
interface MediaType {
  schema?: Json
}
interface ResponseObject {
  content?: Record<string, MediaType>
}
interface OperationObject {
  responses: Record<string, ResponseObject>
}
export interface OpenApiDocument {
  openapi: string
  info: { version: string }
  paths: Record<string, Record<string, OperationObject>>
  components?: Json
}

/** Hono's `/api/projects/:id/` → the document's `/api/projects/{id}`. */
export const toOpenApiPath = (honoPath: string) =>
  honoPath.replace(/\/$/, '').replace(/:([A-Za-z0-9_]+)/g, '{$1}') || '/'

/** `GET /api/projects/{id}` for every route of the app (Hono's `ALL` entries are middleware and 405 answers). */
export function appOperations(routes: readonly { method: string; path: string }[]): string[] {
  const keys = routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${toOpenApiPath(r.path)}`)
  return [...new Set(keys)].sort()
}

/** `GET /api/projects/{id}` for every operation of the document. */
export function documentOperations(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
    .sort()
}

const mediaTypeOf = (contentType: string | null) => (contentType ?? '').split(';')[0]!.trim().toLowerCase()

function matchesRange(declared: string, actual: string): boolean {
  if (declared === actual) return true
  const [type, subtype] = declared.split('/')
  return subtype === '*' && actual.startsWith(`${type}/`)
}

export function responseValidator(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  const compiled = new Map<string, ValidateFunction>()
  const schemaFor = (key: string, schema: Json) => {
    let validate = compiled.get(key)
    if (!validate) {
      // The document's components travel along, so `#/components/schemas/…` references resolve.
      validate = ajv.compile({
        ...schema,
        $id: `urn:yardstick:openapi:${compiled.size}`,
        components: doc.components,
      })
      compiled.set(key, validate)
    }
    return validate
  }

  /** What is wrong with this answer of `method path` (a Hono or OpenAPI path); empty when it fits the document. */
  return function problems(
    method: string,
    path: string,
    response: { status: number; contentType: string | null; body: string },
  ): string[] {
    const route = `${method.toUpperCase()} ${toOpenApiPath(path)}`
    const operation = doc.paths[toOpenApiPath(path)]?.[method.toLowerCase()]
    if (!operation)
      return [
        `${route} is not in the OpenAPI document: declare it in server/http/openapi/paths/ (see the top of server/http/openapi/document.ts)`,
      ]
    const declared = operation.responses[String(response.status)]
    if (!declared) {
      const statuses = Object.keys(operation.responses).join(', ')
      return [
        `${route} answered ${response.status}, which the OpenAPI document does not declare (it declares ${statuses})`,
      ]
    }
    if (!declared.content) {
      return response.body.length === 0
        ? []
        : [`${route} ${response.status} has a body, but the document declares none`]
    }
    const actual = mediaTypeOf(response.contentType)
    const mediaType = Object.keys(declared.content).find((t) => matchesRange(t, actual))
    if (!mediaType) {
      const types = Object.keys(declared.content).join(', ')
      return [
        `${route} ${response.status} answered ${actual || 'no content type'}; the document declares ${types}`,
      ]
    }
    if (mediaType !== 'application/json') return []
    let body: unknown
    try {
      body = JSON.parse(response.body)
    } catch {
      return [`${route} ${response.status} is declared JSON but its body is not JSON`]
    }
    const schema = declared.content[mediaType]?.schema
    if (!schema) return []
    const validate = schemaFor(`${route} ${response.status}`, schema)
    if (validate(body)) return []
    return (validate.errors ?? []).map(
      (e) =>
        `${route} ${response.status}: ${e.instancePath || '(body)'} ${e.message ?? 'is invalid'} (${e.schemaPath})`,
    )
  }
}
