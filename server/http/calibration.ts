/**
 * Calibration routes: start, save and submit attempts (answers saved as they go; scoring on the server),
 * feedback after submission, retake cool-down, and the status API that annotation platforms gate production
 * work on (session or read token). Disputes of gold values are in disputes.ts.
 */
import { Hono } from 'hono'
import { can } from '../../shared/auth/permissions'
import { calibrationStatus } from '../../shared/rubric/calibrationStatus'
import {
  type AnnotatorStatus,
  type AttemptSummary,
  CooldownBody,
  SaveAnswersBody,
  StartAttemptBody,
} from '../../shared/schema/calibration'
import { authorize } from '../auth/access'
import { authorizeVersionRead } from '../auth/readTokens'
import {
  assertComplete,
  assertValidAnswers,
  attemptItems,
  attemptView,
  scoreAndExplain,
} from '../calibration/attempts'
import { couldReadDraft } from '../calibration/blindness'
import { rescoreJustSubmitted } from '../calibration/rescore'
import { seenGold } from '../calibration/seenGold'
import { startAttempt } from '../calibration/startAttempt'
import { loadVersionJson } from '../calibration/versionJson'
import type { AttemptRecord } from '../storage/store'
import { submitEvents } from '../webhooks/events'
import type { AppEnv, RouteDeps } from './env'
import { ApiFailure, methodNotAllowed, notFound, readJson } from './errors'

const summaryOf = (a: AttemptRecord): AttemptSummary => ({
  id: a.id,
  userId: a.userId,
  version: a.version,
  status: a.status,
  startedAt: a.startedAt,
  submittedAt: a.submittedAt,
  score: a.score,
  passed: a.passed,
  blind: a.result ? a.result.blind !== false : null,
  answered: Object.keys(a.answers).length,
  total: a.exampleOrder.length,
})

export function calibrationRoutes({ store, webhooks }: RouteDeps): Hono<AppEnv> {
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

  /** Refuses changes to an open attempt that is not the annotator's registered one (left from before the rule). */
  async function assertOpenSlot(attempt: AttemptRecord) {
    if (attempt.status !== 'in_progress')
      throw new ApiFailure(409, 'attempt_submitted', 'this attempt has already been submitted')
    const open = await store.openAttempt(attempt.projectId, attempt.userId)
    if (open?.id !== attempt.id)
      throw new ApiFailure(
        409,
        'attempt_superseded',
        'this attempt was replaced by your newer open attempt',
        {
          attemptId: open?.id ?? null,
        },
      )
  }

  const seenBy = async (attempt: AttemptRecord) =>
    seenGold(
      store,
      attempt.projectId,
      await store.listAttempts(attempt.projectId, attempt.userId),
      attempt.id,
    )

  app.post('/:id/calibration/attempts', async (c) => {
    const projectId = c.req.param('id')
    const { auth } = await authorize(c, store, projectId, 'calibration.take')
    const body = await readJson(c, StartAttemptBody)
    const version = await loadVersionJson(store, projectId, body.version)
    try {
      const { attempt, seen } = await startAttempt(store, projectId, auth.user.id, version)
      return c.json(attemptView(attempt, version, seen), 201)
    } catch (error) {
      if (error instanceof ApiFailure && error.code === 'cooldown')
        c.header('Retry-After', String(error.details?.retryAfterSeconds ?? 60))
      throw error
    }
  })

  app.get('/:id/calibration/attempts', async (c) => {
    const projectId = c.req.param('id')
    const { auth, role } = await authorize(c, store, projectId, 'calibration.take')
    const everyone = c.req.query('scope') === 'all'
    if (everyone && !can(role, 'calibration.manage'))
      throw new ApiFailure(403, 'forbidden', 'only owners and leads see everyone')
    const attempts = await store.listAttempts(projectId, everyone ? undefined : auth.user.id)
    return c.json({ attempts: attempts.map(summaryOf) })
  })

  app.get('/:id/calibration/attempts/:attemptId', async (c) => {
    const projectId = c.req.param('id')
    const { attempt } = await visibleAttempt(c, projectId, c.req.param('attemptId'))
    const version = await loadVersionJson(store, projectId, attempt.version)
    return c.json({
      attempt: attemptView(attempt, version, await seenBy(attempt)),
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
    await assertOpenSlot(attempt)
    const version = await loadVersionJson(store, projectId, attempt.version)
    const example = attemptItems(attempt, version).find((e) => e.id === exampleId)
    if (!example) throw notFound('example in this version')
    assertValidAnswers(version, example, body.answers)
    if (!(await store.saveAnswers(attempt.id, exampleId, body.answers))) {
      throw new ApiFailure(409, 'attempt_submitted', 'this attempt has already been submitted')
    }
    return c.body(null, 204)
  })

  app.post('/:id/calibration/attempts/:attemptId/submit', async (c) => {
    const projectId = c.req.param('id')
    const { attempt, mine, auth } = await visibleAttempt(c, projectId, c.req.param('attemptId'))
    if (!mine) throw new ApiFailure(403, 'forbidden', 'only the annotator submits their attempt')
    await assertOpenSlot(attempt)
    const version = await loadVersionJson(store, projectId, attempt.version)
    assertComplete(attempt, version)
    const result = scoreAndExplain(attempt, version, new Date().toISOString(), {
      seen: await seenBy(attempt),
      draftReader: await couldReadDraft(store, projectId, attempt.userId),
    })
    const submitted = await store.submitAttempt(
      attempt.id,
      { score: result.score, passed: result.passed, result },
      (attempts, latest) => submitEvents(attempt.id, attempts, latest),
    )
    if (!submitted) throw new ApiFailure(409, 'attempt_submitted', 'this attempt has already been submitted')
    webhooks.nudge()
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
    const facts = attempts.map((a) => ({
      version: a.version,
      status: a.status,
      passed: a.passed,
      score: a.score,
      at: a.submittedAt ?? a.startedAt,
      blind: a.result ? a.result.blind !== false : null,
      seenBefore: a.result?.seenBefore ?? 0,
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
