/**
 * Webhooks: the events a project's endpoints can receive (their payloads, never gold), the signature headers,
 * and the API bodies and views for configuring endpoints and reading their delivery log.
 */
import { z } from 'zod'

export const WEBHOOK_EVENT_TYPES = [
  'version.published',
  'calibration.submitted',
  'annotator.status_changed',
] as const
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]
/** Sent only by "Send test event", to the one endpoint it was asked for. */
export const WEBHOOK_TEST_EVENT = 'ping' as const

export const WEBHOOK_HEADERS = {
  signature: 'Yardstick-Signature',
  event: 'Yardstick-Event',
  eventId: 'Yardstick-Event-Id',
  delivery: 'Yardstick-Delivery',
} as const

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z
    .object({
      /** The same for every delivery and redelivery of the event: receivers dedupe on it. */
      id: z.string(),
      type: z.literal(type),
      created_at: z.string(),
      project_id: z.string(),
      data,
    })
    .strict()

export const VersionPublishedEvent = envelope(
  'version.published',
  z
    .object({
      version: z.string(),
      bump: z.enum(['major', 'minor', 'patch']),
      changelog: z.string(),
      published_at: z.string(),
      published_by: z.object({ id: z.string(), name: z.string() }).strict(),
      criteria: z.number().int(),
      examples: z.number().int(),
      /** The version's JSON (annotator view for tokens without gold), relative to the server's base URL. */
      json_path: z.string(),
    })
    .strict(),
)

export const CalibrationSubmittedEvent = envelope(
  'calibration.submitted',
  z
    .object({
      attempt_id: z.string(),
      user_id: z.string(),
      version: z.string(),
      score: z.number(),
      passed: z.boolean(),
      /** False when the annotator could read gold before answering (their pass does not count). */
      blind: z.boolean(),
      submitted_at: z.string(),
    })
    .strict(),
)

export const ANNOTATOR_WEBHOOK_STATUSES = ['passed', 'failed', 'stale'] as const

export const AnnotatorStatusChangedEvent = envelope(
  'annotator.status_changed',
  z
    .object({
      user_id: z.string(),
      status: z.enum(ANNOTATOR_WEBHOOK_STATUSES),
      previous_status: z.string(),
      /** The version the status is about (the attempt's, or for `stale` the one passed before). */
      version: z.string().nullable(),
      latest_version: z.string(),
      reason: z.enum(['attempt_submitted', 'major_version_published']),
    })
    .strict(),
)

export const PingEvent = envelope(
  WEBHOOK_TEST_EVENT,
  z.object({ endpoint_id: z.string(), message: z.string() }).strict(),
)

export const WebhookEvent = z.discriminatedUnion('type', [
  VersionPublishedEvent,
  CalibrationSubmittedEvent,
  AnnotatorStatusChangedEvent,
  PingEvent,
])
export type WebhookEvent = z.infer<typeof WebhookEvent>

const endpointUrl = z.string().trim().min(1, 'url is required').max(2000)
const eventList = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1, 'choose at least one event')
  .transform((events) => [...new Set(events)])

export const CreateWebhookBody = z
  .object({
    url: endpointUrl,
    description: z.string().trim().max(200).default(''),
    events: eventList,
    active: z.boolean().default(true),
  })
  .strict()

export const UpdateWebhookBody = z
  .object({
    url: endpointUrl.optional(),
    description: z.string().trim().max(200).optional(),
    events: eventList.optional(),
    active: z.boolean().optional(),
  })
  .strict()

export const WebhookEndpointView = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type WebhookEndpointView = z.infer<typeof WebhookEndpointView>

export const DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'failed'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

export const WebhookDeliveryView = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type WebhookDeliveryView = z.infer<typeof WebhookDeliveryView>

/** Answers of the webhook routes (server/http/webhooks.ts). */
export const WebhookEndpointList = z.object({ endpoints: z.array(WebhookEndpointView) })
/** The answer to adding an endpoint: the only one, with reveal and rotate, that carries the secret. */
export const CreatedWebhookEndpoint = WebhookEndpointView.extend({ secret: z.string() })
export const WebhookSecret = z.object({ secret: z.string() })
export const WebhookDeliveryList = z.object({ deliveries: z.array(WebhookDeliveryView) })
export const TestEventQueued = z.object({ eventId: z.string() })
