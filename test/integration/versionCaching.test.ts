/**
 * Version responses are revalidated on every use (server/auth/readTokens.ts, VERSION_CACHE_CONTROL): a
 * cache may keep the bytes, but the server checks the reader each time, so a removed member, a demoted lead
 * or a signed-out session gets 404/403/401 instead of the 304 that would let a browser keep serving them.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { api, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { connectClient, destroyAllClients, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

const EXPORTS = ['1.0.0', 'latest', '1.0.0/markdown', '1.0.0/print', '1.0.0/snapshot']

async function publishedProject() {
  const server = await startTestServer()
  const owner = await setupOwner(server)
  const project = await createProject(server.url, owner, 'Cached project')
  const client = connectClient(server.url, project, { user: owner })
  await waitForSynced(client)
  completeDraft(client)
  await draftIsDurable(server.url, project, owner, client)
  const published = await api(server.url, `/api/projects/${project}/versions`, {
    user: owner,
    body: { bump: 'major', changelog: 'First' },
  })
  expect(published.status).toBe(201)
  return { server, owner, project }
}

/** GETs every export as `user`, then revalidates each with its ETag; returns the ETags. */
async function fetchAll(url: string, project: string, user: TestUser, paths: string[]) {
  const etags = new Map<string, string>()
  for (const path of paths) {
    const response = await api(url, `/api/projects/${project}/versions/${path}`, { user })
    expect(response.status, path).toBe(200)
    expect(response.headers.get('cache-control'), path).toBe('private, no-cache')
    const etag = response.headers.get('etag')
    if (etag) etags.set(path, etag)
  }
  return etags
}

describe('caching of published versions', () => {
  it('a member revalidates every time, and a removed member gets 404 instead of 304', async () => {
    const { server, owner, project } = await publishedProject()
    const lead = await inviteUser(server.url, owner, project, 'lead', 'Lee Lead')
    const etags = await fetchAll(server.url, project, lead, EXPORTS)
    expect([...etags.keys()]).toEqual(EXPORTS.slice(0, 4))
    for (const [path, etag] of etags) {
      const again = await api(server.url, `/api/projects/${project}/versions/${path}`, {
        user: lead,
        headers: { 'if-none-match': etag },
      })
      expect(again.status, path).toBe(304)
    }
    const removed = await api(server.url, `/api/projects/${project}/members/${lead.id}`, {
      method: 'DELETE',
      user: owner,
    })
    expect(removed.status).toBe(204)
    for (const [path, etag] of etags) {
      const again = await api(server.url, `/api/projects/${project}/versions/${path}`, {
        user: lead,
        headers: { 'if-none-match': etag },
      })
      expect(again.status, path).toBe(404)
      expect(((await again.json()) as { error: string }).error, path).toBe('not_found')
    }
  })

  it('a lead demoted to annotator revalidates into the gold-free variant, not a 304 of the gold one', async () => {
    const { server, owner, project } = await publishedProject()
    const lead = await inviteUser(server.url, owner, project, 'lead', 'Dee Demoted')
    const etags = await fetchAll(server.url, project, lead, ['1.0.0'])
    const demoted = await api(server.url, `/api/projects/${project}/members/${lead.id}`, {
      method: 'PATCH',
      user: owner,
      body: { role: 'annotator' },
    })
    expect(demoted.status).toBe(200)
    const again = await api(server.url, `/api/projects/${project}/versions/1.0.0`, {
      user: lead,
      headers: { 'if-none-match': etags.get('1.0.0')! },
    })
    expect(again.status).toBe(200)
    expect(((await again.json()) as { includesGold: boolean }).includesGold).toBe(false)
  })

  it('a signed-out session revalidates into 401', async () => {
    const { server, owner, project } = await publishedProject()
    const etags = await fetchAll(server.url, project, owner, ['1.0.0'])
    expect((await api(server.url, '/api/auth/logout', { method: 'POST', user: owner })).status).toBeLessThan(
      300,
    )
    const again = await api(server.url, `/api/projects/${project}/versions/1.0.0`, {
      user: owner,
      headers: { 'if-none-match': etags.get('1.0.0')! },
    })
    expect(again.status).toBe(401)
  })
})
