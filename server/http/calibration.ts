/**
 * Calibration routes: start, save and submit attempts (answers saved as they go; scoring on the server),
 * feedback after submission, retake cool-down, and the status API that annotation platforms gate production
 * work on (session or read token). Disputes of gold values are in disputes.ts.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { can } from '../../shared/auth/permissions'
import { calibrationStatus } from '../../shared/rubric/calibrationStatus'
import { type AnnotatorStatus, SaveAnswersBody, StartAttemptBody } from '../../shared/schema/calibration'
import type { VersionJson } from '../../shared/schema/version'
import { authorize } from '../auth/access'
import { authorizeVersionRead } from '../auth/readTokens'
import { newId } from '../auth/tokens'
import {
  assertComplete,
  attemptView,
  readyExamples,
  scoreAndExplain,
  shuffled,
} from '../calibration/attempts'
import { rescoreJustSubmitted } from '../calibration/rescore'
import type { AttemptRecord, Store } from '../storage/store'
import type { AppEnv, RouteDeps } from './env'
import { ApiFailure, methodNotAllowed, notFound, readJson } from './errors'

async function versionJson(store: Store, projectId: string, version?: string): Promise<VersionJson> {
  const stored = version ? await store.getVersion(projectId, version) : await store.latestVersion(projectId)
  if (!stored) throw notFound(version ? `version ${version}` : 'published version')
  return JSON.parse(stored.json) as VersionJson
}

const CooldownBody = z
  .object({
    retakeCooldownMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 30),
  })
  .strict()

export function calibrationRoutes({ store }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  /** The attempt, if the caller may see it (their own, or anyone's for owners and leads). */
  async function visibleAttempt(c: Parameters<typeof authorize>[0], projectId: string, attemptId: string) {
    const { auth, role } = await authorize(c, store, projectId, 'calibration.take')
    const attempt = await store.getAttempt(attemptId)
    if (!attempt || attempt.projectId !== projectId) throw notFound('attempt')
    const mine = attempt.userId === auth.user.id
    if (!mine && !can(role, 'calibration.manage')) throw notFound('attempt')
    return { auth, role, attempt, mine }
  }

  app.post('/:id/calibration/attempts', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'calibration.take')
    const body = await readJson(c, StartAttemptBody)
    const version = await versionJson(store, projectId, body.version)
    const mine = await store.listAttempts(projectId, auth.user.id)
    const open = mine.find((a) => a.status === 'in_progress' && a.version === version.version)
    if (open) return c.json(attemptView(open, version))
    const lastFailed = mine.find((a) => a.status === 'submitted')
    if (lastFailed && !lastFailed.passed) {
      const cooldown = (await store.retakeCooldownMinutes(projectId)) * 60_000
      const wait = Date.parse(lastFailed.submittedAt!) + cooldown - Date.now()
      if (wait > 0) {
        c.header('Retry-After', String(Math.ceil(wait / 1000)))
        throw new ApiFailure(
          429,
          'cooldown',
          `you can retake calibration in ${Math.ceil(wait / 60_000)} min`,
          {
            retryAt: new Date(Date.now() + wait).toISOString(),
          },
        )
      }
    }
    const examples = readyExamples(version)
    if (examples.length === 0)
      throw new ApiFailure(409, 'no_examples', 'this version has no calibration examples ready')
    const attempt = await store.createAttempt({
      id: newId(),
      projectId,
      userId: auth.user.id,
      version: version.version,
      exampleOrder: shuffled(examples.map((e) => e.id)),
    })
    return c.json(attemptView(attempt, version), 201)
  })

  app.get('/:id/calibration/attempts', async (c) => {
    const projectId = c.req.param('id')
    const { auth, role } = await authorize(c, store, projectId, 'calibration.take')
    const everyone = c.req.query('scope') === 'all'
    if (everyone && !can(role, 'calibration.manage'))
      throw new ApiFailure(403, 'forbidden', 'only owners and leads see everyone')
    const attempts = await store.listAttempts(projectId, everyone ? undefined : auth.user.id)
    return c.json({
      attempts: attempts.map((a) => ({
        id: a.id,
        userId: a.userId,
        version: a.version,
        status: a.status,
        startedAt: a.startedAt,
        submittedAt: a.submittedAt,
        score: a.score,
        passed: a.passed,
        answered: Object.keys(a.answers).length,
        total: a.exampleOrder.length,
      })),
    })
  })

  app.get('/:id/calibration/attempts/:attemptId', async (c) => {
    const projectId = c.req.param('id')
    const { attempt } = await visibleAttempt(c, projectId, c.req.param('attemptId'))
    const version = await versionJson(store, projectId, attempt.version)
    return c.json({
      attempt: attemptView(attempt, version),
      result: attempt.status === 'submitted' ? attempt.result : null,
    })
  })

  app.put('/:id/calibration/attempts/:attemptId/answers/:exampleId', async (c) => {
    const projectId = c.req.param('id')
    const { attempt, mine } = await visibleAttempt(c, projectId, c.req.param('attemptId'))
    if (!mine) throw new ApiFailure(403, 'forbidden', 'only the annotator answers their attempt')
    const exampleId = c.req.param('exampleId')
    if (!attempt.exampleOrder.includes(exampleId)) throw notFound('example in this attempt')
    const body = await readJson(c, SaveAnswersBody)
    if (!(await store.saveAnswers(attempt.id, exampleId, body.answers))) {
      throw new ApiFailure(409, 'attempt_submitted', 'this attempt has already been submitted')
    }
    return c.body(null, 204)
  })

  app.post('/:id/calibration/attempts/:attemptId/submit', async (c) => {
    const projectId = c.req.param('id')
    const { attempt, mine, auth } = await visibleAttempt(c, projectId, c.req.param('attemptId'))
    if (!mine) throw new ApiFailure(403, 'forbidden', 'only the annotator submits their attempt')
    if (attempt.status !== 'in_progress')
      throw new ApiFailure(409, 'attempt_submitted', 'this attempt has already been submitted')
    const version = await versionJson(store, projectId, attempt.version)
    assertComplete(attempt, version)
    const result = scoreAndExplain(attempt, version, new Date().toISOString())
    if (!(await store.submitAttempt(attempt.id, { score: result.score, passed: result.passed, result }))) {
      throw new ApiFailure(409, 'attempt_submitted', 'this attempt has already been submitted')
    }
    // Started before a gold fix was published: scored against the corrected gold at once.
    const rescored = await rescoreJustSubmitted(store, attempt.id, auth.user.id)
    return c.json(rescored ? rescored.result : result)
  })

  app.get('/:id/annotators/:userId/status', async (c) => {
    const projectId = c.req.param('id')
    const userId = c.req.param('userId')
    const auth = c.get('auth')
    if (auth && auth.user.id !== userId) await authorize(c, store, projectId, 'calibration.manage')
    else await authorizeVersionRead(c, store, projectId)
    if (!(await store.getRole(projectId, userId))) throw notFound('member')
    const latest = await store.latestVersion(projectId)
    const attempts = await store.listAttempts(projectId, userId)
    const facts = attempts.map((a: AttemptRecord) => ({
      version: a.version,
      status: a.status,
      passed: a.passed,
      score: a.score,
      at: a.submittedAt ?? a.startedAt,
    }))
    const status = calibrationStatus(facts, latest?.version ?? null)
    return c.json<AnnotatorStatus>({ userId, latestVersion: latest?.version ?? null, ...status })
  })

  app.get('/:id/calibration/settings', async (c) => {
    await authorize(c, store, c.req.param('id'), 'calibration.take')
    return c.json({ retakeCooldownMinutes: await store.retakeCooldownMinutes(c.req.param('id')) })
  })

  app.put('/:id/calibration/settings', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'calibration.manage')
    const body = await readJson(c, CooldownBody)
    await store.setRetakeCooldownMinutes(projectId, body.retakeCooldownMinutes)
    await store.appendAudit({
      projectId,
      actorId: auth.user.id,
      action: 'calibration.settings_changed',
      details: body,
    })
    return c.json(body)
  })

  app.all('/:id/calibration/attempts', methodNotAllowed(['GET', 'POST']))
  app.all('/:id/calibration/attempts/:attemptId', methodNotAllowed(['GET']))
  app.all('/:id/calibration/attempts/:attemptId/answers/:exampleId', methodNotAllowed(['PUT']))
  app.all('/:id/calibration/attempts/:attemptId/submit', methodNotAllowed(['POST']))
  app.all('/:id/annotators/:userId/status', methodNotAllowed(['GET']))
  app.all('/:id/calibration/settings', methodNotAllowed(['GET', 'PUT']))
  return app
}
