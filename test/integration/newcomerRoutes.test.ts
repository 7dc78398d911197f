/**
 * The routes behind issue 22 over real HTTP: the app's session probe answers 200 when signed out; editor
 * notices (your role changed; restores and publishes by others) with bad inputs refused; restores recorded in
 * the activity log; the gold CSV for owners and leads only; invite notes; role names with their article.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { api, apiJson, createProject, inviteUser, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable, GOLD_MARK } from '../helpers/drafts'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

interface Notices {
  notices: { kind: string; actor: string; version?: string; from?: string; to?: string; id: number }[]
  latest: number
}

async function publishedProject() {
  const server = await startTestServer()
  const owner = await setupOwner(server)
  const project = await createProject(server.url, owner, 'Gold, "quoted" =project')
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

describe('the session probe', () => {
  it('answers 200 with user null when signed out, the user when signed in; /auth/me keeps its 401', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const anonymous = await api(server.url, '/api/auth/session')
    expect(anonymous.status).toBe(200)
    expect(await anonymous.json()).toEqual({ user: null })
    const signedIn = await apiJson<{ user: { id: string } }>(server.url, '/api/auth/session', { user: owner })
    expect(signedIn.user.id).toBe(owner.id)
    expect((await api(server.url, '/api/auth/me')).status).toBe(401)
    expect((await api(server.url, '/api/auth/session', { method: 'POST', body: {} })).status).toBe(405)
  })
})

describe('editor notices', () => {
  it('tell a member of their role change, and of publishes and restores by others — not of their own', async () => {
    const { server, owner, project } = await publishedProject()
    const lee = await inviteUser(server.url, owner, project, 'lead', 'Lee Lead')
    const notices = (user = lee, after = 0) =>
      apiJson<Notices>(server.url, `/api/projects/${project}/notices?after=${after}`, { user })
    const baseline = (await notices()).latest

    const demoted = await api(server.url, `/api/projects/${project}/members/${lee.id}`, {
      method: 'PATCH',
      user: owner,
      body: { role: 'reviewer' },
    })
    expect(demoted.status).toBe(200)
    const restored = await api(server.url, `/api/projects/${project}/restores`, {
      user: owner,
      body: { version: '1.0.0' },
    })
    expect(restored.status).toBe(204)

    const seen = await notices(lee, baseline)
    expect(
      seen.notices.map(({ kind, actor, version, from, to }) => ({ kind, actor, version, from, to })),
    ).toEqual([
      { kind: 'roleChanged', actor: 'Olivia Owner', version: undefined, from: 'lead', to: 'reviewer' },
      { kind: 'restored', actor: 'Olivia Owner', version: '1.0.0', from: undefined, to: undefined },
    ])
    expect(seen.latest).toBeGreaterThan(baseline)
    expect((await notices(lee, seen.latest)).notices).toEqual([])
    // From the start, Lee also hears of the publish; the owner hears of nothing she did herself.
    expect((await notices(lee)).notices.map((n) => n.kind)).toEqual(['published', 'roleChanged', 'restored'])
    expect((await notices(owner)).notices).toEqual([])

    const audit = await apiJson<{ entries: { action: string; details: { version?: string } }[] }>(
      server.url,
      `/api/projects/${project}/audit`,
      { user: owner },
    )
    expect(audit.entries.find((e) => e.action === 'draft.restored')?.details.version).toBe('1.0.0')
  })

  it('refuses bad input with clear errors', async () => {
    const { server, owner, project } = await publishedProject()
    const rita = await inviteUser(server.url, owner, project, 'reviewer', 'Rita Reviewer')
    const outsider = await inviteUser(
      server.url,
      owner,
      await createProject(server.url, owner),
      'lead',
      'Out',
    )
    const expectError = async (response: Response, status: number, message: RegExp) => {
      expect(response.status).toBe(status)
      const body = (await response.json()) as { error: string; message: string }
      expect(body.message).toMatch(message)
    }
    await expectError(
      await api(server.url, `/api/projects/${project}/notices?after=abc`, { user: owner }),
      400,
      /after must be a whole number/,
    )
    await expectError(await api(server.url, `/api/projects/${project}/notices`), 401, /sign in/)
    await expectError(
      await api(server.url, `/api/projects/${project}/notices`, { user: outsider }),
      404,
      /project not found/,
    )
    const restore = (user: typeof owner, body: unknown) =>
      api(server.url, `/api/projects/${project}/restores`, { user, body })
    await expectError(await restore(rita, { version: '1.0.0' }), 403, /^a reviewer cannot do this$/)
    await expectError(await restore(owner, { version: 'one' }), 400, /version must look like 1\.2\.3/)
    await expectError(await restore(owner, { version: '9.0.0' }), 404, /version 9\.0\.0 not found/)
    await expectError(await restore(owner, { version: '1.0.0', extra: 1 }), 400, /./)
    const notJson = await fetch(`${server.url}/api/projects/${project}/restores`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'content-type': 'application/json' },
      body: '{',
    })
    await expectError(notJson, 400, /valid JSON/)
    expect((await api(server.url, `/api/projects/${project}/restores`, { user: owner })).status).toBe(405)
  })
})

describe('the gold CSV', () => {
  it('lists gold per example and criterion for owners and leads, as a download', async () => {
    const { server, owner, project } = await publishedProject()
    const response = await api(server.url, `/api/projects/${project}/versions/1.0.0/gold.csv`, {
      user: owner,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="Gold-quoted-project-1.0.0-gold.csv"',
    )
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)], 'a UTF-8 byte-order mark for spreadsheets').toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    const lines = text.trimEnd().split('\r\n')
    expect(lines[0]).toBe(
      'example_id,example_title,difficulty,section_id,criterion_id,criterion_title,criterion_kind,accepted,criterion_rationale,example_rationale,slot_key,target',
    )
    // Two examples × three criteria with gold.
    expect(lines).toHaveLength(7)
    expect(text).toContain(`${GOLD_MARK}-1-acc`)
    expect(lines.some((line) => line.includes(',4 | 5,'))).toBe(true)
    const latest = await api(server.url, `/api/projects/${project}/versions/latest/gold.csv`, { user: owner })
    expect(await latest.text()).toBe(text)
  })

  it('is refused to reviewers and annotators, and for unknown versions', async () => {
    const { server, owner, project } = await publishedProject()
    const ann = await inviteUser(server.url, owner, project, 'annotator', 'Ann Annotator')
    const refused = await api(server.url, `/api/projects/${project}/versions/1.0.0/gold.csv`, { user: ann })
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { message: string }).message).toBe('an annotator cannot do this')
    const missing = await api(server.url, `/api/projects/${project}/versions/2.0.0/gold.csv`, { user: owner })
    expect(missing.status).toBe(404)
  })
})

describe('invite notes', () => {
  it('keeps the note an inviter wrote, and refuses one that is too long', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const made = await api(server.url, `/api/projects/${project}/invites`, {
      user: owner,
      body: { role: 'annotator', note: '  Ana <ana@example.com>  ' },
    })
    expect(made.status).toBe(201)
    expect(((await made.json()) as { note: string }).note).toBe('Ana <ana@example.com>')
    const tooLong = await api(server.url, `/api/projects/${project}/invites`, {
      user: owner,
      body: { role: 'annotator', note: 'x'.repeat(121) },
    })
    expect(tooLong.status).toBe(400)
    expect(((await tooLong.json()) as { message: string }).message).toBe(
      'note: the note is too long (at most 120 characters)',
    )
    const list = await apiJson<{ invites: { note: string }[] }>(
      server.url,
      `/api/projects/${project}/invites`,
      {
        user: owner,
      },
    )
    expect(list.invites.map((i) => i.note)).toEqual(['Ana <ana@example.com>'])
  })
})
