/**
 * Accounts over real HTTP: the one-time setup link, argon2id password hashes and the password policy,
 * sessions (rotated at login, dead after logout, listed and ended), single-use expiring invites stored as
 * hashes, rate limits, cross-site request refusal, and the audit log.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { hashToken } from '../../server/auth/tokens'
import {
  api,
  apiJson,
  createProject,
  inviteUser,
  login,
  setupOwner,
  TEST_PASSWORD,
  type TestUser,
} from '../helpers/accounts'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  await stopAllServers()
  removeTempDirs()
})

const tokenOf = (url: string) => new URL(url).hash.slice(1)

describe('first-run setup', () => {
  it('creates the owner once from the printed link, who then owns the example project', async () => {
    const server = await startTestServer({ seedExample: true })
    expect(await apiJson(server.url, '/api/setup')).toEqual({ needed: true })
    const wrong = await api(server.url, '/api/setup', {
      body: { token: 'guess', email: 'a@example.com', password: TEST_PASSWORD, name: 'A' },
    })
    expect(wrong.status).toBe(403)

    const response = await api(server.url, '/api/setup', {
      body: {
        token: tokenOf(server.setupUrl!),
        email: 'Owner@Example.com',
        password: TEST_PASSWORD,
        name: 'Olivia',
      },
    })
    expect(response.status).toBe(201)
    const cookie = response.headers.get('set-cookie')!
    expect(cookie).toMatch(/^ys_session=[\w-]{40,};/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Path=\//)

    const again = await api(server.url, '/api/setup', {
      body: { token: tokenOf(server.setupUrl!), email: 'b@example.com', password: TEST_PASSWORD, name: 'B' },
    })
    expect(again.status).toBe(403)
    expect(((await again.json()) as { message: string }).message).toMatch(/already been used/)
    expect(await apiJson(server.url, '/api/setup')).toEqual({ needed: false })

    const owner = { cookie: /ys_session=[^;]+/.exec(cookie)![0] } as TestUser
    const { projects } = await apiJson<{ projects: { name: string; role: string }[] }>(
      server.url,
      '/api/projects',
      {
        user: owner,
      },
    )
    expect(projects).toEqual([
      expect.objectContaining({ name: 'Medical QA — helpfulness & safety', role: 'owner' }),
    ])
  })

  it('stores passwords as argon2id hashes and refuses weak ones', async () => {
    const server = await startTestServer()
    for (const password of ['short', 'password123', 'qwertyuiop', 'owner@example.com']) {
      const response = await api(server.url, '/api/setup', {
        body: { token: tokenOf(server.setupUrl!), email: 'owner@example.com', password, name: 'O' },
      })
      expect(response.status, password).toBe(400)
    }
    const long = `${'a long passphrase '.repeat(20)}!`
    const response = await api(server.url, '/api/setup', {
      body: { token: tokenOf(server.setupUrl!), email: 'owner@example.com', password: long, name: 'O' },
    })
    expect(response.status).toBe(201)
    const user = await server.store.getUserByEmail('owner@example.com')
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/)
    // No truncation: a prefix of the long password does not work.
    const prefix = await api(server.url, '/api/auth/login', {
      body: { email: 'owner@example.com', password: long.slice(0, 72) },
    })
    expect(prefix.status).toBe(401)
    expect(
      (await api(server.url, '/api/auth/login', { body: { email: 'owner@example.com', password: long } }))
        .status,
    ).toBe(200)
  })
})

describe('sessions', () => {
  it('rotates at login, dies at logout, and can be listed and ended', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const second = await login(server.url, owner)
    expect(second.cookie).not.toBe(owner.cookie)

    const { sessions } = await apiJson<{ sessions: { id: string; current: boolean }[] }>(
      server.url,
      '/api/auth/sessions',
      { user: second },
    )
    expect(sessions).toHaveLength(2)
    const other = sessions.find((s) => !s.current)!
    expect(
      (await api(server.url, `/api/auth/sessions/${other.id}`, { method: 'DELETE', user: second })).status,
    ).toBe(204)
    expect((await api(server.url, '/api/auth/me', { user: owner })).status).toBe(401)

    // Logging in while carrying a session replaces it.
    const third = await (async () => {
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: second.cookie },
        body: JSON.stringify({ email: owner.email, password: owner.password }),
      })
      return { ...owner, cookie: /ys_session=[^;]+/.exec(response.headers.get('set-cookie')!)![0] }
    })()
    expect((await api(server.url, '/api/auth/me', { user: second })).status).toBe(401)
    expect((await api(server.url, '/api/auth/me', { user: third })).status).toBe(200)

    const logout = await api(server.url, '/api/auth/logout', { body: {}, user: third })
    expect(logout.status).toBe(204)
    expect(logout.headers.get('set-cookie')).toMatch(/ys_session=;/)
    expect((await api(server.url, '/api/auth/me', { user: third })).status).toBe(401)
    const wrong = await api(server.url, '/api/auth/login', {
      body: { email: owner.email, password: 'wrong password' },
    })
    expect(wrong.status).toBe(401)
    const unknown = await api(server.url, '/api/auth/login', {
      body: { email: 'nobody@x.com', password: 'whatever!' },
    })
    expect(await unknown.json()).toEqual(await wrong.json())
  })
})

describe('invites', () => {
  it('are single-use, expire, can be withdrawn, and are stored only as hashes', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const invite = await apiJson<{ id: string; url: string; status: string }>(
      server.url,
      `/api/projects/${project}/invites`,
      { user: owner, body: { role: 'reviewer' } },
    )
    expect(invite.status).toBe('valid')
    const token = tokenOf(invite.url)
    const database = readFileSync(join(server.dataDir, 'yardstick.sqlite')).toString('latin1')
    const wal = readFileSync(join(server.dataDir, 'yardstick.sqlite-wal')).toString('latin1')
    expect(database.includes(token) || wal.includes(token)).toBe(false)
    expect(wal.includes(hashToken(token)) || database.includes(hashToken(token))).toBe(true)

    const preview = await apiJson<{ role: string; status: string; projectName: string }>(
      server.url,
      '/api/invites/preview',
      {
        body: { token },
      },
    )
    expect(preview).toMatchObject({ role: 'reviewer', status: 'valid', projectName: 'Test project' })

    const account = { email: 'rita@example.com', password: TEST_PASSWORD, name: 'Rita' }
    const first = await api(server.url, '/api/invites/accept', { body: { token, account } })
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ projectId: project, role: 'reviewer' })
    const reused = await api(server.url, '/api/invites/accept', {
      body: { token, account: { ...account, email: 'other@example.com' } },
    })
    expect(reused.status).toBe(410)
    expect(await reused.json()).toEqual({
      error: 'invite_used',
      message: 'this invite link has already been used',
    })
    expect(
      (await apiJson<{ status: string }>(server.url, '/api/invites/preview', { body: { token } })).status,
    ).toBe('used')

    // Expired: an invite whose expiry has passed.
    const expiredToken = 'expired-token-for-test'
    await server.store.createInvite({
      id: 'expired1',
      projectId: project,
      role: 'annotator',
      tokenHash: hashToken(expiredToken),
      createdBy: owner.id,
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    })
    const expired = await api(server.url, '/api/invites/accept', {
      body: { token: expiredToken, account: { ...account, email: 'late@example.com' } },
    })
    expect(expired.status).toBe(410)
    expect(((await expired.json()) as { error: string }).error).toBe('invite_expired')

    // Withdrawn.
    const withdrawn = await apiJson<{ id: string; url: string }>(
      server.url,
      `/api/projects/${project}/invites`,
      {
        user: owner,
        body: { role: 'annotator' },
      },
    )
    await api(server.url, `/api/projects/${project}/invites/${withdrawn.id}`, {
      method: 'DELETE',
      user: owner,
    })
    const revoked = await api(server.url, '/api/invites/accept', {
      body: { token: tokenOf(withdrawn.url), account: { ...account, email: 'w@example.com' } },
    })
    expect(revoked.status).toBe(410)

    const unknown = await api(server.url, '/api/invites/preview', { body: { token: 'no-such-token' } })
    expect(unknown.status).toBe(404)
  })

  it('limits who may invite whom, and refuses a taken email', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const lead = await inviteUser(server.url, owner, project, 'lead', 'Lia Lead')
    const leadInvitesLead = await api(server.url, `/api/projects/${project}/invites`, {
      user: lead,
      body: { role: 'lead' },
    })
    expect(leadInvitesLead.status).toBe(403)
    const ownerInvite = await api(server.url, `/api/projects/${project}/invites`, {
      user: owner,
      body: { role: 'owner' },
    })
    expect(ownerInvite.status).toBe(403)
    const fine = await apiJson<{ url: string }>(server.url, `/api/projects/${project}/invites`, {
      user: lead,
      body: { role: 'annotator' },
    })
    const taken = await api(server.url, '/api/invites/accept', {
      body: {
        token: tokenOf(fine.url),
        account: { email: lead.email, password: TEST_PASSWORD, name: 'Dup' },
      },
    })
    expect(taken.status).toBe(409)
    // The invite is still usable after the refused attempt.
    const ok = await api(server.url, '/api/invites/accept', {
      body: {
        token: tokenOf(fine.url),
        account: { email: 'new@example.com', password: TEST_PASSWORD, name: 'New' },
      },
    })
    expect(ok.status).toBe(200)
  })
})

describe('membership rules and the audit log', () => {
  it('keeps an owner, and records membership changes for owners and leads', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const lead = await inviteUser(server.url, owner, project, 'lead', 'Leo Lead')
    const demoteSelf = await api(server.url, `/api/projects/${project}/members/${owner.id}`, {
      method: 'PATCH',
      user: owner,
      body: { role: 'lead' },
    })
    expect(demoteSelf.status).toBe(409)
    await api(server.url, `/api/projects/${project}/members/${lead.id}`, {
      method: 'PATCH',
      user: owner,
      body: { role: 'reviewer' },
    })
    await api(server.url, `/api/projects/${project}/members/${lead.id}`, { method: 'DELETE', user: owner })
    const { entries } = await apiJson<{ entries: { action: string; actor: string }[] }>(
      server.url,
      `/api/projects/${project}/audit`,
      { user: owner },
    )
    expect(entries.map((e) => e.action)).toEqual([
      'member.removed',
      'member.role_changed',
      'member.joined',
      'invite.created',
      'project.created',
    ])
    expect(entries[0]!.actor).toBe(owner.name)
  })
})

describe('request hardening', () => {
  it('rate-limits login with 429 and Retry-After', async () => {
    const server = await startTestServer({ authAttemptsPerMinute: 3 })
    const statuses: number[] = []
    let retryAfter: string | null = null
    for (let i = 0; i < 5; i++) {
      const response = await api(server.url, '/api/auth/login', {
        body: { email: 'a@b.co', password: 'nope nope' },
      })
      statuses.push(response.status)
      if (response.status === 429) retryAfter = response.headers.get('retry-after')
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429])
    expect(Number(retryAfter)).toBeGreaterThan(0)
  })

  it('refuses cross-site state changes with JSON bodies', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/projects`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: owner.cookie, ...headers },
        body: JSON.stringify({ name: 'x' }),
      })
    expect((await post({ origin: 'https://evil.example' })).status).toBe(403)
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await post({ origin: server.url })).status).toBe(201)
    expect((await post({})).status).toBe(201)
  })
})
