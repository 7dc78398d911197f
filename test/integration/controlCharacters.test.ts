/**
 * Names and titles refuse control characters, text-direction overrides and unpaired surrogates
 * (shared/schema/safeText.ts): every API field that takes a name answers 400 with a message naming the
 * character, honest names in any script still pass, and rubric titles written straight into the draft
 * through Yjs block publishing with an `unsafe_characters` problem.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { rubricTitle } from '../../shared/ydoc/rubricDoc'
import { api, apiJson, createProject, setupOwner, type TestUser } from '../helpers/accounts'
import { connectClient, destroyAllClients, waitFor, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

/** The reproductions, and one of each class the rule covers. */
const HOSTILE_NAMES = [
  'Ctl\u0000\u0007\u001b[31m\u202eRTL',
  'x\r\nSet-Cookie: evil=1',
  'tab\there',
  'next\u0085line',
  'csi\u009b31m',
  'isolate\u2066evil\u2069',
  'embed\u202aLTR',
  'lone \ud800 high',
  'lone \udfff low',
  'line\u2028separator',
]

const HONEST_NAMES = [
  'Medical QA — helpfulness & safety',
  'שלום עולם',
  'تقييم الإجابات',
  'Ärztliche Prüfung 🩺 2026',
  'mixed \u200fRLM mark',
]

async function expectRefused(response: Response, field: string) {
  expect(response.status).toBe(400)
  const body = (await response.json()) as { error: string; message: string }
  expect(body.error).toBe('invalid_body')
  expect(body.message).toMatch(
    new RegExp(
      `^${field}: contains an? (control character|text-direction override|unpaired surrogate|line separator) \\(U\\+[0-9A-F]{4}\\) at position \\d+`,
    ),
  )
}

describe('names with control characters', () => {
  it('are refused with a message by every endpoint that takes a name; honest names pass', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner, 'Plain')
    const invite = async () =>
      new URL(
        (
          await apiJson<{ url: string }>(server.url, `/api/projects/${project}/invites`, {
            user: owner,
            body: { role: 'annotator' },
          })
        ).url,
      ).hash.slice(1)
    const endpoints: { field: string; send: (name: string) => Promise<Response> }[] = [
      { field: 'name', send: (name) => api(server.url, '/api/projects', { user: owner, body: { name } }) },
      {
        field: 'name',
        send: (name) =>
          api(server.url, `/api/projects/${project}`, { method: 'PATCH', user: owner, body: { name } }),
      },
      {
        field: 'name',
        send: (name) => api(server.url, '/api/account', { method: 'PATCH', user: owner, body: { name } }),
      },
      {
        field: 'name',
        send: (name) => api(server.url, `/api/projects/${project}/tokens`, { user: owner, body: { name } }),
      },
    ]
    for (const { field, send } of endpoints) {
      for (const name of HOSTILE_NAMES) await expectRefused(await send(name), field)
    }
    // Signing up through an invite link checks the account's name the same way.
    for (const name of HOSTILE_NAMES.slice(0, 3)) {
      const response = await api(server.url, '/api/invites/accept', {
        body: { token: await invite(), account: { email: 'x@example.com', password: owner.password, name } },
      })
      await expectRefused(response, 'account.name')
    }
    // Nothing hostile was stored.
    const { projects } = await apiJson<{ projects: { name: string }[] }>(server.url, '/api/projects', {
      user: owner,
    })
    expect(projects.map((p) => p.name)).toEqual(['Plain'])
    expect((await apiJson<{ user: TestUser }>(server.url, '/api/auth/me', { user: owner })).user.name).toBe(
      owner.name,
    )

    for (const name of HONEST_NAMES) {
      const response = await api(server.url, '/api/projects', { user: owner, body: { name } })
      expect(response.status, name).toBe(201)
      expect(((await response.json()) as { name: string }).name).toBe(name)
    }
  })

  it('first-run setup refuses a hostile owner name', async () => {
    const server = await startTestServer()
    const token = new URL(server.setupUrl!).hash.slice(1)
    const response = await api(server.url, '/api/setup', {
      body: { token, email: 'o@example.com', password: 'correct horse battery staple', name: 'O\u202eevil' },
    })
    await expectRefused(response, 'name')
  })
})

describe('rubric titles in the draft', () => {
  it('a criterion title with a text-direction override blocks publishing with an unsafe_characters problem', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const client = connectClient(server.url, project, { user: owner })
    await waitForSynced(client)
    completeDraft(client)
    client.doc.transact(() => {
      const title = rubricTitle(client.doc)
      title.insert(title.length, ' \u202eevil')
    })
    await draftIsDurable(server.url, project, owner, client)
    await waitForTitle(server.url, project, owner, client.doc)
    const response = await api(server.url, `/api/projects/${project}/versions`, {
      user: owner,
      body: { bump: 'major', changelog: 'First' },
    })
    expect(response.status).toBe(422)
    const body = (await response.json()) as { problems: { code: string; message: string }[] }
    const problem = body.problems.find((p) => p.code === 'unsafe_characters')
    expect(problem?.message).toMatch(/^The rubric title contains a text-direction override \(U\+202E\)/)
  })
})

/** Publishing reads the draft from the store: wait until a fresh client sees the hostile title. */
async function waitForTitle(url: string, project: string, user: TestUser, doc: Y.Doc) {
  const check = connectClient(url, project, { user })
  await waitForSynced(check)
  const want = rubricTitle(doc).toString()
  await waitFor(() => rubricTitle(check.doc).toString() === want, { message: 'hostile title durable' })
  check.destroy()
}
