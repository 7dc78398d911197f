/**
 * Invariant 8 over real HTTP: nobody passes blind on gold they could read. The exact sequence of issue 14
 * (two published versions sharing examples, two attempts at once, gold from the first answering the
 * second) is refused; a retake marks items seen before and does not score them; someone who ever held a
 * draft-reading role is recorded not blind and never reported `passed`. Concurrent starts create one
 * attempt, on SQLite and on PostgreSQL.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { AnnotatorStatus, AttemptResult, AttemptView } from '../../shared/schema/calibration'
import type { VersionJson } from '../../shared/schema/version'
import { api, apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { connectClient, destroyAllClients, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { dropSchemas, freshSchema, TEST_DATABASE_URL } from '../helpers/postgres'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
  await dropSchemas()
})

async function twoVersions(databaseUrl: string | null = null) {
  const server = await startTestServer({ databaseUrl })
  const owner = await setupOwner(server)
  const project = await createProject(server.url, owner, 'Blind')
  const annotator = await inviteUser(server.url, owner, project, 'annotator', 'Ann Annotator')
  const client = connectClient(server.url, project, { user: owner })
  await waitForSynced(client)
  completeDraft(client)
  await draftIsDurable(server.url, project, owner, client)
  for (const bump of ['major', 'minor']) {
    await apiJson(server.url, `/api/projects/${project}/versions`, {
      user: owner,
      body: { bump, changelog: bump },
    })
  }
  const gold = await apiJson<VersionJson>(server.url, `/api/projects/${project}/versions/1.0.0`, {
    user: owner,
  })
  return { url: server.url, owner, project, annotator, gold }
}

const attemptsPath = (project: string) => `/api/projects/${project}/calibration/attempts`

async function answerAll(
  url: string,
  project: string,
  user: TestUser,
  attempt: AttemptView,
  pick: (exampleId: string, criterionId: string) => unknown,
  criteria: string[],
) {
  for (const example of attempt.examples) {
    const answers = Object.fromEntries(
      criteria.map((c) => [c, { value: pick(example.id, c), rationale: 'Because.' }]),
    )
    const saved = await api(url, `${attemptsPath(project)}/${attempt.id}/answers/${example.id}`, {
      method: 'PUT',
      user,
      body: { answers },
    })
    // Values that do not fit their criterion are refused on save (400), before any submit.
    if (saved.status === 400) return saved
    expect(saved.status).toBe(204)
  }
  return api(url, `${attemptsPath(project)}/${attempt.id}/submit`, { user, body: {} })
}

const statusOf = (url: string, project: string, user: TestUser) =>
  apiJson<AnnotatorStatus>(url, `/api/projects/${project}/annotators/${user.id}/status`, { user })

describe('blind calibration', () => {
  it('refuses the two-attempt gold exploit of issue 14, and a retake on seen items is not blind', async () => {
    const { url, owner, project, annotator, gold } = await twoVersions()
    const criteria = gold.rubric.criteria.map((c) => c.id)
    const first = await api(url, attemptsPath(project), { user: annotator, body: {} })
    expect(first.status).toBe(201)
    const attempt = (await first.json()) as AttemptView
    expect(attempt.version).toBe('1.1.0')

    // A second attempt while the first is open: 409 with the open attempt, for any version.
    for (const body of [{ version: '1.0.0' }, {}, { version: '1.1.0' }]) {
      const second = await api(url, attemptsPath(project), { user: annotator, body })
      expect(second.status, JSON.stringify(body)).toBe(409)
      expect(await second.json()).toMatchObject({
        error: 'attempt_open',
        attemptId: attempt.id,
        version: '1.1.0',
      })
    }

    // Submit the first with anything; its result reveals the gold.
    const wrong = await answerAll(url, project, annotator, attempt, () => false, criteria)
    // (A boolean is not a valid answer for every criterion: refused on save; fill properly but wrongly instead.)
    expect(wrong.status).toBe(400)
    const submitted = await answerAll(
      url,
      project,
      annotator,
      attempt,
      (_e, c) => {
        const criterion = gold.rubric.criteria.find((x) => x.id === c)!
        return criterion.kind === 'binary' ? false : 1
      },
      criteria,
    )
    expect(submitted.status).toBe(200)
    const result = (await submitted.json()) as AttemptResult
    expect(result.passed).toBe(false)
    expect(result.blind).toBe(true)
    const revealed = new Map(result.examples.map((e) => [e.exampleId, e.criteria]))

    // The cool-down applies across versions.
    const retake = await api(url, attemptsPath(project), { user: annotator, body: { version: '1.0.0' } })
    expect(retake.status).toBe(429)

    // Even without a cool-down, a retake on the same items is not blind and the seen items do not count.
    await apiJson(url, `/api/projects/${project}/calibration/settings`, {
      method: 'PUT',
      user: owner,
      body: { retakeCooldownMinutes: 0 },
    })
    const again = await api(url, attemptsPath(project), { user: annotator, body: { version: '1.0.0' } })
    expect(again.status).toBe(201)
    const secondAttempt = (await again.json()) as AttemptView
    expect(secondAttempt.seenBefore.sort()).toEqual(secondAttempt.examples.map((e) => e.id).sort())
    const cheat = await answerAll(
      url,
      project,
      annotator,
      secondAttempt,
      (e, c) => revealed.get(e)!.find((x) => x.criterionId === c)!.accepted[0],
      criteria,
    )
    expect(cheat.status).toBe(200)
    const cheated = (await cheat.json()) as AttemptResult
    expect(cheated.blind).toBe(false)
    expect(cheated.notBlindReasons).toContain('seen_before')
    expect(cheated.seenBefore).toBe(secondAttempt.examples.length)
    expect(cheated.examples.every((e) => e.seenBefore && e.criteria.every((c) => c.agrees))).toBe(true)
    const status = await statusOf(url, project, annotator)
    expect(status.status).not.toBe('passed')
    expect(status).toMatchObject({ blind: false, seenBefore: secondAttempt.examples.length })
  })

  it('records a former reviewer as not blind and reports passed_not_blind, never passed', async () => {
    const { url, owner, project, gold } = await twoVersions()
    const reviewer = await inviteUser(url, owner, project, 'reviewer', 'Rae Reviewer')
    const demoted = await api(url, `/api/projects/${project}/members/${reviewer.id}`, {
      method: 'PATCH',
      user: owner,
      body: { role: 'annotator' },
    })
    expect(demoted.status).toBe(200)
    const attempt = await apiJson<AttemptView>(url, attemptsPath(project), { user: reviewer, body: {} })
    const byId = new Map(
      gold.examples.map((e) => [e.id, e as { gold: Record<string, { accepted: unknown[] }> }]),
    )
    const submitted = await answerAll(
      url,
      project,
      reviewer,
      attempt,
      (e, c) => byId.get(e)!.gold[c]!.accepted[0],
      gold.rubric.criteria.map((c) => c.id),
    )
    const result = (await submitted.json()) as AttemptResult
    expect(result).toMatchObject({ passed: true, score: 1, blind: false, notBlindReasons: ['draft_reader'] })
    expect(await statusOf(url, project, reviewer)).toMatchObject({ status: 'passed_not_blind', blind: false })
    const summaries = await apiJson<{ attempts: { blind: boolean | null }[] }>(url, attemptsPath(project), {
      user: reviewer,
    })
    expect(summaries.attempts[0]!.blind).toBe(false)
  })

  it('answers bad start and settings requests with clear 4xx errors', async () => {
    const { url, owner, project, annotator } = await twoVersions()
    const cases: [unknown, number, string][] = [
      [{ version: '9.9.9' }, 404, 'not_found'],
      [{ version: 5 }, 400, 'invalid_body'],
      [{ version: '1.0.0', extra: true }, 400, 'invalid_body'],
    ]
    for (const [body, status, error] of cases) {
      const response = await api(url, attemptsPath(project), { user: annotator, body })
      expect(response.status, JSON.stringify(body)).toBe(status)
      expect(((await response.json()) as { error: string }).error).toBe(error)
    }
    for (const body of [{ retakeCooldownMinutes: -1 }, { retakeCooldownMinutes: 1.5 }, { other: 1 }]) {
      const response = await api(url, `/api/projects/${project}/calibration/settings`, {
        method: 'PUT',
        user: owner,
        body,
      })
      expect(response.status, JSON.stringify(body)).toBe(400)
    }
  })

  for (const adapter of ['SQLite', 'PostgreSQL'] as const) {
    it(`creates one attempt from concurrent starts (${adapter})`, async () => {
      const databaseUrl =
        adapter === 'PostgreSQL'
          ? `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${await freshSchema()}`)}`
          : null
      const { url, project, annotator } = await twoVersions(databaseUrl)
      const bodies = [{}, { version: '1.0.0' }, {}, { version: '1.1.0' }, { version: '1.0.0' }, {}]
      const responses = await Promise.all(
        bodies.map((body) => api(url, attemptsPath(project), { user: annotator, body })),
      )
      const statuses = responses.map((r) => r.status).sort()
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409])
      const created = (await responses.find((r) => r.status === 201)!.json()) as AttemptView
      for (const response of responses.filter((r) => r.status === 409)) {
        expect(await response.json()).toMatchObject({ error: 'attempt_open', attemptId: created.id })
      }
      const mine = await apiJson<{ attempts: unknown[] }>(url, attemptsPath(project), { user: annotator })
      expect(mine.attempts).toHaveLength(1)
    })
  }
})
