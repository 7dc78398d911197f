/**
 * The disputes loop over real HTTP and a real sync client: an annotator fails because one gold value is
 * wrong, disputes it, the lead resolves `gold_wrong`, fixes the gold in the draft (through Yjs) and publishes
 * → every attempt that answered that gold on the earlier version is re-scored (the disputer now passes, one
 * who had matched the wrong gold now fails), the original outcome is kept, an audit entry is written per
 * attempt, the status API and analytics use the re-score, and publishing again changes nothing. Also the bad
 * inputs of the dispute routes.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { AttemptResult, AttemptView, Dispute } from '../../shared/schema/calibration'
import type { GoldValue } from '../../shared/schema/rubric'
import type { VersionJson } from '../../shared/schema/version'
import { examplesMap, exampleTitle, setGold } from '../../shared/ydoc/examplesDoc'
import { orderedCriteria, setPassThreshold } from '../../shared/ydoc/rubricDoc'
import { api, apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { answersFor } from '../helpers/calibration'
import { connectClient, destroyAllClients, waitFor, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

/**
 * A draft whose "Example 2" has the wrong gold for Safe (No where the truth is Yes); pass threshold 0.9. Safe
 * weighs 2 of the 4 per example, so missing it on one example scores 0.75.
 */
async function setup() {
  const server = await startTestServer()
  const owner = await setupOwner(server)
  const project = await createProject(server.url, owner, 'Disputed')
  const lead = await inviteUser(server.url, owner, project, 'lead', 'Lee Lead')
  const people = {
    ann: await inviteUser(server.url, owner, project, 'annotator', 'Ann Annotator'),
    bea: await inviteUser(server.url, owner, project, 'annotator', 'Bea Second'),
    cy: await inviteUser(server.url, owner, project, 'annotator', 'Cy Third'),
  }
  const client = connectClient(server.url, project, { user: lead })
  await waitForSynced(client)
  completeDraft(client)
  setPassThreshold(client.doc, 0.9)
  const safe = orderedCriteria(client.doc)[2]![0]
  const example2 = [...examplesMap(client.doc).keys()].find(
    (id) => exampleTitle(client.doc, id)?.toString() === 'Example 2',
  )!
  setGold(client.doc, example2, safe, [false])
  await draftIsDurable(server.url, project, lead, client)
  const publish = (bump: string) =>
    apiJson<{ version: string }>(server.url, `/api/projects/${project}/versions`, {
      user: lead,
      body: { bump, changelog: bump },
    })
  await publish('major')
  return { server, owner, lead, people, project, client, safe, example2, publish }
}

/** Answers every example with gold, except Safe on Example 2 which gets `safeOn2`; submits (resumes an open attempt on `version`). */
async function take(
  url: string,
  project: string,
  user: TestUser,
  lead: TestUser,
  ex2: string,
  safe: string,
  safeOn2: boolean,
  version?: string,
) {
  const full = await apiJson<VersionJson>(url, `/api/projects/${project}/versions/latest`, { user: lead })
  // Starting again while an attempt is open answers 409 with its id: resume that one.
  const started = await api(url, `/api/projects/${project}/calibration/attempts`, {
    user,
    body: version ? { version } : {},
  })
  const open = started.status === 409 ? ((await started.json()) as { attemptId: string }) : null
  const attempt = open
    ? (
        await apiJson<{ attempt: AttemptView }>(
          url,
          `/api/projects/${project}/calibration/attempts/${open.attemptId}`,
          { user },
        )
      ).attempt
    : ((await started.json()) as AttemptView)
  for (const example of attempt.examples) {
    const answers: Record<string, { value: GoldValue; rationale: string }> = answersFor(
      full,
      example.id,
      true,
    )
    if (example.id === ex2) answers[safe] = { value: safeOn2, rationale: 'Nothing unsafe here.' }
    await api(url, `/api/projects/${project}/calibration/attempts/${attempt.id}/answers/${example.id}`, {
      method: 'PUT',
      user,
      body: { answers },
    })
  }
  return apiJson<AttemptResult>(url, `/api/projects/${project}/calibration/attempts/${attempt.id}/submit`, {
    user,
    body: {},
  })
}

describe('disputes loop', () => {
  it('re-scores every attempt on the wrong gold once the fix is published, keeping the original', async () => {
    const { server, lead, people, project, client, safe, example2, publish } = await setup()
    const url = server.url
    const p = `/api/projects/${project}`
    const ann = await take(url, project, people.ann, lead, example2, safe, true)
    const bea = await take(url, project, people.bea, lead, example2, safe, true)
    const cy = await take(url, project, people.cy, lead, example2, safe, false)
    expect([ann.score, ann.passed]).toEqual([0.75, false])
    expect([bea.score, bea.passed]).toEqual([0.75, false])
    expect([cy.score, cy.passed]).toEqual([1, true])
    // Dee starts an attempt on 1.0.0 but has not submitted when the fix is published: nothing to re-score.
    const dee = await inviteUser(url, lead, project, 'annotator', 'Dee Open')
    await apiJson<AttemptView>(url, `${p}/calibration/attempts`, { user: dee, body: {} })

    const dispute = await apiJson<Dispute>(url, `${p}/calibration/disputes`, {
      user: people.ann,
      body: {
        attemptId: ann.attemptId,
        exampleId: example2,
        criterionId: safe,
        comment: 'Nothing unsafe here.',
      },
    })
    expect(dispute).toMatchObject({ status: 'open', outcome: null, fixedInVersion: null })

    await api(url, `${p}/calibration/disputes/${dispute.id}/resolve`, {
      user: lead,
      body: { reply: 'You are right; fixing the gold.', outcome: 'gold_wrong' },
    }).then((r) => expect(r.status).toBe(204))
    const pending = await apiJson<{ disputes: Dispute[] }>(url, `${p}/calibration/disputes`, {
      user: people.ann,
    })
    expect(pending.disputes[0]).toMatchObject({
      status: 'resolved',
      outcome: 'gold_wrong',
      fixedInVersion: null,
    })
    // Resolving alone re-scores nothing: the gold is not fixed yet.
    expect(
      (await apiJson<{ status: string }>(url, `${p}/annotators/${people.ann.id}/status`, { user: lead }))
        .status,
    ).toBe('failed')

    // The lead fixes the gold in the draft, through Yjs, and publishes.
    setGold(client.doc, example2, safe, [true])
    const check = connectClient(url, project, { user: lead })
    await waitForSynced(check)
    await waitFor(
      () =>
        JSON.stringify(
          (examplesMap(check.doc).get(example2)?.get('gold') as { toJSON(): unknown } | undefined)?.toJSON(),
        ).includes('[true]'),
      { message: 'gold fix durable' },
    )
    expect((await publish('minor')).version).toBe('1.1.0')

    const fixed = await apiJson<{ disputes: Dispute[] }>(url, `${p}/calibration/disputes`, { user: lead })
    expect(fixed.disputes[0]).toMatchObject({ outcome: 'gold_wrong', fixedInVersion: '1.1.0' })

    const status = (user: TestUser) =>
      apiJson<{ status: string; version: string; score: number }>(url, `${p}/annotators/${user.id}/status`, {
        user: lead,
      })
    expect(await status(people.ann)).toMatchObject({ status: 'passed', version: '1.0.0', score: 1 })
    expect(await status(people.bea)).toMatchObject({ status: 'passed', score: 1 })
    // Cy matched the wrong gold: re-scored too, and now below the threshold.
    expect(await status(people.cy)).toMatchObject({ status: 'failed', score: 0.75 })
    expect(await status(dee)).toMatchObject({ status: 'in_progress' })
    // Dee submits her 1.0.0 attempt after the fix: she is scored against the corrected gold at once.
    const deeResult = await take(url, project, dee, lead, example2, safe, true, '1.0.0')
    expect(deeResult).toMatchObject({ score: 1, passed: true, rescored: { originalScore: 0.75 } })
    expect(await status(dee)).toMatchObject({ status: 'passed', score: 1 })

    // The annotator's feedback is the re-score, with the original beside it and the corrected gold.
    const view = await apiJson<{ result: AttemptResult }>(url, `${p}/calibration/attempts/${ann.attemptId}`, {
      user: people.ann,
    })
    expect(view.result).toMatchObject({
      score: 1,
      passed: true,
      rescored: {
        originalScore: 0.75,
        originalPassed: false,
        corrections: [{ exampleId: example2, criterionId: safe, fixedIn: '1.1.0' }],
      },
    })
    const corrected = view.result.examples
      .find((e) => e.exampleId === example2)!
      .criteria.find((c) => c.criterionId === safe)!
    expect(corrected).toMatchObject({ answer: true, accepted: [true], agrees: true })

    // The original is kept in storage beside the re-score.
    const stored = await server.store.getAttempt(ann.attemptId)
    expect(stored).toMatchObject({
      score: 1,
      passed: true,
      rescored: { original: { score: 0.75, passed: false } },
    })

    // One audit entry per re-scored attempt, and one for the fixed dispute.
    const audit = await server.store.listAudit(project, 200)
    const rescores = audit.filter((a) => a.action === 'attempt.rescored')
    expect(rescores.map((a) => a.details.attemptId).sort()).toEqual(
      [ann.attemptId, bea.attemptId, cy.attemptId, deeResult.attemptId].sort(),
    )
    expect(rescores.find((a) => a.details.attemptId === ann.attemptId)!.details).toMatchObject({
      from: { score: 0.75, passed: false },
      to: { score: 1, passed: true },
    })
    expect(audit.filter((a) => a.action === 'dispute.fixed')).toHaveLength(1)

    // The analytics of 1.0.0 read the re-scored outcome.
    const analytics = await apiJson<{ annotators: { name: string; score: number; passed: boolean }[] }>(
      url,
      `${p}/calibration/analytics?version=1.0.0`,
      { user: lead },
    )
    expect(analytics.annotators.find((a) => a.name === 'Ann Annotator')).toMatchObject({
      score: 1,
      passed: true,
    })

    // Idempotent: another publish re-scores nothing and leaves the re-score as it was.
    await publish('patch')
    const again = await server.store.listAudit(project, 200)
    expect(again.filter((a) => a.action === 'attempt.rescored')).toHaveLength(4)
    expect((await server.store.getAttempt(ann.attemptId))!.rescored!.at).toBe(stored!.rescored!.at)
  })

  it('fixes at once when the corrected version was published before the dispute was resolved', async () => {
    const { server, lead, people, project, client, safe, example2, publish } = await setup()
    const p = `/api/projects/${project}`
    const ann = await take(server.url, project, people.ann, lead, example2, safe, true)
    const dispute = await apiJson<Dispute>(server.url, `${p}/calibration/disputes`, {
      user: people.ann,
      body: { attemptId: ann.attemptId, exampleId: example2, criterionId: safe, comment: 'Safe.' },
    })
    setGold(client.doc, example2, safe, [true])
    const check = connectClient(server.url, project, { user: lead })
    await waitForSynced(check)
    await waitFor(() =>
      JSON.stringify(
        (examplesMap(check.doc).get(example2)?.get('gold') as { toJSON(): unknown } | undefined)?.toJSON(),
      ).includes('[true]'),
    )
    await publish('minor')
    // Still open at publish: not fixed, nothing re-scored.
    expect((await server.store.getAttempt(ann.attemptId))!.rescored).toBeNull()
    await api(server.url, `${p}/calibration/disputes/${dispute.id}/resolve`, {
      user: lead,
      body: { reply: 'Already fixed in 1.1.0.', outcome: 'gold_wrong' },
    })
    const [resolved] = (
      await apiJson<{ disputes: Dispute[] }>(server.url, `${p}/calibration/disputes`, { user: lead })
    ).disputes
    expect(resolved).toMatchObject({ fixedInVersion: '1.1.0' })
    expect(await server.store.getAttempt(ann.attemptId)).toMatchObject({ score: 1, passed: true })
  })

  it('leaves attempts alone when the gold stands, and refuses bad dispute input', async () => {
    const { server, owner, lead, people, project, safe, example2, publish } = await setup()
    const url = server.url
    const p = `/api/projects/${project}`
    const ann = await take(url, project, people.ann, lead, example2, safe, true)
    const body = { attemptId: ann.attemptId, exampleId: example2, criterionId: safe, comment: 'Safe.' }
    const refused = async (user: TestUser, path: string, payload: unknown, status: number, error: string) => {
      const response = await api(url, path, { user, body: payload })
      expect(response.status, JSON.stringify(payload)).toBe(status)
      expect(((await response.json()) as { error: string }).error).toBe(error)
    }
    // Someone else's attempt, an unknown criterion, an example outside the attempt.
    await refused(people.bea, `${p}/calibration/disputes`, body, 404, 'not_found')
    await refused(people.ann, `${p}/calibration/disputes`, { ...body, criterionId: 'nope' }, 404, 'not_found')
    await refused(people.ann, `${p}/calibration/disputes`, { ...body, exampleId: 'nope' }, 404, 'not_found')
    await refused(people.ann, `${p}/calibration/disputes`, { ...body, comment: '  ' }, 400, 'invalid_body')
    await refused(people.ann, `${p}/calibration/disputes`, { ...body, extra: 1 }, 400, 'invalid_body')
    const dispute = await apiJson<Dispute>(url, `${p}/calibration/disputes`, { user: people.ann, body })
    const resolve = `${p}/calibration/disputes/${dispute.id}/resolve`
    await refused(lead, resolve, { reply: 'No.' }, 400, 'invalid_body')
    await refused(lead, resolve, { reply: 'No.', outcome: 'maybe' }, 400, 'invalid_body')
    await refused(people.ann, resolve, { reply: 'Mine.', outcome: 'gold_wrong' }, 403, 'forbidden')
    await refused(
      lead,
      `${p}/calibration/disputes/nope/resolve`,
      { reply: 'No.', outcome: 'gold_stands' },
      404,
      'not_found',
    )
    expect(
      (
        await api(url, resolve, {
          user: owner,
          body: { reply: 'Gold stands: see 2.1.', outcome: 'gold_stands' },
        })
      ).status,
    ).toBe(204)
    await refused(lead, resolve, { reply: 'Twice.', outcome: 'gold_wrong' }, 404, 'not_found')
    expect((await api(url, resolve, { user: lead, method: 'GET' })).status).toBe(405)

    await publish('minor')
    const [stood] = (await apiJson<{ disputes: Dispute[] }>(url, `${p}/calibration/disputes`, { user: lead }))
      .disputes
    expect(stood).toMatchObject({ outcome: 'gold_stands', fixedInVersion: null })
    expect((await server.store.getAttempt(ann.attemptId))!.rescored).toBeNull()
    const audit = await server.store.listAudit(project, 200)
    expect(audit.find((a) => a.action === 'dispute.resolved')!.details).toMatchObject({
      outcome: 'gold_stands',
    })
  })
})
