/**
 * The webhook outbox over both stores: its rows commit or roll back with the event's own transaction; a
 * failing endpoint is retried on the back-off schedule (an injected clock, real store, real receiver) and
 * failed after 24 h; with several instances on one PostgreSQL database each delivery is sent by exactly one,
 * and a lease held by a dead instance is taken over once it expires.
 */
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openPostgresStore } from '../../server/storage/postgres'
import { openSqliteStore } from '../../server/storage/sqlite'
import type { Store } from '../../server/storage/store'
import { DEFAULT_RETRY_SCHEDULE } from '../../server/webhooks/backoff'
import { newEventId, outboxEvent } from '../../server/webhooks/events'
import { createWebhookWorker } from '../../server/webhooks/worker'
import { dropSchemas, freshSchema, TEST_DATABASE_URL } from '../helpers/postgres'
import { removeTempDirs, tempDataDir } from '../helpers/server'
import { closeAllReceivers, type Receiver, startReceiver } from '../helpers/webhookReceiver'

const stores: Store[] = []
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()))
  await closeAllReceivers()
  await dropSchemas()
  removeTempDirs()
})

const POLICY = { allowPrivate: ['127.0.0.1'] }

async function openStore(adapter: 'SQLite' | 'PostgreSQL', schema?: string): Promise<Store> {
  const store =
    adapter === 'SQLite'
      ? openSqliteStore(join(tempDataDir(), 'yardstick.sqlite'))
      : await openPostgresStore(TEST_DATABASE_URL, { schema: schema ?? (await freshSchema()) })
  stores.push(store)
  return store
}

async function projectWithEndpoint(store: Store, receiver: Receiver, project = 'p1') {
  await store.createProject({ id: project, name: 'Hooks' })
  const endpoint = await store.createWebhookEndpoint({
    id: `${project}-e1`,
    projectId: project,
    url: receiver.url,
    description: '',
    events: ['version.published'],
    active: true,
    secret: 'whsec_test',
    createdBy: 'u1',
  })
  return endpoint
}

const ping = (project: string, endpointId: string) =>
  outboxEvent(
    {
      id: newEventId(),
      type: 'ping',
      created_at: new Date().toISOString(),
      project_id: project,
      data: { endpoint_id: endpointId, message: 'hi' },
    },
    endpointId,
  )

const publishInput = (events: Parameters<Store['publishVersion']>[0]['events']) => ({
  projectId: 'p1',
  bump: 'major' as const,
  changelog: '',
  author: { id: 'u1', name: 'U' },
  snapshot: new Uint8Array([0, 0]),
  counts: { criteria: 1, examples: 1, openThreads: 0 },
  render: () => '{}',
  events,
})

for (const adapter of ['SQLite', 'PostgreSQL'] as const) {
  describe(`webhook outbox (${adapter})`, () => {
    it('writes the deliveries in the publishing transaction: both commit, or neither', async () => {
      const store = await openStore(adapter)
      const receiver = await startReceiver()
      const endpoint = await projectWithEndpoint(store, receiver)
      // The outbox cannot be written (a second event with the same id): the version is not published either.
      const broken = ping('p1', endpoint.id)
      await expect(
        store.publishVersion(publishInput(() => [{ ...broken, type: 'version.published' }, broken])),
      ).rejects.toThrow()
      expect(await store.listVersions('p1')).toHaveLength(0)
      expect(await store.listWebhookDeliveries('p1', endpoint.id, 10)).toHaveLength(0)

      const { publishEvents } = await import('../../server/webhooks/events')
      await store.publishVersion(publishInput(publishEvents))
      expect(await store.listVersions('p1')).toHaveLength(1)
      expect((await store.listWebhookDeliveries('p1', endpoint.id, 10)).map((d) => d.status)).toEqual([
        'pending',
      ])
    })

    it('retries a 500 with exponential back-off and jitter, then fails it after 24 h', async () => {
      const store = await openStore(adapter)
      const receiver = await startReceiver()
      receiver.answer = (response) => response.writeHead(500).end()
      const endpoint = await projectWithEndpoint(store, receiver)
      await store.enqueueWebhookEvents([ping('p1', endpoint.id)])
      let clock = Date.now()
      const worker = createWebhookWorker({
        store,
        policy: POLICY,
        timeoutMs: 2000,
        schedule: DEFAULT_RETRY_SCHEDULE,
        pollMs: 0,
        now: () => clock,
        random: () => 1,
      })
      const delivery = async () => (await store.listWebhookDeliveries('p1', endpoint.id, 1))[0]!
      expect(await worker.runOnce()).toBe(1)
      let row = await delivery()
      expect(row).toMatchObject({ status: 'retrying', attempts: 1, lastStatusCode: 500 })
      expect(Date.parse(row.nextAttemptAt!) - clock).toBeGreaterThanOrEqual(30_000)
      expect(Date.parse(row.nextAttemptAt!) - clock).toBeLessThan(32_000)
      // Not due yet: nothing is sent.
      clock += 29_000
      expect(await worker.runOnce()).toBe(0)
      const waits: number[] = []
      while ((await delivery()).status === 'retrying') {
        const before = await delivery()
        const wait = Date.parse(before.nextAttemptAt!) - clock
        waits.push(wait)
        clock = Date.parse(before.nextAttemptAt!)
        expect(await worker.runOnce()).toBe(1)
      }
      row = await delivery()
      expect(row.status).toBe('failed')
      expect(row.nextAttemptAt).toBeNull()
      expect(receiver.received).toHaveLength(row.attempts)
      // 30 s → 1 min → 2 min …, capped at 1 h, for 24 h.
      expect(waits[1]).toBeGreaterThan(55_000)
      expect(waits[2]).toBeGreaterThan(115_000)
      expect(Math.max(...waits)).toBeLessThanOrEqual(3_600_000 + 2_000)
      expect(clock - Date.parse(row.createdAt)).toBeGreaterThan(22 * 3_600_000)
      expect(clock - Date.parse(row.createdAt)).toBeLessThanOrEqual(24 * 3_600_000 + 5_000)
      await worker.stop()

      // History is pruned once over (30 days by the worker); a delivery still pending is kept with its event.
      await store.enqueueWebhookEvents([ping('p1', endpoint.id)])
      const future = new Date(Date.now() + 60_000).toISOString()
      expect(await store.pruneWebhookHistory(future)).toBe(1)
      expect((await store.listWebhookDeliveries('p1', endpoint.id, 10)).map((d) => d.status)).toEqual([
        'pending',
      ])
    })
  })
}

describe('several instances on one PostgreSQL database', () => {
  it('sends each delivery exactly once, and takes over a dead instance’s claim once its lease expires', async () => {
    const schema = await freshSchema()
    const a = await openStore('PostgreSQL', schema)
    const b = await openStore('PostgreSQL', schema)
    const receiver = await startReceiver()
    const endpoint = await projectWithEndpoint(a, receiver)
    const events = Array.from({ length: 40 }, () => ping('p1', endpoint.id))
    await a.enqueueWebhookEvents(events)
    const workerOf = (store: Store) =>
      createWebhookWorker({
        store,
        policy: POLICY,
        timeoutMs: 2000,
        schedule: DEFAULT_RETRY_SCHEDULE,
        pollMs: 0,
        batch: 3,
      })
    const [wa, wb, wc] = [workerOf(a), workerOf(b), workerOf(b)]
    const made = await Promise.all([wa.runOnce(), wb.runOnce(), wc.runOnce()])
    expect(made.reduce((x, y) => x + y, 0)).toBe(40)
    expect(made.filter((n) => n > 0).length).toBeGreaterThan(1)
    const ids = receiver.received.map((r) => JSON.parse(r.rawBody).id as string)
    expect(ids).toHaveLength(40)
    expect(new Set(ids)).toEqual(new Set(events.map((e) => e.id)))

    // An instance claims a delivery and dies: nobody else sends it until the lease runs out.
    await a.enqueueWebhookEvents([ping('p1', endpoint.id)])
    const now = Date.now()
    const claimed = await a.claimWebhookDeliveries(
      'dead',
      new Date(now).toISOString(),
      new Date(now + 60_000).toISOString(),
      5,
    )
    expect(claimed).toHaveLength(1)
    expect(await workerOf(b).runOnce()).toBe(0)
    const later = createWebhookWorker({
      store: b,
      policy: POLICY,
      timeoutMs: 2000,
      schedule: DEFAULT_RETRY_SCHEDULE,
      pollMs: 0,
      now: () => now + 61_000,
    })
    expect(await later.runOnce()).toBe(1)
    expect(receiver.received).toHaveLength(41)
    await Promise.all([wa.stop(), wb.stop(), wc.stop(), later.stop()])
  })
})
