/**
 * The per-annotator drill-down route (owners and leads): `GET …/calibration/annotators/:userId/answers`
 * (`?version=`; default the version of their latest submitted attempt). Built from the attempt's stored
 * (effective) result, so a re-scored attempt shows the corrected gold.
 */
import { Hono } from 'hono'
import { describeValue } from '../../shared/rubric/goldFits'
import { slotTitle } from '../../shared/rubric/taskTypes'
import type { AnswerDetail, AttemptResult } from '../../shared/schema/calibration'
import type { AnnotatorDrilldown } from '../../shared/schema/drilldown'
import type { CalibrationExample } from '../../shared/schema/rubric'
import type { VersionJson } from '../../shared/schema/version'
import { authorize } from '../auth/access'
import { loadVersionJson } from '../calibration/versionJson'
import type { AttemptRecord } from '../storage/store'
import type { AppEnv, RouteDeps } from './env'
import { methodNotAllowed, notFound } from './errors'

/** A partially scored answer's closeness to gold in words (span F1, Jaccard, steps right). */
export function closenessOf(detail: AnswerDetail): string {
  const two = (x: number) => x.toFixed(2)
  switch (detail.kind) {
    case 'multiLabel':
      return `Jaccard ${two(detail.jaccard)}`
    case 'span':
      return `span F1 ${two(detail.f1)}: ${detail.matched.length} matched, ${detail.missed.length} missed, ${detail.extra.length} extra`
    case 'stepVerdict': {
      const parts: string[] = []
      const counted = detail.steps.filter((s) => s.agrees !== null)
      if (detail.stepAgreement !== null)
        parts.push(`${counted.filter((s) => s.agrees).length} of ${counted.length} steps`)
      if (detail.firstWrong) {
        const step = (n: number | null) => (n === null ? 'none' : `step ${n}`)
        parts.push(`first wrong ${step(detail.firstWrong.answer)} (gold ${step(detail.firstWrong.gold)})`)
      }
      return parts.join('; ')
    }
  }
}

function sectionsOf(version: VersionJson, attempt: AttemptRecord): AnnotatorDrilldown['sections'] {
  const result = attempt.result as AttemptResult
  const criteria = new Map(version.rubric.criteria.map((c) => [c.id, c]))
  const order = version.guideline.sections
  const bySection = new Map<string | null, AnnotatorDrilldown['sections'][number]>()
  for (const example of result.examples) {
    const known = example.sectionId !== null && order.some((s) => s.id === example.sectionId)
    const sectionId = known ? example.sectionId : null
    let section = bySection.get(sectionId)
    if (!section) {
      const title = order.find((s) => s.id === sectionId)?.title
      section = {
        sectionId,
        title: sectionId ? title || 'Untitled section' : 'Not linked to a section',
        agreed: 0,
        total: 0,
        examples: [],
      }
      bySection.set(sectionId, section)
    }
    const content = (version.examples as CalibrationExample[]).find(
      (e) => e.id === example.exampleId,
    )?.content
    const answers = example.criteria.map((c) => {
      const criterion = criteria.get(c.criterionId)
      const describe = (v: NonNullable<typeof c.answer>) =>
        criterion ? describeValue(criterion, v) : JSON.stringify(v)
      section.total++
      if (c.agrees) section.agreed++
      return {
        criterionId: c.criterionId,
        ...(c.slotKey && c.slotKey !== c.criterionId ? { slotKey: c.slotKey } : {}),
        criterionTitle: criterion
          ? slotTitle({ criterion, target: c.target ?? null }, content)
          : c.criterionId,
        answer: c.answer === null ? null : describe(c.answer),
        gold: c.accepted.map(describe),
        agrees: c.agrees,
        ...(c.detail ? { closeness: closenessOf(c.detail) } : {}),
        rationale: c.rationale?.trim() ? c.rationale : null,
      }
    })
    section.examples.push({ exampleId: example.exampleId, title: example.title, answers })
  }
  // Guideline order, then the unlinked examples.
  const rank = (id: string | null) => (id === null ? order.length : order.findIndex((s) => s.id === id))
  return [...bySection.values()].sort((a, b) => rank(a.sectionId) - rank(b.sectionId))
}

export function annotatorDrilldownRoutes({ store }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/:id/calibration/annotators/:userId/answers', async (c) => {
    const projectId = c.req.param('id')
    const userId = c.req.param('userId')
    await authorize(c, store, projectId, 'calibration.manage')
    const attempts = (await store.listAttempts(projectId, userId)).filter((a) => a.status === 'submitted')
    const member = (await store.listMembers(projectId)).find((m) => m.userId === userId)
    if (!member && attempts.length === 0) throw notFound('annotator')
    const versions = [...new Set(attempts.map((a) => a.version))]
    const requested = c.req.query('version') ?? attempts[0]?.version
    const version = await loadVersionJson(store, projectId, requested)
    const attempt = attempts
      .filter((a) => a.version === version.version)
      .sort((a, b) => (b.submittedAt ?? '').localeCompare(a.submittedAt ?? ''))[0]
    return c.json<AnnotatorDrilldown>({
      userId,
      name: member?.name ?? 'former member',
      version: version.version,
      versions,
      attempt: attempt
        ? {
            id: attempt.id,
            submittedAt: attempt.submittedAt!,
            score: attempt.score ?? 0,
            passed: attempt.passed ?? false,
            original: attempt.rescored
              ? { score: attempt.rescored.original.score, passed: attempt.rescored.original.passed }
              : null,
          }
        : null,
      sections: attempt ? sectionsOf(version, attempt) : [],
    })
  })

  app.all('/:id/calibration/annotators/:userId/answers', methodNotAllowed(['GET']))
  return app
}
