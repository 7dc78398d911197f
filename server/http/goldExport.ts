/**
 * `GET /:id/versions/:version/gold.csv`: a published version's gold as a CSV download, for owners and leads
 * (the same people who see gold in the version JSON); `latest` names the newest version.
 */
import { Hono } from 'hono'
import type { VersionJson } from '../../shared/schema/version'
import { authorize } from '../auth/access'
import { goldCsv } from '../publish/goldCsv'
import type { AppEnv, RouteDeps } from './env'
import { methodNotAllowed, notFound } from './errors'

export function goldExportRoutes({ store }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/:id/versions/:version/gold.csv', async (c) => {
    const projectId = c.req.param('id')
    const version = c.req.param('version')
    await authorize(c, store, projectId, 'versions.gold')
    const stored =
      version === 'latest' ? await store.latestVersion(projectId) : await store.getVersion(projectId, version)
    if (!stored) throw notFound(version === 'latest' ? 'published version' : `version ${version}`)
    const json = JSON.parse(stored.json) as VersionJson
    const project = json.project.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'project'
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', `attachment; filename="${project}-${stored.version}-gold.csv"`)
    c.header('Cache-Control', 'private, no-cache')
    // A byte-order mark, so spreadsheet programs read the file as UTF-8.
    return c.body(`\uFEFF${goldCsv(json)}`)
  })

  app.all('/:id/versions/:version/gold.csv', methodNotAllowed(['GET']))
  return app
}
