/**
 * `GET …/versions/:v/export/:format` over real HTTP: who gets which export (owner, lead, reviewer, annotator,
 * outsider, anonymous, read token without and with the `gold` scope, revoked token), that gold never reaches
 * annotators or scope-less tokens, that the bytes are those of the published version (ETag, 304, unchanged by
 * later drafts), and the bad inputs: unknown format, unknown task type, unknown version, wrong method.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXPORT_FORMAT_NAMES, type ExportFormat } from '../../shared/schema/exports'
import { api, apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { parseConfig, validateTasks } from '../helpers/labelStudioValidator'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

let url = ''
let project = ''
const people: Record<string, TestUser | null> = {}
const tokens: Record<string, string> = {}

const exportUrl = (format: string, version = '1.0.0') =>
  `/api/projects/${project}/versions/${version}/export/${format}`

async function createToken(owner: TestUser, name: string, scopes?: string[]) {
  const created = await apiJson<{ id: string; token: string; scopes: string[] }>(
    url,
    `/api/projects/${project}/tokens`,
    {
      user: owner,
      body: scopes ? { name, scopes } : { name },
    },
  )
  return created
}

beforeAll(async () => {
  const server = await startTestServer()
  url = server.url
  const owner = await setupOwner(server)
  const created = await apiJson<{ id: string }>(url, '/api/projects', {
    user: owner,
    body: { name: 'Physician points', templateId: 'physician-points' },
  })
  project = created.id
  const published = await api(url, `/api/projects/${project}/versions`, {
    user: owner,
    body: { bump: 'major', changelog: 'First' },
  })
  expect(published.status).toBe(201)
  people.owner = owner
  people.lead = await inviteUser(url, owner, project, 'lead', 'Lee Lead')
  people.reviewer = await inviteUser(url, owner, project, 'reviewer', 'Rae Reviewer')
  people.annotator = await inviteUser(url, owner, project, 'annotator', 'Ann Annotator')
  const elsewhere = await createProject(url, owner, 'Another project')
  people.outsider = await inviteUser(url, owner, elsewhere, 'lead', 'Otto Outsider')
  people.anonymous = null
  tokens.plain = (await createToken(owner, 'Plain tool')).token
  const gold = await createToken(owner, 'Gold tool', ['gold'])
  expect(gold.scopes).toEqual(['gold'])
  tokens.gold = gold.token
  const revoked = await createToken(owner, 'Revoked tool', ['gold'])
  expect(
    (await api(url, `/api/projects/${project}/tokens/${revoked.id}`, { method: 'DELETE', user: owner }))
      .status,
  ).toBe(204)
  tokens.revoked = revoked.token
}, 60_000)

afterAll(async () => {
  await stopAllServers()
  removeTempDirs()
})

type Reader = { kind: 'user'; name: string } | { kind: 'token'; name: string }
const get = (reader: Reader, format: string, headers: Record<string, string> = {}) =>
  reader.kind === 'user'
    ? api(url, exportUrl(format), { user: people[reader.name] ?? null, headers })
    : api(url, exportUrl(format), { headers: { ...headers, authorization: `Bearer ${tokens[reader.name]}` } })

/** Expected status per reader and format; `tasks-no-gold` means 200 without annotations. */
const MATRIX: [Reader, Record<ExportFormat, number | 'no-gold'>][] = [
  [
    { kind: 'user', name: 'owner' },
    {
      'label-studio-config.xml': 200,
      'label-studio-tasks.json': 200,
      'healthbench.jsonl': 200,
      'gold.csv': 200,
    },
  ],
  [
    { kind: 'user', name: 'lead' },
    {
      'label-studio-config.xml': 200,
      'label-studio-tasks.json': 200,
      'healthbench.jsonl': 200,
      'gold.csv': 200,
    },
  ],
  [
    { kind: 'user', name: 'reviewer' },
    {
      'label-studio-config.xml': 200,
      'label-studio-tasks.json': 'no-gold',
      'healthbench.jsonl': 200,
      'gold.csv': 403,
    },
  ],
  [
    { kind: 'user', name: 'annotator' },
    {
      'label-studio-config.xml': 200,
      'label-studio-tasks.json': 'no-gold',
      'healthbench.jsonl': 200,
      'gold.csv': 403,
    },
  ],
  [
    { kind: 'user', name: 'outsider' },
    {
      'label-studio-config.xml': 404,
      'label-studio-tasks.json': 404,
      'healthbench.jsonl': 404,
      'gold.csv': 404,
    },
  ],
  [
    { kind: 'user', name: 'anonymous' },
    {
      'label-studio-config.xml': 401,
      'label-studio-tasks.json': 401,
      'healthbench.jsonl': 401,
      'gold.csv': 401,
    },
  ],
  [
    { kind: 'token', name: 'plain' },
    {
      'label-studio-config.xml': 200,
      'label-studio-tasks.json': 'no-gold',
      'healthbench.jsonl': 200,
      'gold.csv': 403,
    },
  ],
  [
    { kind: 'token', name: 'gold' },
    {
      'label-studio-config.xml': 200,
      'label-studio-tasks.json': 200,
      'healthbench.jsonl': 200,
      'gold.csv': 200,
    },
  ],
  [
    { kind: 'token', name: 'revoked' },
    {
      'label-studio-config.xml': 401,
      'label-studio-tasks.json': 401,
      'healthbench.jsonl': 401,
      'gold.csv': 401,
    },
  ],
]

describe('who gets which export', () => {
  for (const [reader, expected] of MATRIX) {
    it(`${reader.kind} ${reader.name}`, async () => {
      expect(Object.keys(expected).sort()).toEqual([...EXPORT_FORMAT_NAMES].sort())
      for (const format of EXPORT_FORMAT_NAMES) {
        const want = expected[format]
        const response = await get(reader, format)
        const body = await response.text()
        expect(response.status, `${format}: ${body}`).toBe(want === 'no-gold' ? 200 : want)
        if (response.status !== 200) {
          expect(JSON.parse(body).message, format).toMatch(/\w+ \w+/)
          continue
        }
        expect(response.headers.get('cache-control'), format).toBe('private, no-cache')
        expect(response.headers.get('etag'), format).toBeTruthy()
        if (format === 'label-studio-tasks.json') {
          const tasks = JSON.parse(body) as { annotations?: unknown[] }[]
          expect(tasks.length).toBeGreaterThan(0)
          const withGold = tasks.filter((t) => t.annotations)
          if (want === 'no-gold') {
            expect(withGold).toEqual([])
            expect(response.headers.get('yardstick-gold')).toBe('omitted')
          } else {
            expect(withGold.length).toBe(tasks.length)
            expect(response.headers.get('yardstick-gold')).toBeNull()
          }
        }
      }
    })
  }
})

describe('export contents', () => {
  it('the config and the gold tasks fit together (Label Studio tag table)', async () => {
    const owner = { kind: 'user', name: 'owner' } as const
    const xml = await (await get(owner, 'label-studio-config.xml')).text()
    const { config, problems } = parseConfig(xml)
    expect(problems).toEqual([])
    const tasks = await (await get(owner, 'label-studio-tasks.json')).json()
    expect(validateTasks(config!, tasks)).toEqual([])
  })

  it('HealthBench JSONL has one line per example with points rubrics', async () => {
    const text = await (await get({ kind: 'token', name: 'plain' }, 'healthbench.jsonl')).text()
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) {
      expect(line.prompt[0]).toHaveProperty('role')
      expect(line.rubrics.length).toBeGreaterThan(0)
      for (const item of line.rubrics) {
        expect(typeof item.criterion).toBe('string')
        expect(typeof item.points).toBe('number')
        expect(Array.isArray(item.tags)).toBe(true)
      }
    }
    expect(lines.some((l) => l.rubrics.some((r: { points: number }) => r.points < 0))).toBe(true)
  })

  it('gold.csv is the version gold CSV, the same bytes as the older route', async () => {
    const token = await (await get({ kind: 'token', name: 'gold' }, 'gold.csv')).text()
    const older = await (
      await api(url, `/api/projects/${project}/versions/1.0.0/gold.csv`, { user: people.owner })
    ).text()
    expect(token).toBe(older)
    expect(token.split('\r\n')[0]).toContain('example_id,example_title')
  })

  it('revalidates with the ETag (304) and never changes', async () => {
    const owner = { kind: 'user', name: 'owner' } as const
    const first = await get(owner, 'label-studio-tasks.json')
    const etag = first.headers.get('etag')!
    const again = await get(owner, 'label-studio-tasks.json', { 'if-none-match': etag })
    expect(again.status).toBe(304)
    // A later version leaves this one's export as it was.
    const before = await (await get(owner, 'label-studio-config.xml')).text()
    const next = await api(url, `/api/projects/${project}/versions`, {
      user: people.owner,
      body: { bump: 'patch', changelog: 'Second' },
    })
    expect(next.status).toBe(201)
    expect(await (await get(owner, 'label-studio-config.xml')).text()).toBe(before)
    expect((await get(owner, 'label-studio-tasks.json', { 'if-none-match': etag })).status).toBe(304)
    // A different reader (no gold) gets different bytes, so a different ETag.
    const plain = await get({ kind: 'token', name: 'plain' }, 'label-studio-tasks.json')
    expect(plain.headers.get('etag')).not.toBe(etag)
  })
})

describe('media in exports', () => {
  it('a gold token reads the media of held-out items its tasks link to; a plain token does not', async () => {
    const owner = people.owner!
    const media = await apiJson<{ id: string }>(url, '/api/projects', {
      user: owner,
      body: { name: 'Images', templateId: 'image-generation' },
    })
    expect(
      (
        await api(url, `/api/projects/${media.id}/versions`, {
          user: owner,
          body: { bump: 'major', changelog: 'x' },
        })
      ).status,
    ).toBe(201)
    const token = async (scopes: string[]) =>
      (
        await apiJson<{ token: string }>(url, `/api/projects/${media.id}/tokens`, {
          user: owner,
          body: { name: `t${scopes.length}`, scopes },
        })
      ).token
    const [plain, gold] = [await token([]), await token(['gold'])]
    const tasksOf = async (bearer: string) =>
      (await (
        await api(url, `/api/projects/${media.id}/versions/1.0.0/export/label-studio-tasks.json`, {
          headers: { authorization: `Bearer ${bearer}` },
        })
      ).json()) as { data: Record<string, unknown> }[]
    const urlsOf = (tasks: { data: Record<string, unknown> }[]) =>
      new Set(
        tasks.flatMap((t) => Object.values(t.data)).filter((v): v is string => String(v).includes('/media/')),
      )
    const plainUrls = urlsOf(await tasksOf(plain))
    const heldOut = [...urlsOf(await tasksOf(gold))].filter((u) => !plainUrls.has(u))
    expect(heldOut.length).toBeGreaterThan(0)
    for (const mediaUrl of heldOut) {
      const path = new URL(mediaUrl).pathname
      expect((await api(url, path, { headers: { authorization: `Bearer ${gold}` } })).status, path).toBe(200)
      expect((await api(url, path, { headers: { authorization: `Bearer ${plain}` } })).status, path).toBe(404)
    }
    for (const mediaUrl of plainUrls) {
      const path = new URL(mediaUrl).pathname
      expect((await api(url, path, { headers: { authorization: `Bearer ${plain}` } })).status, path).toBe(200)
    }
  })
})

describe('bad requests', () => {
  it('unknown format, task type, version; wrong method', async () => {
    const owner = people.owner
    const unknown = await api(url, exportUrl('excel.xlsx'), { user: owner })
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).message).toMatch(/export format excel.xlsx/)
    const badType = await api(url, `${exportUrl('label-studio-config.xml')}?taskType=nope`, { user: owner })
    expect(badType.status).toBe(404)
    expect((await badType.json()).message).toMatch(/task type nope/)
    expect((await api(url, exportUrl('gold.csv', '9.9.9'), { user: owner })).status).toBe(404)
    const post = await api(url, exportUrl('gold.csv'), { user: owner, body: {} })
    expect(post.status).toBe(405)
  })

  it('a token scope that does not exist is refused, and nothing is created', async () => {
    const before = await apiJson<{ tokens: unknown[] }>(url, `/api/projects/${project}/tokens`, {
      user: people.owner,
    })
    const response = await api(url, `/api/projects/${project}/tokens`, {
      user: people.owner,
      body: { name: 'Admin tool', scopes: ['admin'] },
    })
    expect(response.status).toBe(400)
    expect((await response.json()).message).toMatch(/scopes/)
    const after = await apiJson<{ tokens: unknown[] }>(url, `/api/projects/${project}/tokens`, {
      user: people.owner,
    })
    expect(after.tokens.length).toBe(before.tokens.length)
  })

  it('a version without points criteria has no HealthBench export (422 with a sentence)', async () => {
    const owner = people.owner!
    const other = await apiJson<{ id: string }>(url, '/api/projects', {
      user: owner,
      body: { name: 'Pairwise', templateId: 'pairwise-preference' },
    })
    expect(
      (
        await api(url, `/api/projects/${other.id}/versions`, {
          user: owner,
          body: { bump: 'major', changelog: 'x' },
        })
      ).status,
    ).toBe(201)
    const response = await api(url, `/api/projects/${other.id}/versions/latest/export/healthbench.jsonl`, {
      user: owner,
    })
    expect(response.status).toBe(422)
    expect((await response.json()).message).toBe('this version has no points criteria to export')
  })
})
