/**
 * Publishing over real HTTP: refused while the rubric has problems, immutable bytes whatever happens to the
 * draft, distinct increasing numbers under concurrent publishes, JSON that validates against the published
 * JSON Schema, no gold for annotators or read tokens (searched for planted markers), revoked tokens, ETags.
 */
import Ajv2020 from 'ajv/dist/2020'
import { afterEach, describe, expect, it } from 'vitest'
import { versionJsonSchema } from '../../shared/schema/jsonSchema'
import { examplesMap } from '../../shared/ydoc/examplesDoc'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { criterionText, deleteCriterion, orderedCriteria } from '../../shared/ydoc/rubricDoc'
import { api, apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { connectClient, destroyAllClients, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable, GOLD_MARK } from '../helpers/drafts'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

const MARK = GOLD_MARK

async function setup() {
  const server = await startTestServer()
  const owner = await setupOwner(server)
  const project = await createProject(server.url, owner, 'Versioned project')
  const client = connectClient(server.url, project, { user: owner })
  await waitForSynced(client)
  return { server, owner, project, client }
}

async function publish(url: string, user: TestUser, project: string, bump: string, changelog = 'Changes') {
  return api(url, `/api/projects/${project}/versions`, { user, body: { bump, changelog } })
}

describe('publishing', () => {
  it('is refused with the reasons while the problems list has errors', async () => {
    const { server, owner, project } = await setup()
    const response = await publish(server.url, owner, project, 'major')
    expect(response.status).toBe(422)
    const body = (await response.json()) as { error: string; problems: { code: string }[] }
    expect(body.error).toBe('draft_has_problems')
    expect(body.problems.map((p) => p.code)).toContain('rubric_no_criteria')
    expect(
      (
        await apiJson<{ versions: unknown[] }>(server.url, `/api/projects/${project}/versions`, {
          user: owner,
        })
      ).versions,
    ).toEqual([])
  })

  it('stores bytes that never change, however much the draft changes afterwards', async () => {
    const { server, owner, project, client } = await setup()
    completeDraft(client)
    await draftIsDurable(server.url, project, owner, client)
    const first = await publish(server.url, owner, project, 'major', 'First release')
    expect(first.status).toBe(201)
    expect(await first.json()).toMatchObject({ version: '1.0.0', bump: 'major', criteria: 3, examples: 2 })
    const path = `/api/projects/${project}/versions/1.0.0`
    const before = await (await api(server.url, path, { user: owner })).text()

    // Heavy edits to the draft.
    client.doc.transact(() => {
      guidelineFragment(client.doc).delete(0, guidelineFragment(client.doc).length)
      for (const [id] of orderedCriteria(client.doc).slice(1)) deleteCriterion(client.doc, id)
      const title = criterionText(client.doc, orderedCriteria(client.doc)[0]![0], 'title')!
      title.insert(0, 'Renamed ')
      examplesMap(client.doc).clear()
    })
    await draftIsDurable(server.url, project, owner, client)
    const second = await publish(server.url, owner, project, 'minor', 'Cut down')
    expect(await second.json()).toMatchObject({ version: '1.1.0', criteria: 1, examples: 0 })
    const after = await (await api(server.url, path, { user: owner })).text()
    expect(after).toBe(before)
    const stored = await server.store.getVersion(project, '1.0.0')
    expect(stored!.json).toBe(before)

    const ajv = new Ajv2020({ strict: false })
    const validate = ajv.compile(versionJsonSchema())
    expect(validate(JSON.parse(before)), JSON.stringify(validate.errors)).toBe(true)
  })

  it('gives concurrent publishes distinct, increasing numbers', async () => {
    const { server, owner, project, client } = await setup()
    const lead = await inviteUser(server.url, owner, project, 'lead', 'Lara Lead')
    completeDraft(client)
    await draftIsDurable(server.url, project, owner, client)
    const responses = await Promise.all(
      [owner, lead, owner, lead, owner, lead].map((user, i) =>
        publish(server.url, user, project, i === 0 ? 'major' : 'minor'),
      ),
    )
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201])
    const numbers = (await Promise.all(responses.map((r) => r.json() as Promise<{ version: string }>))).map(
      (v) => v.version,
    )
    expect(new Set(numbers).size).toBe(6)
    const { versions } = await apiJson<{ versions: { version: string }[] }>(
      server.url,
      `/api/projects/${project}/versions`,
      {
        user: owner,
      },
    )
    expect(versions.map((v) => v.version)).toHaveLength(6)
    // History lists newest first, and numbers only ever grow.
    const parsed = versions.map((v) => v.version.split('.').map(Number)).reverse()
    for (let i = 1; i < parsed.length; i++) {
      const [a, b] = [parsed[i - 1]!, parsed[i]!]
      expect(a[0]! * 1e6 + a[1]! * 1e3 + a[2]!).toBeLessThan(b[0]! * 1e6 + b[1]! * 1e3 + b[2]!)
    }
  })
})

describe('the version API for people and tools', () => {
  it('keeps gold from annotators and read tokens, honours revocation, and answers 304 to a matching ETag', async () => {
    const { server, owner, project, client } = await setup()
    const annotator = await inviteUser(server.url, owner, project, 'annotator', 'Ari Annotator')
    const reviewer = await inviteUser(server.url, owner, project, 'reviewer', 'Rey Reviewer')
    completeDraft(client)
    await draftIsDurable(server.url, project, owner, client)
    expect((await publish(server.url, owner, project, 'major')).status).toBe(201)

    const created = await apiJson<{ id: string; token: string }>(
      server.url,
      `/api/projects/${project}/tokens`,
      {
        user: owner,
        body: { name: 'Label platform' },
      },
    )
    const bearer = (path: string, token = created.token, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } })

    const paths = ['1.0.0', 'latest', '1.0.0/markdown', '1.0.0/print'].map(
      (p) => `/api/projects/${project}/versions/${p}`,
    )
    paths.push(`/api/projects/${project}/versions`)
    for (const path of paths) {
      const ownerBody = await (await api(server.url, path, { user: owner })).text()
      if (!path.endsWith('/versions')) expect(ownerBody, `owner sees gold at ${path}`).toContain(MARK)
      for (const [who, response] of [
        ['annotator', await api(server.url, path, { user: annotator })],
        ['reviewer', await api(server.url, path, { user: reviewer })],
        ['token', await bearer(path)],
      ] as const) {
        expect(response.status, `${who} ${path}`).toBe(200)
        expect(await response.text(), `${who} ${path}`).not.toContain(MARK)
      }
    }
    const publicJson = (await (await bearer(paths[0]!)).json()) as {
      includesGold: boolean
      examples: object[]
    }
    expect(publicJson.includesGold).toBe(false)
    for (const example of publicJson.examples) {
      expect(example).not.toHaveProperty('gold')
      expect(example).not.toHaveProperty('rationale')
    }
    // The snapshot (raw Yjs state, with gold) is for owners and leads only.
    expect(
      (await api(server.url, `/api/projects/${project}/versions/1.0.0/snapshot`, { user: annotator })).status,
    ).toBe(403)
    expect((await bearer(`/api/projects/${project}/versions/1.0.0/snapshot`)).status).toBe(401)

    // ETag round trip; revalidated on every use, since a token can be revoked (server/auth/readTokens.ts).
    const first = await bearer(paths[0]!)
    const etag = first.headers.get('etag')!
    expect(first.headers.get('cache-control')).toBe('private, no-cache')
    const again = await bearer(paths[0]!, created.token, { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect((await api(server.url, paths[1]!, { user: owner })).headers.get('cache-control')).toContain(
      'no-cache',
    )

    // A token only reads its own project; a revoked token gets 401.
    const other = await createProject(server.url, owner, 'Other')
    expect((await bearer(`/api/projects/${other}/versions/latest`)).status).toBe(404)
    expect(
      (
        await api(server.url, `/api/projects/${project}/tokens/${created.id}`, {
          method: 'DELETE',
          user: owner,
        })
      ).status,
    ).toBe(204)
    expect((await bearer(paths[0]!)).status).toBe(401)
    expect((await bearer(paths[0]!, created.token, { 'if-none-match': etag })).status).toBe(401)
    expect((await bearer(paths[0]!, 'ys_not-a-real-token-at-all')).status).toBe(401)
  })
})
