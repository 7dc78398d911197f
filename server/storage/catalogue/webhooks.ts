/**
 * Webhooks, written once for both databases: endpoints, the outbox (events and one delivery per subscribed
 * endpoint, enqueued inside the transaction of the event itself by `enqueueEvents`), and the delivery log.
 * A due delivery is claimed by one instance through a lease; PostgreSQL skips rows another instance holds.
 */
import { randomUUID } from 'node:crypto'
import type { WebhookEventType } from '../../../shared/schema/webhooks'
import { all, type Db, get, type Query, run, sql } from '../sql'
import type {
  ClaimedDelivery,
  NewWebhookEvent,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
  WebhookStore,
} from '../store'

interface EndpointRow {
  id: string
  project_id: string
  url: string
  description: string
  events: string
  active: number | boolean
  secret: string
  created_by: string
  created_at: string
  updated_at: string
}

interface DeliveryRow {
  id: string
  event_id: string
  event_type: string
  endpoint_id: string
  status: WebhookDeliveryRecord['status']
  attempts: number | string
  next_attempt_at: string | null
  last_status_code: number | string | null
  last_error: string | null
  created_at: string
  updated_at: string
}

type ClaimedRow = DeliveryRow & { project_id: string; url: string; secret: string; payload: string }

const toEndpoint = (r: EndpointRow): WebhookEndpointRecord => ({
  id: r.id,
  projectId: r.project_id,
  url: r.url,
  description: r.description,
  events: JSON.parse(r.events) as WebhookEventType[],
  active: Boolean(Number(r.active)),
  secret: r.secret,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const toDelivery = (r: DeliveryRow): WebhookDeliveryRecord => ({
  id: r.id,
  eventId: r.event_id,
  eventType: r.event_type,
  endpointId: r.endpoint_id,
  status: r.status,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  lastStatusCode: r.last_status_code === null ? null : Number(r.last_status_code),
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const INSERT_ENDPOINT = sql(
  `INSERT INTO webhook_endpoints (id, project_id, url, description, events, active, secret, created_by, created_at, updated_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
)
const ENDPOINTS = sql('SELECT * FROM webhook_endpoints WHERE project_id = ? ORDER BY created_at, id')
const ENDPOINT = sql('SELECT * FROM webhook_endpoints WHERE project_id = ? AND id = ?')
const UPDATE_ENDPOINT = sql(
  `UPDATE webhook_endpoints SET url = ?, description = ?, events = ?, active = ?, secret = ?, updated_at = ?
   WHERE project_id = ? AND id = ? RETURNING *`,
)
const DELETE_ENDPOINT = sql('DELETE FROM webhook_endpoints WHERE project_id = ? AND id = ?')
const ACTIVE_ENDPOINTS = sql(
  'SELECT id, events FROM webhook_endpoints WHERE project_id = ? AND active = 1 ORDER BY created_at, id',
)
const INSERT_EVENT = sql(
  'INSERT INTO webhook_events (id, project_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?)',
)
const INSERT_DELIVERY = sql(
  `INSERT INTO webhook_deliveries (id, event_id, endpoint_id, status, attempts, next_attempt_at, created_at, updated_at)
   VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)`,
)
const DELIVERY_COLUMNS = `d.id, d.event_id, e.type AS event_type, d.endpoint_id, d.status, d.attempts,
  d.next_attempt_at, d.last_status_code, d.last_error, d.created_at, d.updated_at`
const DELIVERY_OF_PROJECT = sql(
  `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
   WHERE d.id = ? AND e.project_id = ?`,
)
const DELIVERY_OF_ENDPOINT = sql(
  `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
   WHERE d.id = ? AND e.project_id = ? AND d.endpoint_id = ?`,
)
const DELIVERIES_OF_ENDPOINT = sql(
  `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
   WHERE e.project_id = ? AND d.endpoint_id = ? ORDER BY d.created_at DESC, d.id DESC LIMIT ?`,
)
const DUE = `SELECT d.id FROM webhook_deliveries d
   WHERE d.status IN ('pending', 'retrying') AND d.next_attempt_at <= ?
     AND (d.lease_until IS NULL OR d.lease_until < ?)
     AND d.endpoint_id IN (SELECT id FROM webhook_endpoints WHERE active = 1)
   ORDER BY d.next_attempt_at, d.id LIMIT ?`
const CLAIM_TEXT = `UPDATE webhook_deliveries SET lease_owner = ?, lease_until = ? WHERE id IN (${DUE}) RETURNING id`
const CLAIM = sql(CLAIM_TEXT, {
  postgres: CLAIM_TEXT.replace('LIMIT ?)', 'LIMIT ? FOR UPDATE OF d SKIP LOCKED)'),
})
const CLAIMED = sql(
  `SELECT ${DELIVERY_COLUMNS}, e.project_id, e.payload, w.url, w.secret
   FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
   JOIN webhook_endpoints w ON w.id = d.endpoint_id WHERE d.id = ?`,
)
const RECORD_OUTCOME = sql(
  `UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = ?,
     last_status_code = ?, last_error = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?
   WHERE id = ? AND lease_owner = ?`,
)
const PRUNE = sql(
  `DELETE FROM webhook_events WHERE created_at < ? AND NOT EXISTS (
     SELECT 1 FROM webhook_deliveries d
     WHERE d.event_id = webhook_events.id AND d.status IN ('pending', 'retrying')
   )`,
)
const INSERT_ATTEMPT = sql(
  'INSERT INTO webhook_attempts (delivery_id, at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?)',
)

/**
 * Writes events and one pending delivery per active endpoint subscribed to each (or only the named one), as
 * part of the caller's transaction: the outbox. An event no endpoint receives is not stored. Returns how
 * many deliveries it queued.
 */
export function* enqueueEvents(events: readonly NewWebhookEvent[]): Query<number> {
  let queued = 0
  const endpointsOf = new Map<string, { id: string; events: string }[]>()
  for (const event of events) {
    let endpoints = endpointsOf.get(event.projectId)
    if (!endpoints) {
      endpoints = yield* all<{ id: string; events: string }>(ACTIVE_ENDPOINTS, [event.projectId])
      endpointsOf.set(event.projectId, endpoints)
    }
    const targets = event.onlyEndpointId
      ? endpoints.filter((e) => e.id === event.onlyEndpointId)
      : endpoints.filter((e) => (JSON.parse(e.events) as string[]).includes(event.type))
    if (targets.length === 0) continue
    yield* run(INSERT_EVENT, [event.id, event.projectId, event.type, event.payload, event.createdAt])
    for (const endpoint of targets) {
      yield* run(INSERT_DELIVERY, [
        randomUUID(),
        event.id,
        endpoint.id,
        event.createdAt,
        event.createdAt,
        event.createdAt,
      ])
      queued++
    }
  }
  return queued
}

export function webhookStore(db: Db): WebhookStore {
  return {
    async createWebhookEndpoint(e) {
      const at = new Date().toISOString()
      const row = await db.run(
        get<EndpointRow>(INSERT_ENDPOINT, [
          e.id,
          e.projectId,
          e.url,
          e.description,
          JSON.stringify(e.events),
          e.active ? 1 : 0,
          e.secret,
          e.createdBy,
          at,
          at,
        ]),
      )
      return toEndpoint(row!)
    },
    async listWebhookEndpoints(projectId) {
      return (await db.run(all<EndpointRow>(ENDPOINTS, [projectId]))).map(toEndpoint)
    },
    async getWebhookEndpoint(projectId, id) {
      const row = await db.run(get<EndpointRow>(ENDPOINT, [projectId, id]))
      return row ? toEndpoint(row) : null
    },
    updateWebhookEndpoint: (projectId, id, changes) =>
      db.write(function* () {
        const row = yield* get<EndpointRow>(ENDPOINT, [projectId, id])
        if (!row) return null
        const current = toEndpoint(row)
        const next = { ...current, ...changes }
        const updated = yield* get<EndpointRow>(UPDATE_ENDPOINT, [
          next.url,
          next.description,
          JSON.stringify(next.events),
          next.active ? 1 : 0,
          next.secret,
          new Date().toISOString(),
          projectId,
          id,
        ])
        return toEndpoint(updated!)
      }),
    async deleteWebhookEndpoint(projectId, id) {
      return (await db.run(run(DELETE_ENDPOINT, [projectId, id]))) > 0
    },
    enqueueWebhookEvents: (events) => db.write(() => enqueueEvents(events)),
    redeliverWebhook: (projectId, endpointId, deliveryId, at) =>
      db.write(function* () {
        const original = yield* get<DeliveryRow>(DELIVERY_OF_ENDPOINT, [deliveryId, projectId, endpointId])
        if (!original) return null
        const id = randomUUID()
        yield* run(INSERT_DELIVERY, [id, original.event_id, original.endpoint_id, at, at, at])
        const row = yield* get<DeliveryRow>(DELIVERY_OF_PROJECT, [id, projectId])
        return toDelivery(row!)
      }),
    async listWebhookDeliveries(projectId, endpointId, limit) {
      return (await db.run(all<DeliveryRow>(DELIVERIES_OF_ENDPOINT, [projectId, endpointId, limit]))).map(
        toDelivery,
      )
    },
    claimWebhookDeliveries: (owner, now, leaseUntil, limit) =>
      db.write(function* () {
        const ids = yield* all<{ id: string }>(CLAIM, [owner, leaseUntil, now, now, limit])
        const claimed: ClaimedDelivery[] = []
        for (const { id } of ids) {
          const row = yield* get<ClaimedRow>(CLAIMED, [id])
          if (!row) continue
          claimed.push({
            ...toDelivery(row),
            projectId: row.project_id,
            url: row.url,
            secret: row.secret,
            payload: row.payload,
          })
        }
        return claimed
      }),
    async pruneWebhookHistory(before) {
      return db.run(run(PRUNE, [before]))
    },
    recordWebhookAttempt: (o) =>
      db.write(function* () {
        const changed = yield* run(RECORD_OUTCOME, [
          o.status,
          o.nextAttemptAt,
          o.statusCode,
          o.error,
          o.at,
          o.deliveryId,
          o.leaseOwner,
        ])
        if (changed === 0) return false
        yield* run(INSERT_ATTEMPT, [o.deliveryId, o.at, o.statusCode, o.error, o.durationMs])
        return true
      }),
  }
}
