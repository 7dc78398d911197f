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
import { calibrationPool, summarizePool } from '../../shared/rubric/calibrationPool'
import { findProblems, hasErrors } from '../../shared/rubric/problems'
import type { PoolSummary } from '../../shared/schema/poolSummary'
import { PublishBody, type VersionJson, type VersionSummary } from '../../shared/schema/version'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { authorize } from '../auth/access'
import { authorizeVersionRead, VERSION_CACHE_CONTROL, type VersionReader } from '../auth/readTokens'
import { goldExamples } from '../calibration/attempts'
import { applyGoldFixesQuietly } from '../calibration/rescore'
import { commentSummary } from '../comments/commentsDoc'
import { variantBody } from '../publish/audienceVariant'
import { buildVersionJson } from '../publish/buildVersion'
import { versionMarkdown, versionPrintPage } from '../publish/exportVersion'
import type { AttemptRecord, Store, StoredVersion, VersionRecord } from '../storage/store'
import { loadDoc } from '../sync/storedDoc'
import { publishEvents } from '../webhooks/events'
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

export async function findVersion(store: Store, projectId: string, version: string): Promise<StoredVersion> {
  const found =
    version === 'latest' ? await store.latestVersion(projectId) : await store.getVersion(projectId, version)
  if (!found) throw notFound(version === 'latest' ? 'published version' : `version ${version}`)
  return found
}

/** The version JSON the reader may see, as the exact bytes to send. */
export function bodyFor(stored: StoredVersion, reader: VersionReader): string {
  const audience = reader.includeGold ? 'gold' : reader.seesHeldOut ? 'staff' : 'annotator'
  return variantBody(`${stored.projectId}\u0000${stored.version}`, stored.json, audience)
}

/** Answers with an ETag, revalidated on every use (VERSION_CACHE_CONTROL); call after authorizing. */
export function cached(c: Context<AppEnv>, body: string, contentType: string) {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
  c.header('ETag', etag)
  c.header('Cache-Control', VERSION_CACHE_CONTROL)
  c.header('Vary', 'Cookie, Authorization')
  const match = c.req.header('if-none-match')
  if (match?.split(',').some((tag) => tag.trim() === etag)) return c.body(null, 304)
  c.header('Content-Type', contentType)
  return c.body(body)
}

const pools = new Map<string, PoolSummary>()

/** A version's calibration pool (immutable, so kept once computed). */
async function poolOf(store: Store, projectId: string, version: string): Promise<PoolSummary | undefined> {
  const key = `${projectId}\u0000${version}`
  const known = pools.get(key)
  if (known) return known
  const stored = await store.getVersion(projectId, version)
  if (!stored) return undefined
  const json = JSON.parse(stored.json) as VersionJson
  const pool = summarizePool(
    calibrationPool({
      rubric: json.rubric,
      examples: goldExamples(json),
    }),
  )
  if (pools.size > 500) pools.clear()
  pools.set(key, pool)
  return pool
}

export function versionRoutes({ store, webhooks }: RouteDeps): Hono<AppEnv> {
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
      events: publishEvents,
    })
    // Delivery runs after the commit, in the background: this request never waits for an endpoint.
    webhooks.nudge()
    doc.destroy()
    await store.appendAudit({
      projectId,
      actorId: auth.user.id,
      action: 'version.published',
      details: { version: record.version, bump: body.bump },
    })
    await applyGoldFixesQuietly(store, projectId, record.version, auth.user.id)
    return c.json(summary(record), 201)
  })

  app.get('/:id/versions', async (c) => {
    const projectId = c.req.param('id')
    const reader = await authorizeVersionRead(c, store, projectId)
    const versions = (await store.listVersions(projectId)).map(summary)
    if (!reader.includeGold) return c.json({ versions })
    // Owners and leads also see how calibration went on each version.
    const latestPerPerson = new Map<string, AttemptRecord>()
    for (const attempt of await store.listAttempts(projectId)) {
      const key = `${attempt.userId}@${attempt.version}`
      if (!latestPerPerson.has(key)) latestPerPerson.set(key, attempt)
    }
    const tally = (version: string) => {
      const attempts = [...latestPerPerson.values()].filter((a) => a.version === version)
      return {
        // A pass counts as passed only when blind (what the status API tells tools); the rest are shown apart.
        passed: attempts.filter((a) => a.status === 'submitted' && a.passed && a.result?.blind !== false)
          .length,
        passedNotBlind: attempts.filter(
          (a) => a.status === 'submitted' && a.passed && a.result?.blind === false,
        ).length,
        failed: attempts.filter((a) => a.status === 'submitted' && !a.passed).length,
        inProgress: attempts.filter((a) => a.status === 'in_progress').length,
      }
    }
    const withPools = await Promise.all(
      versions.map(async (v) => ({
        ...v,
        calibration: tally(v.version),
        pool: await poolOf(store, projectId, v.version),
      })),
    )
    return c.json({ versions: withPools })
  })

  app.get('/:id/versions/:version', async (c) => {
    const projectId = c.req.param('id')
    const reader = await authorizeVersionRead(c, store, projectId)
    const version = c.req.param('version')
    const stored = await findVersion(store, projectId, version)
    return cached(c, bodyFor(stored, reader), 'application/json; charset=utf-8')
  })

  app.get('/:id/versions/:version/markdown', async (c) => {
    const projectId = c.req.param('id')
    const reader = await authorizeVersionRead(c, store, projectId)
    const stored = await findVersion(store, projectId, c.req.param('version'))
    const json = JSON.parse(bodyFor(stored, reader)) as VersionJson
    c.header('Content-Disposition', `attachment; filename="guideline-${stored.version}.md"`)
    return cached(c, versionMarkdown(json), 'text/markdown; charset=utf-8')
  })

  app.get('/:id/versions/:version/print', async (c) => {
    const projectId = c.req.param('id')
    const reader = await authorizeVersionRead(c, store, projectId)
    const stored = await findVersion(store, projectId, c.req.param('version'))
    const json = JSON.parse(bodyFor(stored, reader)) as VersionJson
    return cached(c, versionPrintPage(json), 'text/html; charset=utf-8')
  })

  app.get('/:id/versions/:version/snapshot', async (c) => {
    const projectId = c.req.param('id')
    await authorize(c, store, projectId, 'versions.gold')
    const stored = await findVersion(store, projectId, c.req.param('version'))
    c.header('Content-Type', 'application/octet-stream')
    c.header('Cache-Control', VERSION_CACHE_CONTROL)
    return c.body(new Uint8Array(stored.snapshot))
  })

  app.all('/:id/versions', methodNotAllowed(['GET', 'POST']))
  app.all('/:id/versions/:version', methodNotAllowed(['GET']))
  app.all('/:id/versions/:version/markdown', methodNotAllowed(['GET']))
  app.all('/:id/versions/:version/print', methodNotAllowed(['GET']))
  app.all('/:id/versions/:version/snapshot', methodNotAllowed(['GET']))
  return app
}
