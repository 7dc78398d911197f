/**
 * Closing the disputes loop: when a published version's gold for a disputed example and criterion differs
 * from the disputed version's, and the dispute was resolved `gold_wrong`, the dispute is marked fixed in that
 * version, and every submitted attempt that answered that gold on an earlier version is re-scored against
 * the corrected gold — the original outcome kept beside the re-score, one audit entry per attempt. Re-scoring
 * is computed from the original answers and every correction that applies, so running it again changes
 * nothing (it runs after each publish, after each `gold_wrong` resolution, and on the submission of an attempt
 * started before a fix).
 */
import { sameValues } from '../../shared/rubric/valueKey'
import type { AttemptResult } from '../../shared/schema/calibration'
import type { CalibrationExample, GoldEntry } from '../../shared/schema/rubric'
import type { VersionJson } from '../../shared/schema/version'
import { log } from '../log'
import type { AttemptRecord, GoldCorrection, Store } from '../storage/store'
import { scoreAndExplain } from './attempts'

interface Correction extends GoldCorrection {
  ordinal: number
  /** The corrected gold (null when the fixing version no longer scores this example and criterion). */
  gold: GoldEntry | null
}

const itemKey = (exampleId: string, criterionId: string) => `${exampleId}\u0000${criterionId}`
const correctionsKey = (list: GoldCorrection[]) =>
  list
    .map((c) => `${itemKey(c.exampleId, c.criterionId)}@${c.fixedIn}`)
    .sort()
    .join('\n')

function goldOf(version: VersionJson | null, exampleId: string, criterionId: string): GoldEntry | null {
  const example = version?.examples.find((e) => e.id === exampleId) as CalibrationExample | undefined
  return example?.gold?.[criterionId] ?? null
}

export interface GoldFixOutcome {
  /** Disputes marked fixed by this run. */
  fixed: string[]
  /** Attempts re-scored by this run. */
  rescored: string[]
}

interface Context {
  load(version: string): Promise<VersionJson | null>
  ordinals: Map<string, number>
}

async function contextFor(store: Store, projectId: string): Promise<Context> {
  const cache = new Map<string, VersionJson | null>()
  return {
    async load(v) {
      if (!cache.has(v)) {
        const stored = await store.getVersion(projectId, v)
        cache.set(v, stored ? (JSON.parse(stored.json) as VersionJson) : null)
      }
      return cache.get(v)!
    },
    ordinals: new Map((await store.listVersions(projectId)).map((v) => [v.version, v.ordinal])),
  }
}

/** Every fix so far: the latest corrected gold per example and criterion. */
async function correctionsOf(store: Store, projectId: string, ctx: Context): Promise<Correction[]> {
  const corrections = new Map<string, Correction>()
  for (const d of await store.listDisputes(projectId)) {
    if (d.outcome !== 'gold_wrong' || !d.fixedInVersion) continue
    const ordinal = ctx.ordinals.get(d.fixedInVersion) ?? -1
    const key = itemKey(d.exampleId, d.criterionId)
    if ((corrections.get(key)?.ordinal ?? -1) >= ordinal) continue
    const gold = goldOf(await ctx.load(d.fixedInVersion), d.exampleId, d.criterionId)
    corrections.set(key, {
      exampleId: d.exampleId,
      criterionId: d.criterionId,
      fixedIn: d.fixedInVersion,
      ordinal,
      gold,
    })
  }
  return [...corrections.values()]
}

/** Re-scores one submitted attempt with the corrections that concern it; false when none does or nothing changed. */
async function applyTo(
  store: Store,
  attempt: AttemptRecord,
  corrections: Correction[],
  ctx: Context,
  actorId: string | null,
): Promise<boolean> {
  if (attempt.status !== 'submitted') return false
  const attemptVersion = await ctx.load(attempt.version)
  if (!attemptVersion) return false
  const applicable = corrections.filter((c) => {
    if (!attempt.exampleOrder.includes(c.exampleId)) return false
    if ((ctx.ordinals.get(attempt.version) ?? Infinity) >= c.ordinal) return false
    const answered = goldOf(attemptVersion, c.exampleId, c.criterionId)
    return answered !== null && !(c.gold && sameValues(answered.accepted, c.gold.accepted))
  })
  if (applicable.length === 0) return false
  if (attempt.rescored && correctionsKey(attempt.rescored.corrections) === correctionsKey(applicable))
    return false
  await rescore(store, attempt, attemptVersion, applicable, actorId)
  return true
}

/** Marks disputes fixed by `version` (if it corrects their gold) and re-scores every attempt a fix applies to. */
export async function applyGoldFixes(
  store: Store,
  projectId: string,
  version: string,
  actorId: string | null,
): Promise<GoldFixOutcome> {
  const ctx = await contextFor(store, projectId)
  const published = await ctx.load(version)
  const fixed: string[] = []
  for (const d of await store.listDisputes(projectId)) {
    if (d.outcome !== 'gold_wrong' || d.fixedInVersion || d.version === version) continue
    if ((ctx.ordinals.get(d.version) ?? Infinity) >= (ctx.ordinals.get(version) ?? -Infinity)) continue
    const before = goldOf(await ctx.load(d.version), d.exampleId, d.criterionId)
    const after = goldOf(published, d.exampleId, d.criterionId)
    if (before && after && sameValues(before.accepted, after.accepted)) continue
    if (!(await store.markDisputeFixed(projectId, d.id, version))) continue
    fixed.push(d.id)
    await store.appendAudit({
      projectId,
      actorId,
      action: 'dispute.fixed',
      details: { disputeId: d.id, exampleId: d.exampleId, criterionId: d.criterionId, version },
    })
  }
  const corrections = await correctionsOf(store, projectId, ctx)
  const rescored: string[] = []
  if (corrections.length === 0) return { fixed, rescored }
  for (const attempt of await store.listAttempts(projectId)) {
    if (await applyTo(store, attempt, corrections, ctx, actorId)) rescored.push(attempt.id)
  }
  return { fixed, rescored }
}

/**
 * Right after an attempt is submitted on a version whose gold was corrected since (it was started before the
 * fix): re-scores it at once and returns it, or null when no correction concerns it. Never throws (logged).
 */
export async function rescoreJustSubmitted(
  store: Store,
  attemptId: string,
  actorId: string,
): Promise<AttemptRecord | null> {
  try {
    const attempt = await store.getAttempt(attemptId)
    if (!attempt) return null
    const ctx = await contextFor(store, attempt.projectId)
    const corrections = await correctionsOf(store, attempt.projectId, ctx)
    if (!(await applyTo(store, attempt, corrections, ctx, actorId))) return null
    return store.getAttempt(attemptId)
  } catch (error) {
    log.error('re-scoring a submitted attempt against corrected gold failed', { attemptId, error })
    return null
  }
}

async function rescore(
  store: Store,
  attempt: AttemptRecord,
  version: VersionJson,
  applicable: Correction[],
  actorId: string | null,
): Promise<void> {
  const corrected = structuredClone(version)
  for (const c of applicable) {
    const example = corrected.examples.find((e) => e.id === c.exampleId) as CalibrationExample
    if (c.gold) example.gold[c.criterionId] = c.gold
    else delete example.gold[c.criterionId]
  }
  const original = attempt.rescored?.original ?? {
    score: attempt.score ?? 0,
    passed: attempt.passed ?? false,
  }
  const corrections = applicable.map(({ exampleId, criterionId, fixedIn }) => ({
    exampleId,
    criterionId,
    fixedIn,
  }))
  const at = new Date().toISOString()
  // Blindness is a fact of the original submission: the same items stay unscored, the same reasons hold.
  const first = attempt.rescored?.original.result ?? attempt.result
  const blindness = {
    seen: new Set(first?.examples?.filter((e) => e.seenBefore).map((e) => e.exampleId) ?? []),
    draftReader: first?.notBlindReasons?.includes('draft_reader') ?? false,
  }
  const result: AttemptResult = {
    ...scoreAndExplain(attempt, corrected, attempt.submittedAt ?? at, blindness),
    rescored: { originalScore: original.score, originalPassed: original.passed, at, corrections },
  }
  await store.rescoreAttempt(attempt.id, {
    score: result.score,
    passed: result.passed,
    result,
    corrections,
    at,
  })
  await store.appendAudit({
    projectId: attempt.projectId,
    actorId,
    action: 'attempt.rescored',
    details: {
      attemptId: attempt.id,
      userId: attempt.userId,
      version: attempt.version,
      corrections,
      from: { score: attempt.score, passed: attempt.passed },
      to: { score: result.score, passed: result.passed },
    },
  })
}

/** `applyGoldFixes` where the caller's own work is already done (a publish): a failure is logged, not thrown. */
export async function applyGoldFixesQuietly(
  store: Store,
  projectId: string,
  version: string,
  actorId: string | null,
): Promise<void> {
  try {
    const outcome = await applyGoldFixes(store, projectId, version, actorId)
    if (outcome.fixed.length || outcome.rescored.length)
      log.info('gold fixes applied', { projectId, version, ...outcome })
  } catch (error) {
    log.error('re-scoring after a gold fix failed; the next publish retries it', {
      projectId,
      version,
      error,
    })
  }
}
