/**
 * The delivery worker: claims due deliveries from the outbox (each by one instance, through a lease), sends
 * them, and records each attempt — delivered, retrying at the next back-off time, or failed once retries are
 * over. It runs in the background: polled every `pollMs`, and nudged right after an event commits, so an
 * event's own request never waits for a delivery.
 */
import { randomUUID } from 'node:crypto'
import { log } from '../log'
import type { ClaimedDelivery, Store } from '../storage/store'
import type { AddressPolicy, Resolver } from './addressPolicy'
import { nextAttemptAt, type RetrySchedule } from './backoff'
import { deliverOnce } from './deliver'

export interface WebhookWorkerOptions {
  store: Store
  policy: AddressPolicy
  timeoutMs: number
  schedule: RetrySchedule
  /** How often to look for due deliveries (0: only when nudged or run by hand, e.g. in tests). */
  pollMs: number
  /** Deliveries claimed at a time. */
  batch?: number
  now?: () => number
  resolve?: Resolver
  random?: () => number
}

/** Finished deliveries (and their events and attempt logs) are kept this long for the delivery log. */
export const WEBHOOK_HISTORY_MS = 30 * 24 * 60 * 60_000
const PRUNE_EVERY_MS = 60 * 60_000

export interface WebhookWorker {
  /** Looks for due deliveries soon (after an event committed). */
  nudge(): void
  /** Claims and sends what is due now; resolves with how many attempts it made. */
  runOnce(): Promise<number>
  stop(): Promise<void>
}

export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const owner = `worker-${randomUUID()}`
  const now = options.now ?? Date.now
  const batch = options.batch ?? 20
  // A lease outlives the longest attempt, so another instance takes a delivery over only from a dead one.
  const leaseMs = options.timeoutMs * 3 + 5_000
  let running: Promise<number> | null = null
  let again = false
  let stopped = false

  async function attempt(delivery: ClaimedDelivery): Promise<void> {
    const started = now()
    const result = await deliverOnce(
      {
        url: delivery.url,
        secret: delivery.secret,
        body: delivery.payload,
        eventId: delivery.eventId,
        eventType: delivery.eventType,
        deliveryId: delivery.id,
        timestamp: Math.floor(started / 1000),
      },
      {
        policy: options.policy,
        timeoutMs: options.timeoutMs,
        userAgent: 'Yardstick-Webhooks/1',
        ...(options.resolve ? { resolve: options.resolve } : {}),
      },
    )
    const finished = now()
    const next = result.ok
      ? null
      : nextAttemptAt(
          options.schedule,
          delivery.attempts + 1,
          Date.parse(delivery.createdAt),
          finished,
          options.random,
        )
    const status = result.ok ? 'delivered' : next === null ? 'failed' : 'retrying'
    if (!result.ok)
      log.warn('webhook delivery failed', { deliveryId: delivery.id, status, error: result.error })
    await options.store.recordWebhookAttempt({
      deliveryId: delivery.id,
      leaseOwner: owner,
      status,
      nextAttemptAt: next === null ? null : new Date(next).toISOString(),
      statusCode: result.statusCode,
      error: result.error,
      at: new Date(finished).toISOString(),
      durationMs: Math.max(0, finished - started),
    })
  }

  let prunedAt = 0
  async function prune(at: number): Promise<void> {
    if (at - prunedAt < PRUNE_EVERY_MS) return
    prunedAt = at
    const deleted = await options.store.pruneWebhookHistory(new Date(at - WEBHOOK_HISTORY_MS).toISOString())
    if (deleted > 0) log.info('pruned old webhook events', { deleted })
  }

  async function drain(): Promise<number> {
    await prune(now())
    let made = 0
    do {
      again = false
      const at = now()
      const claimed = await options.store.claimWebhookDeliveries(
        owner,
        new Date(at).toISOString(),
        new Date(at + leaseMs).toISOString(),
        batch,
      )
      await Promise.all(claimed.map(attempt))
      made += claimed.length
      if (claimed.length === batch) again = true
    } while (again && !stopped)
    return made
  }

  const runOnce = (): Promise<number> => {
    if (running) {
      again = true
      return running
    }
    running = drain().finally(() => {
      running = null
    })
    return running
  }

  const tick = () => {
    if (stopped) return
    runOnce().catch((error) => log.error('webhook worker failed', { error }))
  }
  const timer = options.pollMs > 0 ? setInterval(tick, options.pollMs) : null
  timer?.unref()

  return {
    nudge: () => setImmediate(tick),
    runOnce,
    async stop() {
      stopped = true
      if (timer) clearInterval(timer)
      await running?.catch(() => {})
    },
  }
}
