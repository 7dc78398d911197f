/**
 * Webhook endpoints of a project (owners only, as their secrets sign what receivers trust): create (the
 * secret is in that answer), list, change, pause, delete, reveal and rotate the secret; each endpoint's
 * delivery log, "Redeliver" and "Send test event". URLs are checked against the SSRF policy here and again
 * on every delivery (server/webhooks/addressPolicy.ts).
 */
import { Hono } from 'hono'
import {
  CreateWebhookBody,
  UpdateWebhookBody,
  type WebhookDeliveryView,
  type WebhookEndpointView,
} from '../../shared/schema/webhooks'
import { authorize } from '../auth/access'
import { newId } from '../auth/tokens'
import type { WebhookDeliveryRecord, WebhookEndpointRecord } from '../storage/store'
import { endpointUrlRefusal } from '../webhooks/addressPolicy'
import { newEventId, outboxEvent } from '../webhooks/events'
import { newWebhookSecret } from '../webhooks/signature'
import type { AppEnv, RouteDeps } from './env'
import { ApiFailure, methodNotAllowed, notFound, readJson } from './errors'

const DELIVERY_LOG_LIMIT = 50

const endpointView = (e: WebhookEndpointRecord): WebhookEndpointView => ({
  id: e.id,
  url: e.url,
  description: e.description,
  events: e.events,
  active: e.active,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
})

const deliveryView = (d: WebhookDeliveryRecord): WebhookDeliveryView => ({
  id: d.id,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  nextAttemptAt: d.status === 'pending' || d.status === 'retrying' ? d.nextAttemptAt : null,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
})

export function webhookRoutes({ store, webhooks }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  const checkUrl = async (url: string) => {
    const refusal = await endpointUrlRefusal(url, webhooks.policy)
    if (refusal) throw new ApiFailure(400, 'webhook_url_refused', refusal)
  }
  const endpointOf = async (projectId: string, id: string) => {
    const endpoint = await store.getWebhookEndpoint(projectId, id)
    if (!endpoint) throw notFound('webhook endpoint')
    return endpoint
  }
  const audit = (projectId: string, actorId: string, action: string, details: Record<string, unknown>) =>
    store.appendAudit({ projectId, actorId, action, details })

  app.get('/:id/webhooks', async (c) => {
    const projectId = c.req.param('id')
    await authorize(c, store, projectId, 'webhooks.manage')
    return c.json({ endpoints: (await store.listWebhookEndpoints(projectId)).map(endpointView) })
  })

  app.post('/:id/webhooks', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'webhooks.manage')
    const body = await readJson(c, CreateWebhookBody)
    await checkUrl(body.url)
    const endpoint = await store.createWebhookEndpoint({
      id: newId(),
      projectId,
      url: body.url,
      description: body.description,
      events: body.events,
      active: body.active,
      secret: newWebhookSecret(),
      createdBy: auth.user.id,
    })
    await audit(projectId, auth.user.id, 'webhook.created', { endpointId: endpoint.id, url: endpoint.url })
    return c.json({ ...endpointView(endpoint), secret: endpoint.secret }, 201)
  })

  app.patch('/:id/webhooks/:endpointId', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'webhooks.manage')
    const body = await readJson(c, UpdateWebhookBody)
    if (body.url !== undefined) await checkUrl(body.url)
    const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined))
    const updated = await store.updateWebhookEndpoint(projectId, c.req.param('endpointId'), changes)
    if (!updated) throw notFound('webhook endpoint')
    await audit(projectId, auth.user.id, 'webhook.changed', { endpointId: updated.id, changes })
    if (updated.active) webhooks.nudge()
    return c.json(endpointView(updated))
  })

  app.delete('/:id/webhooks/:endpointId', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'webhooks.manage')
    if (!(await store.deleteWebhookEndpoint(projectId, c.req.param('endpointId'))))
      throw notFound('webhook endpoint')
    await audit(projectId, auth.user.id, 'webhook.deleted', { endpointId: c.req.param('endpointId') })
    return c.body(null, 204)
  })

  app.get('/:id/webhooks/:endpointId/secret', async (c) => {
    const projectId = c.req.param('id')
    await authorize(c, store, projectId, 'webhooks.manage')
    const endpoint = await endpointOf(projectId, c.req.param('endpointId'))
    c.header('Cache-Control', 'no-store')
    return c.json({ secret: endpoint.secret })
  })

  app.post('/:id/webhooks/:endpointId/secret', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'webhooks.manage')
    await endpointOf(projectId, c.req.param('endpointId'))
    const secret = newWebhookSecret()
    await store.updateWebhookEndpoint(projectId, c.req.param('endpointId'), { secret })
    await audit(projectId, auth.user.id, 'webhook.secret_rotated', { endpointId: c.req.param('endpointId') })
    c.header('Cache-Control', 'no-store')
    return c.json({ secret })
  })

  app.get('/:id/webhooks/:endpointId/deliveries', async (c) => {
    const projectId = c.req.param('id')
    await authorize(c, store, projectId, 'webhooks.manage')
    const endpoint = await endpointOf(projectId, c.req.param('endpointId'))
    const deliveries = await store.listWebhookDeliveries(projectId, endpoint.id, DELIVERY_LOG_LIMIT)
    return c.json({ deliveries: deliveries.map(deliveryView) })
  })

  app.post('/:id/webhooks/:endpointId/deliveries/:deliveryId/redeliver', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'webhooks.manage')
    const endpoint = await endpointOf(projectId, c.req.param('endpointId'))
    const deliveryId = c.req.param('deliveryId')
    const delivery = await store.redeliverWebhook(
      projectId,
      endpoint.id,
      deliveryId,
      new Date().toISOString(),
    )
    if (!delivery) throw notFound('delivery')
    await audit(projectId, auth.user.id, 'webhook.redelivered', { endpointId: endpoint.id, deliveryId })
    webhooks.nudge()
    return c.json(deliveryView(delivery), 202)
  })

  app.post('/:id/webhooks/:endpointId/test', async (c) => {
    const projectId = c.req.param('id')
    await authorize(c, store, projectId, 'webhooks.manage')
    const endpoint = await endpointOf(projectId, c.req.param('endpointId'))
    if (!endpoint.active)
      throw new ApiFailure(409, 'webhook_paused', 'resume the endpoint to send it a test event')
    const event = outboxEvent(
      {
        id: newEventId(),
        type: 'ping',
        created_at: new Date().toISOString(),
        project_id: projectId,
        data: { endpoint_id: endpoint.id, message: 'A test event from Yardstick.' },
      },
      endpoint.id,
    )
    await store.enqueueWebhookEvents([event])
    webhooks.nudge()
    return c.json({ eventId: event.id }, 202)
  })

  app.all('/:id/webhooks', methodNotAllowed(['GET', 'POST']))
  app.all('/:id/webhooks/:endpointId', methodNotAllowed(['PATCH', 'DELETE']))
  app.all('/:id/webhooks/:endpointId/secret', methodNotAllowed(['GET', 'POST']))
  app.all('/:id/webhooks/:endpointId/deliveries', methodNotAllowed(['GET']))
  app.all('/:id/webhooks/:endpointId/deliveries/:deliveryId/redeliver', methodNotAllowed(['POST']))
  app.all('/:id/webhooks/:endpointId/test', methodNotAllowed(['POST']))
  return app
}
