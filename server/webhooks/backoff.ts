/**
 * When to try a failed delivery again: exponential back-off (30 s, 1 min, 2 min, … capped at 1 h) with jitter
 * (each wait is drawn between half and all of its step), until 24 h after the delivery was queued; after
 * that the delivery is failed (an owner can still redeliver it).
 */
export interface RetrySchedule {
  firstDelayMs: number
  maxDelayMs: number
  /** How long after the delivery was queued retries stop. */
  retryForMs: number
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  firstDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  retryForMs: 24 * 60 * 60_000,
}

/** The next attempt's time after `attempts` failed attempts, or null when retries are over. */
export function nextAttemptAt(
  schedule: RetrySchedule,
  attempts: number,
  queuedAt: number,
  now: number,
  random: () => number = Math.random,
): number | null {
  const step = Math.min(schedule.maxDelayMs, schedule.firstDelayMs * 2 ** Math.max(0, attempts - 1))
  const next = now + Math.round(step * (0.5 + random() * 0.5))
  return next > queuedAt + schedule.retryForMs ? null : next
}
