/**
 * The rules of disputes: an annotator disputes one gold value of an attempt they submitted (one that has gold
 * on that example); a lead resolves it with a reply and an outcome — `gold_stands`, or `gold_wrong` (the
 * annotator's favour), which leaves a gold fix pending until a published version corrects it (see
 * rescore.ts). Every resolution is in the audit log.
 */
import type { z } from 'zod'
import type { CreateDisputeBody, Dispute, ResolveDisputeBody } from '../../shared/schema/calibration'
import type { VersionJson } from '../../shared/schema/version'
import { newId } from '../auth/tokens'
import { ApiFailure, notFound } from '../failure'
import type { DisputeRecord, Store } from '../storage/store'
import { applyGoldFixesQuietly } from './rescore'

/** A dispute as the API shows it (the attempt stays on the server). */
export function toDispute(d: DisputeRecord): Dispute {
  const { projectId: _p, attemptId: _a, ...rest } = d
  return rest
}

export async function openDispute(
  store: Store,
  projectId: string,
  userId: string,
  body: z.infer<typeof CreateDisputeBody>,
): Promise<Dispute> {
  const attempt = await store.getAttempt(body.attemptId)
  if (!attempt || attempt.projectId !== projectId || attempt.userId !== userId) throw notFound('attempt')
  if (attempt.status !== 'submitted')
    throw new ApiFailure(409, 'attempt_open', 'dispute gold after submitting your attempt')
  if (!attempt.exampleOrder.includes(body.exampleId)) throw notFound('example in this attempt')
  const stored = await store.getVersion(projectId, attempt.version)
  const example = stored
    ? (JSON.parse(stored.json) as VersionJson).examples.find((e) => e.id === body.exampleId)
    : undefined
  if (!example || !(example as { gold?: Record<string, unknown> }).gold?.[body.criterionId])
    throw notFound('gold value for this criterion on this example')
  const id = newId()
  await store.createDispute({ id, projectId, ...body, version: attempt.version, userId })
  const created = (await store.listDisputes(projectId, userId)).find((d) => d.id === id)!
  return toDispute(created)
}

export async function resolveDispute(
  store: Store,
  projectId: string,
  disputeId: string,
  body: z.infer<typeof ResolveDisputeBody>,
  actorId: string,
): Promise<void> {
  if (!(await store.resolveDispute(projectId, disputeId, { ...body, resolvedBy: actorId }))) {
    throw notFound('open dispute')
  }
  await store.appendAudit({
    projectId,
    actorId,
    action: 'dispute.resolved',
    details: { disputeId, outcome: body.outcome },
  })
  // The gold may already be corrected in a version published meanwhile.
  const latest = body.outcome === 'gold_wrong' ? await store.latestVersion(projectId) : null
  if (latest) await applyGoldFixesQuietly(store, projectId, latest.version, actorId)
}
