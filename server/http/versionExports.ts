/**
 * `GET /:id/versions/:version/export/:format`: a published version as a file for other tools (Label Studio
 * config and tasks, HealthBench-style JSONL, gold CSV), built from the variant of the version the reader may
 * see, with the ETag and Cache-Control of every version response. Gold only for owners, leads and read tokens
 * with the `gold` scope: gold.csv answers 403 without it; the Label Studio tasks leave the gold out and say so
 * in the `Yardstick-Gold: omitted` header.
 */
import { Hono } from 'hono'
import { EXPORT_FORMATS, GOLD_OMITTED_HEADER, isExportFormat } from '../../shared/schema/exports'
import { mediaPath } from '../../shared/schema/media'
import type { VersionJson } from '../../shared/schema/version'
import { authorizeVersionRead } from '../auth/readTokens'
import { goldCsv } from '../publish/goldCsv'
import { hasPointsCriteria, healthbenchJsonl } from '../publish/healthbenchJsonl'
import { labelStudioConfig, labelStudioTasks, pickTaskType } from '../publish/labelStudio/labelStudioExport'
import type { AppEnv, RouteDeps } from './env'
import { ApiFailure, methodNotAllowed, notFound } from './errors'
import { bodyFor, cached, findVersion } from './versions'

const fileStem = (name: string) => name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'project'

export function versionExportRoutes({ store, auth }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/:id/versions/:version/export/:format', async (c) => {
    const projectId = c.req.param('id')
    const format = c.req.param('format')
    const reader = await authorizeVersionRead(c, store, projectId)
    if (!isExportFormat(format))
      throw notFound(`export format ${format} (try ${Object.keys(EXPORT_FORMATS).join(', ')})`)
    const spec = EXPORT_FORMATS[format]
    if (spec.gold === 'required' && !reader.includeGold)
      throw new ApiFailure(
        403,
        'forbidden',
        `${format} holds gold: only owners, leads and read tokens with the gold scope may download it`,
      )
    const stored = await findVersion(store, projectId, c.req.param('version'))
    const version = JSON.parse(bodyFor(stored, reader)) as VersionJson
    const taskTypeId = c.req.query('taskType')
    const taskType = () => {
      const type = pickTaskType(version, taskTypeId)
      if (!type) throw notFound(`task type ${taskTypeId}`)
      return type
    }
    const base = `${fileStem(version.project.name)}-${stored.version}`
    let body: string
    switch (format) {
      case 'label-studio-config.xml':
        body = labelStudioConfig(version, taskType())
        break
      case 'label-studio-tasks.json': {
        const origin = auth.publicUrl()
        const tasks = labelStudioTasks(version, taskType(), {
          gold: reader.includeGold,
          mediaUrl: (media) => `${origin}${media.url ?? mediaPath(projectId, media.hash)}`,
        })
        if (!reader.includeGold) c.header(GOLD_OMITTED_HEADER, 'omitted')
        body = `${JSON.stringify(tasks, null, 2)}\n`
        break
      }
      case 'healthbench.jsonl':
        if (!hasPointsCriteria(version))
          throw new ApiFailure(422, 'no_points_criteria', 'this version has no points criteria to export')
        body = healthbenchJsonl(version)
        break
      case 'gold.csv':
        // A byte-order mark, so spreadsheet programs read the file as UTF-8.
        body = `\uFEFF${goldCsv(version)}`
        break
    }
    c.header('Content-Disposition', `attachment; filename="${base}-${format}"`)
    return cached(c, body, spec.contentType)
  })

  app.all('/:id/versions/:version/export/:format', methodNotAllowed(['GET']))
  return app
}
