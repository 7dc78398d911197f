/**
 * Webhooks end to end on a real server (SQLite and PostgreSQL) with real local receivers: the three events
 * with signed, schema-valid payloads and no gold; the delivery log, Redeliver and the test event; bad URLs
 * refused when saved; a hanging or failing endpoint never slowing the event's own request.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { loadWebhookConfig } from '../../server/config'
import { WebhookEvent } from '../../shared/schema/webhooks'
import { api, apiJson, inviteUser, setupOwner } from '../helpers/accounts'
import { takeAttempt } from '../helpers/calibration'
import { destroyAllClients, waitFor } from '../helpers/clients'
import { GOLD_MARK } from '../helpers/drafts'
import { dropSchemas, freshSchema, TEST_DATABASE_URL } from '../helpers/postgres'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'
import { closeAllReceivers, startReceiver } from '../helpers/webhookReceiver'
import {
  addEndpoint,
  eventOf,
  publish,
  publishableProject,
  signatureValid,
  webhooksPath,
} from '../helpers/webhooks'

afterEach(async () => {
  destroyAllClients()
  await closeAllReceivers()
  await stopAllServers()
  await dropSchemas()
  removeTempDirs()
})

const LOCAL_WEBHOOKS = { ...loadWebhookConfig({}), allowPrivate: ['127.0.0.1'], pollMs: 200, timeoutMs: 2000 }

async function start(adapter: 'SQLite' | 'PostgreSQL') {
  const databaseUrl =
    adapter === 'PostgreSQL'
      ? `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${await freshSchema()}`)}`
      : null
  const server = await startTestServer({
    databaseUrl,
    webhooks: LOCAL_WEBHOOKS,
    authAttemptsPerMinute: 10_000,
  })
  const owner = await setupOwner(server)
  return { server, owner }
}

interface DeliveryRow {
  id: string
  eventId: string
  eventType: string
  status: string
  attempts: number
  lastStatusCode: number | null
  lastError: string | null
}

for (const adapter of ['SQLite', 'PostgreSQL'] as const) {
  describe(`webhooks (${adapter})`, () => {
    it('delivers signed events for publishing, submitting and stale passes; logs, redelivers, pings', async () => {
      const { server, owner } = await start(adapter)
      const project = await publishableProject(server.url, owner)
      const annotator = await inviteUser(server.url, owner, project, 'annotator', 'Ana Annotator')
      const receiver = await startReceiver()
      const endpoint = await addEndpoint(server.url, owner, project, { url: receiver.url, description: 'CI' })
      expect(endpoint.secret).toMatch(/^whsec_/)

      expect((await publish(server.url, owner, project)).status).toBe(201)
      await waitFor(() => receiver.received.length === 1, { message: 'version.published delivered' })
      const published = receiver.received[0]!
      expect(signatureValid(published, endpoint.secret)).toBe(true)
      expect(published.headers['yardstick-event']).toBe('version.published')
      expect(WebhookEvent.parse(eventOf(published))).toMatchObject({
        type: 'version.published',
        project_id: project,
        data: { version: '1.0.0', bump: 'major', json_path: `/api/projects/${project}/versions/1.0.0` },
      })

      await takeAttempt(server.url, project, annotator, owner, true)
      await waitFor(() => receiver.received.length === 3, { message: 'submission events delivered' })
      const afterSubmit = receiver.received.slice(1).map(eventOf)
      expect(afterSubmit.map((e) => e.type).sort()).toEqual([
        'annotator.status_changed',
        'calibration.submitted',
      ])
      expect(afterSubmit.find((e) => e.type === 'calibration.submitted')!.data).toMatchObject({
        user_id: annotator.id,
        version: '1.0.0',
        passed: true,
        blind: true,
      })
      expect(afterSubmit.find((e) => e.type === 'annotator.status_changed')!.data).toMatchObject({
        user_id: annotator.id,
        status: 'passed',
        previous_status: 'in_progress',
        reason: 'attempt_submitted',
      })

      // A minor version keeps the pass; a major one makes it stale.
      expect((await publish(server.url, owner, project, 'minor')).status).toBe(201)
      await waitFor(() => receiver.received.length === 4, { message: 'minor version delivered' })
      expect((await publish(server.url, owner, project, 'major')).status).toBe(201)
      await waitFor(() => receiver.received.length === 6, { message: 'major version and stale delivered' })
      const stale = receiver.received
        .slice(4)
        .map(eventOf)
        .find((e) => e.type === 'annotator.status_changed')
      expect(stale?.data).toMatchObject({
        user_id: annotator.id,
        status: 'stale',
        previous_status: 'passed',
        version: '1.0.0',
        latest_version: '2.0.0',
        reason: 'major_version_published',
      })
      for (const delivery of receiver.received) {
        expect(signatureValid(delivery, endpoint.secret)).toBe(true)
        expect(() => WebhookEvent.parse(eventOf(delivery))).not.toThrow()
        expect(delivery.rawBody).not.toContain(GOLD_MARK)
        expect(delivery.rawBody).not.toContain('"gold')
      }

      const log = async () =>
        (
          await apiJson<{ deliveries: DeliveryRow[] }>(
            server.url,
            `${webhooksPath(project)}/${endpoint.id}/deliveries`,
            { user: owner },
          )
        ).deliveries
      await waitFor(async () => (await log()).every((d) => d.status === 'delivered'), { message: 'log' })
      const first = (await log()).find((d) => d.eventType === 'version.published' && d.attempts === 1)!
      expect(first).toMatchObject({ status: 'delivered', lastStatusCode: 200, lastError: null })

      // Redeliver: the same event (same id) again, as a new delivery.
      const oldest = (await log()).at(-1)!
      const redelivered = await api(
        server.url,
        `${webhooksPath(project)}/${endpoint.id}/deliveries/${oldest.id}/redeliver`,
        { user: owner, body: {} },
      )
      expect(redelivered.status).toBe(202)
      await waitFor(() => receiver.received.length === 7, { message: 'redelivery' })
      expect(eventOf(receiver.received[6]!).id).toBe(oldest.eventId)
      expect(receiver.received[6]!.headers['yardstick-delivery']).not.toBe(oldest.id)

      // Send test event; then rotate the secret: the next delivery is signed with the new one.
      const rotated = await apiJson<{ secret: string }>(
        server.url,
        `${webhooksPath(project)}/${endpoint.id}/secret`,
        {
          user: owner,
          body: {},
        },
      )
      expect(rotated.secret).not.toBe(endpoint.secret)
      const revealed = await apiJson<{ secret: string }>(
        server.url,
        `${webhooksPath(project)}/${endpoint.id}/secret`,
        {
          user: owner,
        },
      )
      expect(revealed.secret).toBe(rotated.secret)
      expect(
        (await api(server.url, `${webhooksPath(project)}/${endpoint.id}/test`, { user: owner, body: {} }))
          .status,
      ).toBe(202)
      await waitFor(() => receiver.received.length === 8, { message: 'ping' })
      expect(eventOf(receiver.received[7]!).type).toBe('ping')
      expect(signatureValid(receiver.received[7]!, rotated.secret)).toBe(true)
      expect(signatureValid(receiver.received[7]!, endpoint.secret)).toBe(false)

      // A paused endpoint gets nothing new.
      await apiJson(server.url, `${webhooksPath(project)}/${endpoint.id}`, {
        method: 'PATCH',
        user: owner,
        body: { active: false },
      })
      expect((await publish(server.url, owner, project, 'minor')).status).toBe(201)
      await new Promise((resolve) => setTimeout(resolve, 600))
      expect(receiver.received).toHaveLength(8)
    })

    it('never lets a hanging or failing endpoint slow the event request', async () => {
      const { server, owner } = await start(adapter)
      const project = await publishableProject(server.url, owner)
      const hanging = await startReceiver()
      hanging.answer = () => {}
      const failing = await startReceiver()
      failing.answer = (response) => response.writeHead(500).end()
      await addEndpoint(server.url, owner, project, { url: hanging.url })
      await addEndpoint(server.url, owner, project, { url: failing.url })
      const started = Date.now()
      const response = await publish(server.url, owner, project)
      const answeredAfter = Date.now() - started
      expect(response.status).toBe(201)
      // The hanging endpoint is called (and holds the request for the 2 s timeout), after the answer.
      await waitFor(() => hanging.received.length === 1 && failing.received.length === 1, {
        message: 'calls',
      })
      expect(answeredAfter).toBeLessThan(LOCAL_WEBHOOKS.timeoutMs)
    })
  })
}

describe('two server instances on one PostgreSQL database', () => {
  it('delivers every event exactly once, whichever instance claims it', async () => {
    const databaseUrl = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${await freshSchema()}`)}`
    const settings = {
      databaseUrl,
      webhooks: { ...LOCAL_WEBHOOKS, pollMs: 50 },
      authAttemptsPerMinute: 10_000,
    }
    const a = await startTestServer(settings)
    const b = await startTestServer(settings)
    const owner = await setupOwner(a)
    const project = await publishableProject(a.url, owner)
    const receiver = await startReceiver()
    const endpoint = await addEndpoint(a.url, owner, project, { url: receiver.url })
    // Test events queued through both instances, all due at once: both workers poll every 50 ms.
    const queued = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        apiJson<{ eventId: string }>(i % 2 ? b.url : a.url, `${webhooksPath(project)}/${endpoint.id}/test`, {
          user: owner,
          body: {},
        }),
      ),
    )
    await waitFor(() => receiver.received.length >= 30, { message: '30 deliveries' })
    await new Promise((resolve) => setTimeout(resolve, 500))
    const ids = receiver.received.map((d) => eventOf(d).id)
    expect(ids).toHaveLength(30)
    expect(new Set(ids)).toEqual(new Set(queued.map((q) => q.eventId)))
  })
})

describe('webhook endpoint configuration', () => {
  it('refuses bad URLs with a sentence and bad bodies', async () => {
    const { server, owner } = await start('SQLite')
    const project = await publishableProject(server.url, owner)
    const refused = async (body: unknown, pattern: RegExp) => {
      const response = await api(server.url, webhooksPath(project), { user: owner, body })
      const answer = (await response.json()) as { message: string }
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(answer.message).toMatch(pattern)
    }
    const events = ['version.published']
    await refused({ url: 'http://93.184.215.14/hook', events }, /must use https/)
    await refused(
      { url: 'https://10.0.0.8/hook', events },
      /private addresses: 10\.0\.0\.8 is a private address/,
    )
    await refused({ url: 'https://169.254.169.254/latest/meta-data', events }, /linkLocal/)
    await refused({ url: 'https://[::1]/hook', events }, /loopback/)
    await refused({ url: 'https://localhost:9/hook', events }, /localhost/)
    await refused({ url: 'https://93.184.215.14/hook', events: [] }, /at least one event/)
    await refused({ url: 'https://93.184.215.14/hook', events: ['version.deleted'] }, /events/)
    await refused({ url: 'https://93.184.215.14/hook', events, secret: 'mine' }, /secret|Unrecognized/)
    const endpoint = await addEndpoint(server.url, owner, project, { url: 'https://93.184.215.14/hook' })
    const patched = await api(server.url, `${webhooksPath(project)}/${endpoint.id}`, {
      method: 'PATCH',
      user: owner,
      body: { url: 'https://192.168.0.1/' },
    })
    expect(patched.status).toBe(400)
    const missing = await api(server.url, `${webhooksPath(project)}/nope/deliveries`, { user: owner })
    expect(missing.status).toBe(404)
  })
})
