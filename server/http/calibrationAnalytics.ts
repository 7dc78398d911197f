/** The lead's calibration dashboard data (analytics per annotator, criterion, example and section) and the CSV export. */
import { Hono } from 'hono'
import {
  type CalibrationAnalytics,
  calibrationAnalytics,
  type SubmittedAttempt,
} from '../../shared/rubric/analytics'
import { goldAudit } from '../../shared/rubric/goldAudit'
import { describeValue } from '../../shared/rubric/goldFits'
import type { CalibrationExample, GoldValue } from '../../shared/schema/rubric'
import type { VersionJson } from '../../shared/schema/version'
import { authorize } from '../auth/access'
import type { AttemptRecord, Store } from '../storage/store'
import type { AppEnv, RouteDeps } from './env'
import { methodNotAllowed, notFound } from './errors'

export async function submitted(
  store: Store,
  projectId: string,
): Promise<(AttemptRecord & { userName: string })[]> {
  const attempts = (await store.listAttempts(projectId)).filter((a) => a.status === 'submitted')
  const names = new Map((await store.listMembers(projectId)).map((m) => [m.userId, m.name]))
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
  answers: a.answers as SubmittedAttempt['answers'],
})

export const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value)
  // Quote every cell; neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return `"${safe.replace(/"/g, '""')}"`
}

export function calibrationAnalyticsRoutes({ store }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/:id/calibration/analytics', async (c) => {
    const projectId = c.req.param('id')
    await authorize(c, store, projectId, 'calibration.manage')
    const requested = c.req.query('version')
    const stored = requested
      ? await store.getVersion(projectId, requested)
      : await store.latestVersion(projectId)
    if (!stored) throw notFound(requested ? `version ${requested}` : 'published version')
    const version = JSON.parse(stored.json) as VersionJson
    const attempts = await submitted(store, projectId)
    const population = attempts.map(asSubmitted)
    const examples = version.examples as CalibrationExample[]
    const analytics: CalibrationAnalytics = calibrationAnalytics(
      version.version,
      version.rubric,
      examples,
      version.guideline.sections,
      population,
    )
    const disputes = await store.listDisputes(projectId)
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
    return c.json({
      ...analytics,
      trend,
      openDisputes: disputes.filter((d) => d.status === 'open').length,
      disputesByExample: Object.fromEntries(
        [...new Set(disputes.map((d) => d.exampleId))].map((id) => [
          id,
          disputes.filter((d) => d.exampleId === id).length,
        ]),
      ),
      versions: (await store.listVersions(projectId)).map((v) => v.version),
      goldAudit: goldAudit(version.version, version.rubric, examples, population),
    })
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
        examples?: { exampleId: string; criteria: { criterionId: string; agrees: boolean }[] }[]
      }
      for (const example of (version?.examples ?? []) as CalibrationExample[]) {
        for (const criterion of version?.rubric.criteria ?? []) {
          const gold = example.gold[criterion.id]
          if (!gold || !a.exampleOrder.includes(example.id)) continue
          const answer = a.answers[example.id]?.[criterion.id]
          const agreed = result.examples
            ?.find((e) => e.exampleId === example.id)
            ?.criteria.find((x) => x.criterionId === criterion.id)?.agrees
          rows.push([
            a.id,
            a.userName,
            a.version,
            a.submittedAt ?? '',
            String(a.score ?? ''),
            String(a.passed),
            example.title,
            criterion.title,
            answer?.value === null || answer?.value === undefined
              ? ''
              : describeValue(criterion, answer.value as GoldValue),
            gold.accepted.map((v) => describeValue(criterion, v)).join(' | '),
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
