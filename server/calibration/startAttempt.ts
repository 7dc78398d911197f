/**
 * Starting a calibration attempt: at most one open attempt per annotator and project (enforced by the
 * store, atomically), the retake cool-down across versions, and a draw from the version's calibration pool
 * that puts items whose gold the annotator has not seen first.
 */
import { randomInt } from 'node:crypto'
import { attemptSettingsOf, calibrationPool } from '../../shared/rubric/calibrationPool'
import { drawItems } from '../../shared/rubric/drawItems'
import type { AttemptOpenError } from '../../shared/schema/calibration'
import type { VersionJson } from '../../shared/schema/version'
import { newId } from '../auth/tokens'
import { ApiFailure } from '../failure'
import type { AttemptRecord, Store } from '../storage/store'
import { goldExamples } from './attempts'
import { retakeBlockedUntil } from './cooldown'
import { seenGold } from './seenGold'

function attemptOpen(open: AttemptRecord | null): ApiFailure {
  const extra: Omit<AttemptOpenError, 'error' | 'message'> = {
    attemptId: open?.id ?? '',
    version: open?.version ?? '',
  }
  return new ApiFailure(409, 'attempt_open', 'you already have an open attempt: resume it', extra)
}

/** Creates the attempt, or throws 409 `attempt_open`, 429 `cooldown` or 409 `no_examples`. */
export async function startAttempt(
  store: Store,
  projectId: string,
  userId: string,
  version: VersionJson,
): Promise<{ attempt: AttemptRecord; seen: Set<string> }> {
  const open = await store.openAttempt(projectId, userId)
  if (open) throw attemptOpen(open)
  const mine = await store.listAttempts(projectId, userId)
  const cooldown = await store.retakeCooldownMinutes(projectId)
  const retryAt = retakeBlockedUntil(mine, cooldown, Date.now())
  if (retryAt) {
    const wait = Date.parse(retryAt) - Date.now()
    throw new ApiFailure(429, 'cooldown', `you can retake calibration in ${Math.ceil(wait / 60_000)} min`, {
      retryAt,
      retryAfterSeconds: Math.ceil(wait / 1000),
    })
  }
  const pool = calibrationPool({ rubric: version.rubric, examples: goldExamples(version) })
  if (pool.items.length === 0)
    throw new ApiFailure(409, 'no_examples', 'this version has no calibration items ready')
  const seen = await seenGold(store, projectId, mine)
  const draw = drawItems(pool.items, attemptSettingsOf(version.rubric), seen, randomInt)
  const attempt = await store.createAttempt({
    id: newId(),
    projectId,
    userId,
    version: version.version,
    exampleOrder: draw.order,
  })
  if (!attempt) throw attemptOpen(await store.openAttempt(projectId, userId))
  return { attempt, seen }
}
