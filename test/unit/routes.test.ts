/**
 * Route tests through `app.request()`, with no network (Hono's own style): the app is built by `createApp`
 * over a real SQLite file in a temp directory; requests and responses never touch a socket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashToken, newId } from '../../server/auth/tokens'
import type { Store } from '../../server/storage/store'
import { createInProcessApp, type InProcessApp, IN_PROCESS_ORIGIN as ORIGIN } from '../helpers/inProcessApp'

let harness: InProcessApp
let store: Store
let app: InProcessApp['app']

beforeAll(() => {
  harness = createInProcessApp()
  ;({ store, app } = harness)
})

afterAll(() => harness.close())

const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { 'content-type': 'application/json', host: 'localhost', origin: ORIGIN, ...headers },
  body: JSON.stringify(body),
})

describe('routes through app.request()', () => {
  it('answers health and readiness', async () => {
    expect((await app.request('/healthz')).status).toBe(200)
    const ready = await app.request('/readyz')
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ ok: true })
  })

  it('maps unknown API routes to one JSON error shape', async () => {
    const res = await app.request('/api/nope')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: 'not_found' })
  })

  it('refuses anonymous reads of projects with 401 and a message', async () => {
    const res = await app.request('/api/projects')
    expect(res.status).toBe(401)
    const body = (await res.json()) as { error: string; message: string }
    expect(body.message.length).toBeGreaterThan(0)
  })

  it('refuses cross-site state changes before reading the body', async () => {
    const res = await app.request(
      '/api/projects',
      json('POST', { name: 'x' }, { origin: 'https://evil.example' }),
    )
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({ error: 'bad_origin' })
  })

  it('sets up the owner once, then signs in with a session cookie that lists projects', async () => {
    const token = 'route-test-setup-token'
    await store.addSetupToken(hashToken(token))
    const account = {
      token,
      name: 'Route Owner',
      email: 'owner@routes.test',
      password: 'correct horse battery staple',
    }
    const setup = await app.request('/api/setup', json('POST', account))
    expect(setup.status).toBe(201)
    const cookie = /ys_session=[^;]+/.exec(setup.headers.get('set-cookie') ?? '')?.[0]
    expect(cookie).toBeTruthy()
    const again = await app.request('/api/setup', json('POST', { ...account, email: 'other@routes.test' }))
    expect(again.status).toBeGreaterThanOrEqual(400)

    const created = await app.request(
      '/api/projects',
      json('POST', { name: `Routes ${newId()}` }, { cookie: cookie! }),
    )
    expect(created.status).toBe(201)
    const list = await app.request('/api/projects', { headers: { cookie: cookie! } })
    expect(list.status).toBe(200)
    const { projects } = (await list.json()) as { projects: { name: string }[] }
    expect(projects.some((p) => p.name.startsWith('Routes '))).toBe(true)
  })

  it('answers invalid JSON bodies with 400, not a crash', async () => {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: 'localhost', origin: ORIGIN },
      body: '{"email": ',
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) })
  })
})
