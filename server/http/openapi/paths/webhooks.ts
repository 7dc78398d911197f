/** OpenAPI declarations of a project's webhook endpoints, their secrets and delivery log (server/http/webhooks.ts). */
import {
  CreatedWebhookEndpoint,
  CreateWebhookBody,
  TestEventQueued,
  UpdateWebhookBody,
  WebhookDeliveryList,
  WebhookDeliveryView,
  WebhookEndpointList,
  WebhookEndpointView,
  WebhookSecret,
} from '../../../../shared/schema/webhooks'
import type { Operation } from '../operation'

const OWNERS = 'Only owners manage webhooks (`forbidden`), or a cross-site request'
const NOT_MEMBER = 'No such project, or the caller is not a member of it (`not_found`)'
const NO_ENDPOINT = 'No such project or webhook endpoint (`not_found`)'
const base = '/api/projects/{id}/webhooks'
const one = `${base}/{endpointId}`

export const webhookOperations: Operation[] = [
  {
    method: 'get',
    path: base,
    tag: 'webhooks',
    summary: 'The project’s webhook endpoints (owners; without their secrets)',
    auth: 'session',
    responses: { 200: WebhookEndpointList },
    errors: { 403: OWNERS, 404: NOT_MEMBER },
  },
  {
    method: 'post',
    path: base,
    tag: 'webhooks',
    summary: 'Add an HTTPS endpoint for chosen events; the answer carries its signing secret',
    description:
      'The URL must be `https://` and resolve to public addresses only (docs/webhooks.md, SSRF); a refused one answers 400 `webhook_url_refused` with the reason.',
    auth: 'session',
    body: CreateWebhookBody,
    responses: { 201: CreatedWebhookEndpoint },
    errors: { 403: OWNERS, 404: NOT_MEMBER },
  },
  {
    method: 'patch',
    path: one,
    tag: 'webhooks',
    summary: 'Change an endpoint’s URL, description, events, or pause and resume it',
    auth: 'session',
    body: UpdateWebhookBody,
    responses: { 200: WebhookEndpointView },
    errors: { 403: OWNERS, 404: NO_ENDPOINT },
  },
  {
    method: 'delete',
    path: one,
    tag: 'webhooks',
    summary: 'Delete an endpoint and its delivery log',
    auth: 'session',
    responses: { 204: null },
    errors: { 403: OWNERS, 404: NO_ENDPOINT },
  },
  {
    method: 'get',
    path: `${one}/secret`,
    tag: 'webhooks',
    summary: 'Reveal the endpoint’s signing secret',
    auth: 'session',
    responses: { 200: WebhookSecret },
    errors: { 403: OWNERS, 404: NO_ENDPOINT },
  },
  {
    method: 'post',
    path: `${one}/secret`,
    tag: 'webhooks',
    summary: 'Rotate the signing secret (the old one stops signing at once)',
    auth: 'session',
    responses: { 200: WebhookSecret },
    errors: { 403: OWNERS, 404: NO_ENDPOINT },
  },
  {
    method: 'get',
    path: `${one}/deliveries`,
    tag: 'webhooks',
    summary: 'The endpoint’s last 50 deliveries: status, attempts, last response code, next attempt',
    auth: 'session',
    responses: { 200: WebhookDeliveryList },
    errors: { 403: OWNERS, 404: NO_ENDPOINT },
  },
  {
    method: 'post',
    path: `${one}/deliveries/{deliveryId}/redeliver`,
    tag: 'webhooks',
    summary: 'Queue the delivery’s event again to this endpoint (same event id, new delivery)',
    auth: 'session',
    responses: { 202: WebhookDeliveryView },
    errors: { 403: OWNERS, 404: 'No such project, endpoint or delivery (`not_found`)' },
  },
  {
    method: 'post',
    path: `${one}/test`,
    tag: 'webhooks',
    summary: 'Queue a `ping` event to this endpoint',
    auth: 'session',
    responses: { 202: TestEventQueued },
    errors: { 403: OWNERS, 404: NO_ENDPOINT, 409: 'The endpoint is paused (`webhook_paused`)' },
  },
]
