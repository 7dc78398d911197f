/**
 * Calibration over real HTTP: attempts on a published version are blind (no gold in any response before
 * submitting), saved as they go, scored on the server with feedback afterwards; the status API turns a pass
 * stale only at the next major version; failed attempts wait out the cool-down; disputes reach leads.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { AttemptResult, AttemptView } from '../../shared/schema/calibration'
import type { VersionJson } from '../../shared/schema/version'
import { api, apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { answersFor, takeAttempt } from '../helpers/calibration'
import { connectClient, destroyAllClients, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable, GOLD_MARK } from '../helpers/drafts'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

async function setup() {
  const server = await startTestServer()
  const owner = await setupOwner(server)
  const project = await createProject(server.url, owner, 'Calibrated')
  const annotator = await inviteUser(server.url, owner, project, 'annotator', 'Ann Annotator')
  const client = connectClient(server.url, project, { user: owner })
  await waitForSynced(client)
  completeDraft(client)
  await draftIsDurable(server.url, project, owner, client)
  const publish = (bump: string) =>
    apiJson<{ version: string }>(server.url, `/api/projects/${project}/versions`, {
      user: owner,
      body: { bump, changelog: bump },
    })
  await publish('major')
  return { server, owner, project, annotator, publish }
}

const status = (url: string, project: string, userId: string, user: TestUser) =>
  apiJson<{ status: string; version: string | null }>(
    url,
    `/api/projects/${project}/annotators/${userId}/status`,
    { user },
  )

describe('calibration', () => {
  it('is blind until submitted, saves progress, scores on the server and explains afterwards', async () => {
    const { server, owner, project, annotator } = await setup()
    const url = server.url
    const start = await api(url, `/api/projects/${project}/calibration/attempts`, {
      user: annotator,
      body: {},
    })
    expect(start.status).toBe(201)
    const startText = await start.text()
    expect(startText).not.toContain(GOLD_MARK)
    const attempt = JSON.parse(startText) as AttemptView
    expect(attempt.examples).toHaveLength(2)
    for (const example of attempt.examples) {
      expect(example).not.toHaveProperty('gold')
      expect(example).not.toHaveProperty('rationale')
    }
    // Every response the annotator can get before submitting is free of gold.
    const full = await apiJson<VersionJson>(url, `/api/projects/${project}/versions/latest`, { user: owner })
    const first = attempt.examples[0]!
    await api(url, `/api/projects/${project}/calibration/attempts/${attempt.id}/answers/${first.id}`, {
      method: 'PUT',
      user: annotator,
      body: { answers: answersFor(full, first.id, true) },
    })
    for (const path of [
      `/api/projects/${project}/calibration/attempts/${attempt.id}`,
      `/api/projects/${project}/calibration/attempts`,
      `/api/projects/${project}/versions/latest`,
      `/api/projects/${project}/versions`,
    ]) {
      const response = await api(url, path, { user: annotator })
      expect(response.status, path).toBe(200)
      expect(await response.text(), path).not.toContain(GOLD_MARK)
    }
    // Progress survives: starting again answers 409 with the open attempt, which resumes with the saved answers.
    const again409 = await api(url, `/api/projects/${project}/calibration/attempts`, {
      user: annotator,
      body: {},
    })
    expect(again409.status).toBe(409)
    expect(await again409.json()).toMatchObject({ error: 'attempt_open', attemptId: attempt.id })
    const resumed = (
      await apiJson<{ attempt: AttemptView }>(
        url,
        `/api/projects/${project}/calibration/attempts/${attempt.id}`,
        {
          user: annotator,
        },
      )
    ).attempt
    expect(resumed.id).toBe(attempt.id)
    expect(Object.keys(resumed.answers)).toEqual([first.id])

    const early = await api(url, `/api/projects/${project}/calibration/attempts/${attempt.id}/submit`, {
      user: annotator,
      body: {},
    })
    expect(early.status).toBe(400)
    expect(((await early.json()) as { missing: string[] }).missing.length).toBeGreaterThan(0)

    const second = attempt.examples[1]!
    await api(url, `/api/projects/${project}/calibration/attempts/${attempt.id}/answers/${second.id}`, {
      method: 'PUT',
      user: annotator,
      body: { answers: answersFor(full, second.id, false) },
    })
    const submitted = await api(url, `/api/projects/${project}/calibration/attempts/${attempt.id}/submit`, {
      user: annotator,
      body: {},
    })
    expect(submitted.status).toBe(200)
    const resultText = await submitted.text()
    expect(resultText).toContain(GOLD_MARK)
    const result = JSON.parse(resultText) as AttemptResult
    expect(result.score).toBeCloseTo(0.5, 5)
    expect(result.passed).toBe(false)
    expect(result.examples.find((e) => e.exampleId === first.id)!.criteria.every((c) => c.agrees)).toBe(true)
    expect(result.examples.find((e) => e.exampleId === second.id)!.criteria.every((c) => !c.agrees)).toBe(
      true,
    )
    expect(result.perCriterion.map((c) => c.agreement)).toEqual([0.5, 0.5, 0.5])
    const again = await api(url, `/api/projects/${project}/calibration/attempts/${attempt.id}/submit`, {
      user: annotator,
      body: {},
    })
    expect(again.status).toBe(409)
    expect((await status(url, project, annotator.id, annotator)).status).toBe('failed')

    // A failed attempt waits out the cool-down before a retake.
    const retake = await api(url, `/api/projects/${project}/calibration/attempts`, {
      user: annotator,
      body: {},
    })
    expect(retake.status).toBe(429)
    expect(Number(retake.headers.get('retry-after'))).toBeGreaterThan(0)
    await api(url, `/api/projects/${project}/calibration/settings`, {
      method: 'PUT',
      user: owner,
      body: { retakeCooldownMinutes: 0 },
    })
    expect(
      (await api(url, `/api/projects/${project}/calibration/attempts`, { user: annotator, body: {} })).status,
    ).toBe(201)

    // The annotator disputes a gold value; the lead sees it and resolves it with a reply.
    const dispute = await api(url, `/api/projects/${project}/calibration/disputes`, {
      user: annotator,
      body: {
        attemptId: attempt.id,
        exampleId: second.id,
        criterionId: full.rubric.criteria[0]!.id,
        comment: 'The response does answer the question.',
      },
    })
    expect(dispute.status).toBe(201)
    const { id: disputeId } = (await dispute.json()) as { id: string }
    const listed = await apiJson<{ disputes: { id: string; status: string; userName: string }[] }>(
      url,
      `/api/projects/${project}/calibration/disputes`,
      { user: owner },
    )
    expect(listed.disputes).toEqual([
      expect.objectContaining({ id: disputeId, status: 'open', userName: 'Ann Annotator' }),
    ])
    const resolve = await api(url, `/api/projects/${project}/calibration/disputes/${disputeId}/resolve`, {
      user: owner,
      body: { reply: 'Fair point; fixed in the next version.', outcome: 'gold_wrong' },
    })
    expect(resolve.status).toBe(204)
    const mine = await apiJson<{ disputes: { status: string; reply: string }[] }>(
      url,
      `/api/projects/${project}/calibration/disputes`,
      { user: annotator },
    )
    expect(mine.disputes[0]).toMatchObject({
      status: 'resolved',
      reply: 'Fair point; fixed in the next version.',
    })
  })

  it('keeps a pass on 1.2.0 valid at 1.3.0 and marks it stale at 2.0.0, for sessions and read tokens', async () => {
    const { server, owner, project, annotator, publish } = await setup()
    await publish('minor')
    await publish('minor')
    const { submitted } = await takeAttempt(server.url, project, annotator, owner, true)
    expect(((await submitted.json()) as AttemptResult).passed).toBe(true)
    expect(await status(server.url, project, annotator.id, owner)).toMatchObject({
      status: 'passed',
      version: '1.2.0',
    })
    await publish('minor')
    expect(await status(server.url, project, annotator.id, annotator)).toMatchObject({
      status: 'passed',
      version: '1.2.0',
    })
    await publish('major')
    expect(await status(server.url, project, annotator.id, owner)).toMatchObject({
      status: 'stale',
      version: '1.2.0',
    })

    const { token } = await apiJson<{ token: string }>(server.url, `/api/projects/${project}/tokens`, {
      user: owner,
      body: { name: 'Platform' },
    })
    const viaToken = await fetch(`${server.url}/api/projects/${project}/annotators/${annotator.id}/status`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(await viaToken.json()).toMatchObject({ status: 'stale', latestVersion: '2.0.0' })
    // Annotators may ask only about themselves.
    expect(
      (await api(server.url, `/api/projects/${project}/annotators/${owner.id}/status`, { user: annotator }))
        .status,
    ).toBe(403)
  })

  it('gives leads analytics over three annotators and a CSV of every answer', async () => {
    const { server, owner, project, annotator } = await setup()
    const second = await inviteUser(server.url, owner, project, 'annotator', 'Bea Second')
    const third = await inviteUser(server.url, owner, project, 'annotator', 'Cy Third')
    await takeAttempt(server.url, project, annotator, owner, true)
    await takeAttempt(server.url, project, second, owner, true)
    await takeAttempt(server.url, project, third, owner, false)
    const analytics = await apiJson<{
      annotators: { name: string; score: number; passed: boolean }[]
      passRate: number
      criteria: {
        title: string
        exactAgreement: { stat: { defined: boolean; value?: number } }
        alpha: { stat: { defined: boolean } }
      }[]
      examples: { missRate: number; commonWrongAnswers: { count: number }[] }[]
      trend: unknown[]
    }>(server.url, `/api/projects/${project}/calibration/analytics`, { user: owner })
    expect(analytics.annotators.map((a) => [a.name, a.score, a.passed])).toEqual([
      ['Ann Annotator', 1, true],
      ['Bea Second', 1, true],
      ['Cy Third', 0, false],
    ])
    expect(analytics.passRate).toBeCloseTo(2 / 3, 5)
    expect(analytics.criteria).toHaveLength(3)
    for (const criterion of analytics.criteria) {
      expect(criterion.exactAgreement.stat).toMatchObject({ defined: true })
      expect(criterion.exactAgreement.stat.value).toBeCloseTo(2 / 3, 5)
      expect(criterion).toHaveProperty('alpha.stat.defined')
    }
    expect(analytics.examples.every((e) => Math.abs(e.missRate - 1 / 3) < 1e-9)).toBe(true)
    expect(analytics.trend).toHaveLength(3)
    // Annotators cannot see the dashboard.
    expect(
      (await api(server.url, `/api/projects/${project}/calibration/analytics`, { user: annotator })).status,
    ).toBe(403)

    const csv = await (
      await api(server.url, `/api/projects/${project}/calibration/export.csv`, { user: owner })
    ).text()
    const lines = csv.trim().split('\r\n')
    expect(lines[0]).toContain('"annotator"')
    expect(lines).toHaveLength(1 + 3 * 2 * 3)
  })
})
