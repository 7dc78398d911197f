/**
 * Builds the webhook events of publishing a version and submitting an attempt (the payloads of
 * shared/schema/webhooks.ts, never gold), for the store to write to the outbox inside the event's own
 * transaction. Status changes are read off the calibration status rule, before and after the event.
 */
import { randomUUID } from 'node:crypto'
import { type AttemptFacts, calibrationStatus } from '../../shared/rubric/calibrationStatus'
import type { CalibrationStatus } from '../../shared/schema/calibration'
import {
  ANNOTATOR_WEBHOOK_STATUSES,
  type WebhookEvent,
  WebhookEvent as WebhookEventSchema,
} from '../../shared/schema/webhooks'
import type { AttemptRecord, NewWebhookEvent, VersionRecord } from '../storage/store'

export const newEventId = () => `evt_${randomUUID().replaceAll('-', '')}`

/** Validates the payload against its schema (a bug here must not reach a receiver) and wraps it. */
export function outboxEvent(event: WebhookEvent, onlyEndpointId?: string): NewWebhookEvent {
  const checked = WebhookEventSchema.parse(event)
  return {
    id: checked.id,
    projectId: checked.project_id,
    type: checked.type,
    createdAt: checked.created_at,
    payload: JSON.stringify(checked),
    ...(onlyEndpointId ? { onlyEndpointId } : {}),
  }
}

const factsOf = (a: AttemptRecord): AttemptFacts => ({
  version: a.version,
  status: a.status,
  passed: a.passed,
  score: a.score,
  at: a.submittedAt ?? a.startedAt,
  blind: a.result ? a.result.blind !== false : null,
  seenBefore: a.result?.seenBefore ?? 0,
})

const isWebhookStatus = (s: CalibrationStatus): s is (typeof ANNOTATOR_WEBHOOK_STATUSES)[number] =>
  (ANNOTATOR_WEBHOOK_STATUSES as readonly string[]).includes(s)

/** `version.published`, plus `annotator.status_changed` (stale) for everyone a major version un-passes. */
export function publishEvents(
  published: VersionRecord,
  attempts: AttemptRecord[],
  previousVersion: string | null,
): NewWebhookEvent[] {
  const at = published.createdAt
  const events: NewWebhookEvent[] = [
    outboxEvent({
      id: newEventId(),
      type: 'version.published',
      created_at: at,
      project_id: published.projectId,
      data: {
        version: published.version,
        bump: published.bump,
        changelog: published.changelog,
        published_at: at,
        published_by: { id: published.authorId, name: published.authorName },
        criteria: published.criteria,
        examples: published.examples,
        json_path: `/api/projects/${encodeURIComponent(published.projectId)}/versions/${published.version}`,
      },
    }),
  ]
  const byUser = new Map<string, AttemptRecord[]>()
  for (const attempt of attempts) {
    if (attempt.version === published.version) continue
    byUser.set(attempt.userId, [...(byUser.get(attempt.userId) ?? []), attempt])
  }
  for (const [userId, own] of byUser) {
    const facts = own.map(factsOf)
    const before = calibrationStatus(facts, previousVersion)
    const after = calibrationStatus(facts, published.version)
    if (after.status !== 'stale' || before.status === 'stale') continue
    events.push(
      outboxEvent({
        id: newEventId(),
        type: 'annotator.status_changed',
        created_at: at,
        project_id: published.projectId,
        data: {
          user_id: userId,
          status: 'stale',
          previous_status: before.status,
          version: after.version,
          latest_version: published.version,
          reason: 'major_version_published',
        },
      }),
    )
  }
  return events
}

/** `calibration.submitted`, plus `annotator.status_changed` when the submission changed the status. */
export function submitEvents(
  attemptId: string,
  attempts: AttemptRecord[],
  latestVersion: string | null,
): NewWebhookEvent[] {
  const submitted = attempts.find((a) => a.id === attemptId)
  if (submitted?.status !== 'submitted' || !latestVersion) return []
  const at = submitted.submittedAt ?? new Date().toISOString()
  const blind = submitted.result ? submitted.result.blind !== false : true
  const events = [
    outboxEvent({
      id: newEventId(),
      type: 'calibration.submitted',
      created_at: at,
      project_id: submitted.projectId,
      data: {
        attempt_id: submitted.id,
        user_id: submitted.userId,
        version: submitted.version,
        score: submitted.score ?? 0,
        passed: submitted.passed === true,
        blind,
        submitted_at: at,
      },
    }),
  ]
  const facts = attempts.map(factsOf)
  const beforeFacts = attempts.map((a) =>
    a.id === attemptId
      ? { ...factsOf(a), status: 'in_progress' as const, passed: null, score: null }
      : factsOf(a),
  )
  const before = calibrationStatus(beforeFacts, latestVersion)
  const after = calibrationStatus(facts, latestVersion)
  if (after.status !== before.status && isWebhookStatus(after.status)) {
    events.push(
      outboxEvent({
        id: newEventId(),
        type: 'annotator.status_changed',
        created_at: at,
        project_id: submitted.projectId,
        data: {
          user_id: submitted.userId,
          status: after.status,
          previous_status: before.status,
          version: after.version,
          latest_version: latestVersion,
          reason: 'attempt_submitted',
        },
      }),
    )
  }
  return events
}
