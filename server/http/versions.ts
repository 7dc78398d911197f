/**
 * Published versions: publish the draft (refused while the problems list has errors), the history, the
 * immutable JSON of a version (and `latest`) with ETag and caching, its Markdown and printable exports, and
 * its Yjs snapshot (for restore and diffs, owners and leads only).
 */
import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import { Hono } from 'hono'
import * as Y from 'yjs'
import { draftDocName } from '../../shared/protocol/docNames'
import { findProblems, hasErrors } from '../../shared/rubric/problems'
import { PublishBody, type VersionJson, type VersionSummary } from '../../shared/schema/version'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { authorize } from '../auth/access'
import { authorizeVersionRead } from '../auth/readTokens'
import { commentSummary } from '../comments/commentsDoc'
import { buildVersionJson, publicVariant } from '../publish/buildVersion'
import { versionMarkdown, versionPrintPage } from '../publish/exportVersion'
import type { Store, StoredVersion, VersionRecord } from '../storage/store'
import { loadDoc } from '../sync/storedDoc'
import type { AppEnv, RouteDeps } from './env'
import { ApiFailure, methodNotAllowed, notFound, readJson } from './errors'

/** Rebuilds the current draft from the store (everything in it is durable; rooms hold nothing more). */
export async function loadDraftDoc(store: Store, projectId: string): Promise<Y.Doc> {
  return (await loadDoc(store, draftDocName(projectId), { into: new Y.Doc({ gc: false }) })).doc
}

const summary = (r: VersionRecord): VersionSummary => ({
  version: r.version,
  publishedAt: r.createdAt,
  publishedBy: r.authorName,
  changelog: r.changelog,
  bump: r.bump,
  criteria: r.criteria,
  examples: r.examples,
  openThreadsAtPublish: r.openThreads,
})

async function findVersion(store: Store, projectId: string, version: string): Promise<StoredVersion> {
  const found =
    version === 'latest' ? await store.latestVersion(projectId) : await store.getVersion(projectId, version)
  if (!found) throw notFound(version === 'latest' ? 'published version' : `version ${version}`)
  return found
}

/** The version JSON the reader may see, as the exact bytes to send. */
function bodyFor(stored: StoredVersion, includeGold: boolean): string {
  return includeGold ? stored.json : JSON.stringify(publicVariant(JSON.parse(stored.json) as VersionJson))
}

function cached(c: Context<AppEnv>, body: string, immutable: boolean, contentType: string) {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
  c.header('ETag', etag)
  c.header('Cache-Control', immutable ? 'private, max-age=31536000, immutable' : 'private, no-cache')
  c.header('Vary', 'Cookie, Authorization')
  const match = c.req.header('if-none-match')
  if (match?.split(',').some((tag) => tag.trim() === etag)) return c.body(null, 304)
  c.header('Content-Type', contentType)
  return c.body(body)
}

export function versionRoutes({ store }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.post('/:id/versions', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'versions.publish')
    const body = await readJson(c, PublishBody)
    const project = (await store.getProject(projectId))!
    const doc = await loadDraftDoc(store, projectId)
    const draft = readRubricWithExamples(doc)
    const problems = findProblems(draft)
    if (hasErrors(problems)) {
      throw new ApiFailure(422, 'draft_has_problems', 'fix the problems in the rubric before publishing', {
        problems: problems.filter((p) => p.severity === 'error'),
      })
    }
    // Comments stay on the draft; the version only records how many threads were still open.
    const { open: openThreads } = await commentSummary(store, projectId)
    const meta = {
      project: { id: project.id, name: project.name },
      publishedBy: { id: auth.user.id, name: auth.user.name },
      changelog: body.changelog,
      openThreadsAtPublish: openThreads,
    }
    const record = await store.publishVersion({
      projectId,
      bump: body.bump,
      changelog: body.changelog,
      author: meta.publishedBy,
      snapshot: Y.encodeStateAsUpdate(doc),
      counts: { criteria: draft.rubric.criteria.length, examples: draft.examples.length, openThreads },
      render: (version, publishedAt) =>
        JSON.stringify(buildVersionJson(doc, { ...meta, version, publishedAt })),
    })
    doc.destroy()
    await store.appendAudit({
      projectId,
      actorId: auth.user.id,
      action: 'version.published',
      details: { version: record.version, bump: body.bump },
    })
    return c.json(summary(record), 201)
  })

  app.get('/:id/versions', async (c) => {
    const projectId = c.req.param('id')
    const reader = await authorizeVersionRead(c, store, projectId)
    const versions = (await store.listVersions(projectId)).map(summary)
    if (!reader.includeGold) return c.json({ versions })
    // Owners and leads also see how calibration went on each version.
    const latestPerPerson = new Map<string, { version: string; status: string; passed: boolean | null }>()
    for (const attempt of await store.listAttempts(projectId)) {
      const key = `${attempt.userId}@${attempt.version}`
      if (!latestPerPerson.has(key)) latestPerPerson.set(key, attempt)
    }
    const tally = (version: string) => {
      const attempts = [...latestPerPerson.values()].filter((a) => a.version === version)
      return {
        passed: attempts.filter((a) => a.status === 'submitted' && a.passed).length,
        failed: attempts.filter((a) => a.status === 'submitted' && !a.passed).length,
        inProgress: attempts.filter((a) => a.status === 'in_progress').length,
      }
    }
    return c.json({ versions: versions.map((v) => ({ ...v, calibration: tally(v.version) })) })
  })

  app.get('/:id/versions/:version', async (c) => {
    const projectId = c.req.param('id')
    const reader = await authorizeVersionRead(c, store, projectId)
    const version = c.req.param('version')
    const stored = await findVersion(store, projectId, version)
    return cached(
      c,
      bodyFor(stored, reader.includeGold),
      version !== 'latest',
      'application/json; charset=utf-8',
    )
  })

  app.get('/:id/versions/:version/markdown', async (c) => {
    const projectId = c.req.param('id')
    const reader = await authorizeVersionRead(c, store, projectId)
    const stored = await findVersion(store, projectId, c.req.param('version'))
    const json = JSON.parse(bodyFor(stored, reader.includeGold)) as VersionJson
    c.header('Content-Disposition', `attachment; filename="guideline-${stored.version}.md"`)
    return cached(c, versionMarkdown(json), reader.cacheForever, 'text/markdown; charset=utf-8')
  })

  app.get('/:id/versions/:version/print', async (c) => {
    const projectId = c.req.param('id')
    const reader = await authorizeVersionRead(c, store, projectId)
    const stored = await findVersion(store, projectId, c.req.param('version'))
    const json = JSON.parse(bodyFor(stored, reader.includeGold)) as VersionJson
    return cached(c, versionPrintPage(json), reader.cacheForever, 'text/html; charset=utf-8')
  })

  app.get('/:id/versions/:version/snapshot', async (c) => {
    const projectId = c.req.param('id')
    await authorize(c, store, projectId, 'versions.gold')
    const stored = await findVersion(store, projectId, c.req.param('version'))
    c.header('Content-Type', 'application/octet-stream')
    c.header('Cache-Control', 'private, max-age=31536000, immutable')
    return c.body(new Uint8Array(stored.snapshot))
  })

  app.all('/:id/versions', methodNotAllowed(['GET', 'POST']))
  app.all('/:id/versions/:version', methodNotAllowed(['GET']))
  app.all('/:id/versions/:version/markdown', methodNotAllowed(['GET']))
  app.all('/:id/versions/:version/print', methodNotAllowed(['GET']))
  app.all('/:id/versions/:version/snapshot', methodNotAllowed(['GET']))
  return app
}
