/**
 * The lead's calibration dashboard data (analytics per annotator, criterion, example and section, with sample
 * sizes and intervals; the score trend; disputes) and the CSV export. The analytics come from a per-process
 * cache keyed on the submitted-attempts stamp and member names (server/calibration/analyticsCache.ts), so a
 * warm request reads three small queries and never the attempts themselves.
 */
import { Hono } from 'hono'
import { calibrationAnalytics, type SubmittedAttempt } from '../../shared/rubric/analytics'
import { goldAudit } from '../../shared/rubric/goldAudit'
import { describeValue } from '../../shared/rubric/goldFits'
import { questionSlots, slotTitle } from '../../shared/rubric/taskTypes'
import type { CalibrationAnalytics, DashboardResponse } from '../../shared/schema/dashboard'
import type { CalibrationExample, GoldValue } from '../../shared/schema/rubric'
import type { VersionJson } from '../../shared/schema/version'
import { authorize } from '../auth/access'
import { KeyedCache } from '../calibration/analyticsCache'
import type { AttemptRecord, MemberRecord, Store } from '../storage/store'
import type { AppEnv, RouteDeps } from './env'
import { ApiFailure, methodNotAllowed, notFound } from './errors'

type Computed = CalibrationAnalytics & Pick<DashboardResponse, 'trend' | 'goldAudit'>

export async function submitted(
  store: Store,
  projectId: string,
  members?: MemberRecord[],
): Promise<(AttemptRecord & { userName: string })[]> {
  const attempts = (await store.listAttempts(projectId)).filter((a) => a.status === 'submitted')
  const names = new Map((members ?? (await store.listMembers(projectId))).map((m) => [m.userId, m.name]))
  return attempts.map((a) => ({ ...a, userName: names.get(a.userId) ?? 'former member' }))
}

/** A submitted attempt as the analytics and the gold audit read it (effective score and pass). */
export const asSubmitted = (a: AttemptRecord & { userName: string }): SubmittedAttempt => ({
  userId: a.userId,
  userName: a.userName,
  version: a.version,
  submittedAt: a.submittedAt!,
  score: a.score ?? 0,
  passed: a.passed ?? false,
  items: blindItems(a),
  answers: a.answers as SubmittedAttempt['answers'],
})

/** The items an attempt answered blind: those whose gold the annotator had seen before are left out. */
function blindItems(a: AttemptRecord): string[] {
  // Stored results from older builds (or written by hand) may lack the per-example list.
  const seen = new Set(a.result?.examples?.filter((e) => e.seenBefore).map((e) => e.exampleId))
  return seen.size === 0 ? a.exampleOrder : a.exampleOrder.filter((id) => !seen.has(id))
}

/** Everything on the dashboard that depends on the attempts: computed on a cache miss only. */
async function compute(
  store: Store,
  projectId: string,
  shown: string,
  members: MemberRecord[],
): Promise<Computed> {
  const stored = await store.getVersion(projectId, shown)
  if (!stored) throw notFound(`version ${shown}`)
  const version = JSON.parse(stored.json) as VersionJson
  const attempts = await submitted(store, projectId, members)
  const population = attempts.map(asSubmitted)
  // Teaching examples are never quiz items: they have no answers to analyse.
  const examples = (version.examples as CalibrationExample[]).filter((e) => e.role !== 'teaching')
  const analytics = calibrationAnalytics(
    version.version,
    version.rubric,
    examples,
    version.guideline.sections,
    population,
  )
  const trend = attempts
    .map((a) => ({
      userId: a.userId,
      name: a.userName,
      version: a.version,
      score: a.score,
      passed: a.passed,
      at: a.submittedAt,
    }))
    .sort((a, b) => String(a.at).localeCompare(String(b.at)))
  return { ...analytics, trend, goldAudit: goldAudit(version.version, version.rubric, examples, population) }
}

export const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value)
  // Quote every cell; neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return `"${safe.replace(/"/g, '""')}"`
}

export function calibrationAnalyticsRoutes({ store }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  const cache = new KeyedCache<Computed>()

  app.get('/:id/calibration/analytics', async (c) => {
    const projectId = c.req.param('id')
    await authorize(c, store, projectId, 'calibration.manage')
    const versions = (await store.listVersions(projectId)).map((v) => v.version)
    const requested = c.req.query('version')
    const shown = requested ?? versions[0]
    if (!shown) {
      throw new ApiFailure(
        404,
        'not_found',
        'Nothing is published yet: results appear once a version is published and annotators calibrate on it',
      )
    }
    if (!versions.includes(shown)) throw notFound(`version ${shown.slice(0, 40)}`)
    // The stamp is read before the attempts are: a submission in between only costs one more recomputation.
    const members = await store.listMembers(projectId)
    const key = `${await store.submittedAttemptsStamp(projectId)}\n${members.map((m) => `${m.userId}=${m.name}`).join('\n')}`
    const computed = await cache.get(`${projectId}\n${shown}`, key, () =>
      compute(store, projectId, shown, members),
    )
    const disputes = await store.listDisputes(projectId)
    const disputesByExample: Record<string, number> = {}
    for (const d of disputes) disputesByExample[d.exampleId] = (disputesByExample[d.exampleId] ?? 0) + 1
    const body: DashboardResponse = {
      ...computed,
      openDisputes: disputes.filter((d) => d.status === 'open').length,
      disputesByExample,
      versions,
    }
    return c.json(body)
  })

  app.get('/:id/calibration/export.csv', async (c) => {
    const projectId = c.req.param('id')
    await authorize(c, store, projectId, 'calibration.manage')
    const attempts = await submitted(store, projectId)
    const versions = new Map<string, VersionJson>()
    const rows = [
      [
        'attempt',
        'annotator',
        'version',
        'submitted_at',
        'score',
        'passed',
        'example',
        'criterion',
        'answer',
        'gold',
        'agrees',
        'rationale',
      ],
    ]
    for (const a of attempts) {
      if (!versions.has(a.version)) {
        const stored = await store.getVersion(projectId, a.version)
        if (stored) versions.set(a.version, JSON.parse(stored.json) as VersionJson)
      }
      const version = versions.get(a.version)
      const result = a.result as {
        examples?: {
          exampleId: string
          criteria: { criterionId: string; slotKey?: string; agrees: boolean }[]
        }[]
      }
      for (const example of (version?.examples ?? []) as CalibrationExample[]) {
        if (!version || !a.exampleOrder.includes(example.id)) continue
        // One row per question (slot): a criterion asked for responses A and B has two.
        for (const slot of questionSlots(version.rubric, example)) {
          const gold = example.gold[slot.key]
          if (!gold) continue
          const answer = a.answers[example.id]?.[slot.key]
          const agreed = result.examples
            ?.find((e) => e.exampleId === example.id)
            ?.criteria.find((x) => (x.slotKey ?? x.criterionId) === slot.key)?.agrees
          rows.push([
            a.id,
            a.userName,
            a.version,
            a.submittedAt ?? '',
            String(a.score ?? ''),
            String(a.passed),
            example.title,
            slotTitle(slot, example.content),
            answer?.value === null || answer?.value === undefined
              ? ''
              : describeValue(slot.criterion, answer.value as GoldValue),
            gold.accepted.map((v) => describeValue(slot.criterion, v)).join(' | '),
            String(agreed ?? ''),
            answer?.rationale ?? '',
          ])
        }
      }
    }
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', 'attachment; filename="calibration-attempts.csv"')
    return c.body(`${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`)
  })

  app.all('/:id/calibration/analytics', methodNotAllowed(['GET']))
  app.all('/:id/calibration/export.csv', methodNotAllowed(['GET']))
  return app
}
