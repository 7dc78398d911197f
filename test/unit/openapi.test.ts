/**
 * The OpenAPI document: a valid OpenAPI 3.1 document (checked against the official schema), served at
 * `/api/openapi.json` with the package version and an ETag, with one operation for every route the app serves
 * (and none for a route it does not), and a response check that fails on a wrong shape or an undeclared status.
 */
import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { version as packageVersion } from '../../package.json'
import { EXCLUDED_ROUTES } from '../../server/http/openapi/document'
import { createInProcessApp, type InProcessApp } from '../helpers/inProcessApp'
import {
  appOperations,
  documentOperations,
  type OpenApiDocument,
  responseValidator,
} from '../helpers/openapiResponses'

let harness: InProcessApp
let app: InProcessApp['app']
let doc: OpenApiDocument

beforeAll(async () => {
  // A built client, so the app mounts its static routes too (they are excluded from the document).
  harness = createInProcessApp({ withClient: true })
  app = harness.app
  const response = await app.request('/api/openapi.json')
  expect(response.status).toBe(200)
  doc = (await response.json()) as OpenApiDocument
})

afterAll(() => harness.close())

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document carrying the package version', async () => {
    const validator = new Validator()
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info.version).toBe(packageVersion)
  })

  it('is served publicly, cacheable, and answers 304 to its own ETag', async () => {
    const first = await app.request('/api/openapi.json')
    expect(first.headers.get('content-type')).toMatch(/^application\/json/)
    expect(first.headers.get('cache-control')).toMatch(/public/)
    expect(first.headers.get('access-control-allow-origin')).toBe('*')
    const etag = first.headers.get('etag')
    expect(etag).toBeTruthy()
    const again = await app.request('/api/openapi.json', { headers: { 'if-none-match': etag! } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect((await app.request('/api/openapi.json', { method: 'PUT' })).status).toBe(405)
  })

  it('has an operation for every route the app serves, and none for a route it does not', () => {
    const excluded = new Set(Object.keys(EXCLUDED_ROUTES))
    const served = appOperations(app.routes).filter((key) => !excluded.has(key))
    const documented = new Set(documentOperations(doc))
    const missing = served.filter((key) => !documented.has(key))
    const stale = [...documented].filter((key) => !served.includes(key))
    const problems = [
      ...missing.map(
        (key) =>
          `${key} is served by the app but is not in the OpenAPI document: declare it in server/http/openapi/paths/ ` +
          `(the file for its route module; e.g. { method: '${key.split(' ')[0]!.toLowerCase()}', path: '${key.split(' ')[1]}', ` +
          `tag, summary, auth, responses, errors }), as the top of server/http/openapi/document.ts explains — or, if it ` +
          'is not an API operation, add it to EXCLUDED_ROUTES there with the reason',
      ),
      ...stale.map(
        (key) =>
          `${key} is in the OpenAPI document but the app serves no such route: fix or remove its declaration in server/http/openapi/paths/`,
      ),
    ]
    expect(problems).toEqual([])
    // The exclusions are real routes of the app (a stale exclusion would hide nothing and mislead).
    for (const key of excluded) expect(appOperations(app.routes)).toContain(key)
  })

  it('declares every path parameter of every operation', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])
      for (const [method, operation] of Object.entries(item)) {
        const declared = ((operation as { parameters?: { in: string; name: string }[] }).parameters ?? [])
          .filter((p) => p.in === 'path')
          .map((p) => p.name)
        expect(declared.sort(), `${method} ${path}`).toEqual(names.sort())
      }
    }
  })

  it('gives every operation a unique id, a tag, a summary and a success answer', () => {
    const ids = new Set<string>()
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const op = operation as { operationId?: string; tags?: string[]; summary?: string }
        const where = `${method} ${path}`
        expect(op.operationId, where).toBeTruthy()
        expect(ids.has(op.operationId!), `${where}: operationId ${op.operationId} is taken`).toBe(false)
        ids.add(op.operationId!)
        expect(op.tags?.length, where).toBe(1)
        expect(op.summary, where).toBeTruthy()
        expect(
          Object.keys(operation.responses).some((status) => status.startsWith('2')),
          where,
        ).toBe(true)
      }
    }
  })
})

describe('checking responses against the document', () => {
  const check = () => responseValidator(doc)
  const json = (status: number, body: unknown) => ({
    status,
    contentType: 'application/json',
    body: JSON.stringify(body),
  })

  it('accepts an answer of the declared shape, and real answers of the app', async () => {
    expect(check()('GET', '/api/setup', json(200, { needed: true }))).toEqual([])
    const projects = await app.request('/api/projects')
    expect(
      check()('GET', '/api/projects', {
        status: projects.status,
        contentType: projects.headers.get('content-type'),
        body: await projects.text(),
      }),
    ).toEqual([])
  })

  it('refuses a body of the wrong type, naming the route and the field', () => {
    const problems = check()('GET', '/api/setup', json(200, { needed: 'yes' }))
    expect(problems.join('\n')).toMatch(/GET \/api\/setup 200: \/needed must be boolean/)
  })

  it('refuses an error body without a message', () => {
    expect(check()('GET', '/api/projects/:id', json(404, { error: 'not_found' })).join('\n')).toMatch(
      /must have required property 'message'/,
    )
  })

  it('refuses a status the operation does not declare', () => {
    expect(check()('GET', '/api/projects/:id', json(418, { error: 'teapot', message: 'no' }))).toEqual([
      'GET /api/projects/{id} answered 418, which the OpenAPI document does not declare (it declares 200, 401, 404)',
    ])
  })

  it('refuses a content type the status does not declare, and a body where none is declared', () => {
    const csv = { status: 200, contentType: 'text/csv; charset=utf-8', body: 'a,b' }
    expect(check()('GET', '/api/projects/{id}/versions/{version}/gold.csv', csv)).toEqual([])
    expect(check()('GET', '/api/setup', csv).join('\n')).toMatch(
      /answered text\/csv; the document declares application\/json/,
    )
    expect(check()('DELETE', '/api/auth/sessions/:sessionId', json(204, {})).join('\n')).toMatch(
      /has a body, but the document declares none/,
    )
  })

  it('refuses a route the document does not have', () => {
    expect(check()('GET', '/api/nowhere', json(200, {}))).toEqual([
      'GET /api/nowhere is not in the OpenAPI document: declare it in server/http/openapi/paths/ (see the top of server/http/openapi/document.ts)',
    ])
  })
})
