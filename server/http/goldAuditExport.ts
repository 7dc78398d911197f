/**
 * The gold audit as CSV (owners and leads): one row per example and criterion of a version (the latest unless
 * `?version=`), with difficulty, discrimination, the most common wrong answer, the strong group and the flags.
 */
import { Hono } from 'hono'
import { goldAudit } from '../../shared/rubric/goldAudit'
import type { CalibrationExample } from '../../shared/schema/rubric'
import type { Statistic } from '../../shared/stats/result'
import { authorize } from '../auth/access'
import { loadVersionJson } from '../calibration/versionJson'
import { asSubmitted, csvCell, submitted } from './calibrationAnalytics'
import type { AppEnv, RouteDeps } from './env'
import { methodNotAllowed } from './errors'

const HEADER = [
  'version',
  'example_id',
  'example',
  'section_id',
  'criterion_id',
  'criterion',
  'gold',
  'answers',
  'difficulty',
  'discrimination',
  'top_wrong_answer',
  'top_wrong_share',
  'strong_annotators',
  'strong_gold_share',
  'strong_alternative',
  'strong_alternative_share',
  'flags',
  'note',
]

const stat = (s: Statistic) => (s.defined ? s.value.toFixed(4) : 'undefined')
const share = (v: number | undefined) => (v === undefined ? '' : v.toFixed(4))

export function goldAuditExportRoutes({ store }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/:id/calibration/gold-audit.csv', async (c) => {
    const projectId = c.req.param('id')
    await authorize(c, store, projectId, 'calibration.manage')
    const version = await loadVersionJson(store, projectId, c.req.query('version'))
    const population = (await submitted(store, projectId)).map(asSubmitted)
    const audit = goldAudit(
      version.version,
      version.rubric,
      (version.examples as CalibrationExample[]).filter((e) => e.role !== 'teaching'),
      population,
    )
    const rows = audit.items.map((i) => [
      audit.version,
      i.exampleId,
      i.exampleTitle,
      i.sectionId ?? '',
      // The question: the criterion id, or its slot `<id>@A` / `@B` where asked per response.
      i.slotKey ?? i.criterionId,
      i.criterionTitle,
      i.gold,
      i.answers,
      stat(i.difficulty),
      stat(i.discrimination),
      i.topWrongAnswer?.answer ?? '',
      share(i.topWrongAnswer?.share),
      i.strong.n,
      share(i.strong.n > 0 ? i.strong.goldShare : undefined),
      i.strong.alternative?.answer ?? '',
      share(i.strong.alternative?.share),
      i.flags.join(' '),
      i.note ?? '',
    ])
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', `attachment; filename="gold-audit-${audit.version}.csv"`)
    return c.body(`${[HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`)
  })

  app.all('/:id/calibration/gold-audit.csv', methodNotAllowed(['GET']))
  return app
}
