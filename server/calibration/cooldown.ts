/**
 * The retake cool-down: after a failed submission on any version of the project, the annotator waits the
 * project's cool-down before starting another attempt (so feedback cannot be turned straight into a retake).
 */
import type { AttemptRecord } from '../storage/store'

/** When the next attempt may start (ISO time), or null when it may start now. */
export function retakeBlockedUntil(
  attempts: AttemptRecord[],
  cooldownMinutes: number,
  now: number,
): string | null {
  const lastFailed = attempts
    .filter((a) => a.status === 'submitted' && a.passed === false && a.submittedAt)
    .sort((a, b) => b.submittedAt!.localeCompare(a.submittedAt!))[0]
  if (!lastFailed) return null
  const until = Date.parse(lastFailed.submittedAt!) + cooldownMinutes * 60_000
  return until > now ? new Date(until).toISOString() : null
}
