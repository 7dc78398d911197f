/** Typed calls to a project's webhook endpoints (owners): list, add, pause/resume, delete, log, redeliver, test. */
import { z } from 'zod'
import { WebhookDeliveryView, WebhookEndpointView, type WebhookEventType } from '../../shared/schema/webhooks'
import { requestJson, requestVoid } from './http'

const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/webhooks`

export function listWebhooks(projectId: string, signal?: AbortSignal): Promise<WebhookEndpointView[]> {
  return requestJson(base(projectId), z.object({ endpoints: z.array(WebhookEndpointView) }), { signal }).then(
    (body) => body.endpoints,
  )
}

export function createWebhook(
  projectId: string,
  body: { url: string; description: string; events: WebhookEventType[] },
): Promise<WebhookEndpointView & { secret: string }> {
  return requestJson(base(projectId), WebhookEndpointView.extend({ secret: z.string() }), {
    method: 'POST',
    body,
  })
}

export function setWebhookActive(
  projectId: string,
  id: string,
  active: boolean,
): Promise<WebhookEndpointView> {
  return requestJson(`${base(projectId)}/${encodeURIComponent(id)}`, WebhookEndpointView, {
    method: 'PATCH',
    body: { active },
  })
}

export function deleteWebhook(projectId: string, id: string): Promise<void> {
  return requestVoid(`${base(projectId)}/${encodeURIComponent(id)}`, { method: 'DELETE' })
}

export function revealWebhookSecret(projectId: string, id: string): Promise<string> {
  return requestJson(
    `${base(projectId)}/${encodeURIComponent(id)}/secret`,
    z.object({ secret: z.string() }),
  ).then((body) => body.secret)
}

export function rotateWebhookSecret(projectId: string, id: string): Promise<string> {
  return requestJson(
    `${base(projectId)}/${encodeURIComponent(id)}/secret`,
    z.object({ secret: z.string() }),
    {
      method: 'POST',
      body: {},
    },
  ).then((body) => body.secret)
}

export function listDeliveries(
  projectId: string,
  id: string,
  signal?: AbortSignal,
): Promise<WebhookDeliveryView[]> {
  return requestJson(
    `${base(projectId)}/${encodeURIComponent(id)}/deliveries`,
    z.object({ deliveries: z.array(WebhookDeliveryView) }),
    { signal },
  ).then((body) => body.deliveries)
}

export async function redeliver(projectId: string, id: string, deliveryId: string): Promise<void> {
  await requestJson(
    `${base(projectId)}/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
    WebhookDeliveryView,
    { method: 'POST', body: {} },
  )
}

export async function sendTestEvent(projectId: string, id: string): Promise<void> {
  await requestJson(`${base(projectId)}/${encodeURIComponent(id)}/test`, z.object({ eventId: z.string() }), {
    method: 'POST',
    body: {},
  })
}
