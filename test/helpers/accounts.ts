/**
 * Real accounts for tests, created through the HTTP API: the owner from the one-time setup link, and other
 * users through invite links. A TestUser carries the session cookie that HTTP calls and sockets send.
 */
import type { Role } from '../../shared/auth/permissions'

export interface TestUser {
  id: string
  email: string
  name: string
  password: string
  cookie: string
}

export const TEST_PASSWORD = 'correct horse battery staple'

function cookieFrom(response: Response): string {
  const header = response.headers.get('set-cookie')
  const match = header && /(?:__Host-)?ys_session=[^;]+/.exec(header)
  if (!match) throw new Error(`no session cookie in response (${response.status})`)
  return match[0]
}

/** Calls the JSON API as `user` (or anonymously) and returns the response. */
export function api(
  baseUrl: string,
  path: string,
  init: { method?: string; body?: unknown; user?: TestUser | null; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...init.headers }
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  if (init.user) headers.cookie = init.user.cookie
  return fetch(`${baseUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
}

export async function apiJson<T>(
  baseUrl: string,
  path: string,
  init: Parameters<typeof api>[2] = {},
): Promise<T> {
  const response = await api(baseUrl, path, init)
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path} → ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

/** Completes first-run setup with the server's one-time link. */
export async function setupOwner(
  server: { url: string; setupUrl: string | null },
  name = 'Olivia Owner',
): Promise<TestUser> {
  if (!server.setupUrl) throw new Error('server has no setup link (an account already exists)')
  const token = new URL(server.setupUrl).hash.slice(1)
  const email = 'owner@example.com'
  const response = await api(server.url, '/api/setup', {
    body: { token, email, password: TEST_PASSWORD, name },
  })
  if (response.status !== 201) throw new Error(`setup failed: ${response.status} ${await response.text()}`)
  const { user } = (await response.json()) as { user: { id: string } }
  return { id: user.id, email, name, password: TEST_PASSWORD, cookie: cookieFrom(response) }
}

/** Creates an invite as `inviter` and accepts it with a new account; returns the new member. */
export async function inviteUser(
  baseUrl: string,
  inviter: TestUser,
  projectId: string,
  role: Role,
  name: string,
): Promise<TestUser> {
  const invite = await apiJson<{ url: string }>(baseUrl, `/api/projects/${projectId}/invites`, {
    user: inviter,
    body: { role },
  })
  const token = new URL(invite.url).hash.slice(1)
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`
  const response = await api(baseUrl, '/api/invites/accept', {
    body: { token, account: { email, password: TEST_PASSWORD, name } },
  })
  if (!response.ok) throw new Error(`accept failed: ${response.status} ${await response.text()}`)
  const cookie = cookieFrom(response)
  const me = await apiJson<{ user: { id: string } }>(baseUrl, '/api/auth/me', {
    user: { cookie } as TestUser,
  })
  return { id: me.user.id, email, name, password: TEST_PASSWORD, cookie }
}

/** Signs in again (a new session) and returns the user with the new cookie. */
export async function login(baseUrl: string, user: TestUser): Promise<TestUser> {
  const response = await api(baseUrl, '/api/auth/login', {
    body: { email: user.email, password: user.password },
  })
  if (!response.ok) throw new Error(`login failed: ${response.status}`)
  return { ...user, cookie: cookieFrom(response) }
}

export async function createProject(
  baseUrl: string,
  owner: TestUser,
  name = 'Test project',
): Promise<string> {
  const project = await apiJson<{ id: string }>(baseUrl, '/api/projects', { user: owner, body: { name } })
  return project.id
}
