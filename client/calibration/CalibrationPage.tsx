/**
 * The route `/projects/:id/calibration`: resumes an attempt in progress, shows the feedback of the last
 * submitted one on the latest version (with retake after the cool-down), or offers to start. Before
 * submitting, nothing it requests contains gold (attempt views and annotator version JSON carry none).
 */
import { useCallback, useEffect, useState } from 'react'
import type { AnnotatorStatus, AttemptResult, AttemptView, Dispute } from '../../shared/schema/calibration'
import type { PublicExample, VersionJson } from '../../shared/schema/version'
import {
  AttemptOpenFailure,
  type AttemptSummary,
  CooldownError,
  getAttempt,
  getSettings,
  getStatus,
  listDisputes,
  listMyAttempts,
  startAttempt,
} from '../api/calibration'
import { errorMessage } from '../api/http'
import { getProject } from '../api/projects'
import { getVersion } from '../api/versions'
import { useUser } from '../auth/session'
import { MessagePage } from '../ui/MessagePage'
import { PageLoading } from '../ui/PageLoading'
import { AttemptRunner } from './AttemptRunner'
import { CalibrationHeader } from './CalibrationHeader'
import { FeedbackView } from './FeedbackView'
import { formatClock, retakeAt, useNow } from './retake'
import '../styles/calibration.css'

type Phase =
  | { name: 'loading' }
  | { name: 'error'; message: string }
  | { name: 'intro' }
  | { name: 'running'; attempt: AttemptView; version: VersionJson }
  /** `examples`: the attempt's items with their content (held-out items are not in the annotator's version). */
  | { name: 'feedback'; result: AttemptResult; version: VersionJson; examples: PublicExample[] }

interface Context {
  status: AnnotatorStatus
  lastSubmitted: AttemptSummary | null
  cooldownMinutes: number
}

const newestFirst = (a: AttemptSummary, b: AttemptSummary) =>
  (b.submittedAt ?? b.startedAt).localeCompare(a.submittedAt ?? a.startedAt)

export default function CalibrationPage({ projectId }: { projectId: string }) {
  const user = useUser()
  const [projectName, setProjectName] = useState<string | null>(null)
  const [phase, setPhase] = useState<Phase>({ name: 'loading' })
  const [context, setContext] = useState<Context | null>(null)
  const [disputes, setDisputes] = useState<Dispute[]>([])
  const [startError, setStartError] = useState<string | null>(null)
  const [starting, setStarting] = useState(false)
  /** An open attempt the server named when starting was refused: offered for resuming. */
  const [openAttempt, setOpenAttempt] = useState<{ id: string; version: string } | null>(null)
  const now = useNow()

  const resume = useCallback(
    async (attemptId: string) => {
      const { attempt } = await getAttempt(projectId, attemptId)
      const version = await getVersion(projectId, attempt.version)
      setPhase({ name: 'running', attempt, version })
    },
    [projectId],
  )

  const begin = useCallback(async () => {
    setStarting(true)
    setStartError(null)
    setOpenAttempt(null)
    try {
      const attempt = await startAttempt(projectId)
      const version = await getVersion(projectId, attempt.version)
      setPhase({ name: 'running', attempt, version })
    } catch (error) {
      if (error instanceof AttemptOpenFailure) {
        setOpenAttempt({ id: error.open.attemptId, version: error.open.version })
        setStartError('You already have an attempt open — one at a time. Resume it to continue.')
      } else {
        setStartError(
          error instanceof CooldownError
            ? `You can retake calibration at ${formatClock(error.retryAt)}.`
            : errorMessage(error),
        )
      }
    } finally {
      setStarting(false)
    }
  }, [projectId])

  const load = useCallback(async () => {
    try {
      const [project, status, attempts, settings, mine] = await Promise.all([
        getProject(projectId),
        getStatus(projectId, user.id),
        listMyAttempts(projectId),
        getSettings(projectId),
        listDisputes(projectId),
      ])
      setProjectName(project.name)
      document.title = `Calibration — ${project.name} — Yardstick`
      setDisputes(mine)
      const sorted = [...attempts].sort(newestFirst)
      const lastSubmitted = sorted.find((a) => a.status === 'submitted') ?? null
      setContext({ status, lastSubmitted, cooldownMinutes: settings.retakeCooldownMinutes })
      // One attempt is open at a time (on whichever version): resume it.
      const open = sorted.find((a) => a.status === 'in_progress')
      if (open) return await resume(open.id)
      if (lastSubmitted && lastSubmitted.version === status.latestVersion) {
        const { attempt, result } = await getAttempt(projectId, lastSubmitted.id)
        const version = await getVersion(projectId, lastSubmitted.version)
        if (result) return setPhase({ name: 'feedback', result, version, examples: attempt.examples })
      }
      setPhase({ name: 'intro' })
    } catch (error) {
      setPhase({ name: 'error', message: errorMessage(error) })
    }
  }, [projectId, user.id, resume])

  useEffect(() => {
    void load()
  }, [load])

  const header = <CalibrationHeader projectId={projectId} title="Calibration" projectName={projectName} />

  if (phase.name === 'loading') return <PageLoading label="Opening calibration…" />
  if (phase.name === 'error') {
    return (
      <MessagePage title="Calibration could not be loaded" testId="calibration-error">
        <p>{phase.message}</p>
      </MessagePage>
    )
  }

  const failedAt =
    context?.lastSubmitted && context.lastSubmitted.passed === false
      ? retakeAt(context.lastSubmitted.submittedAt, context.cooldownMinutes)
      : null
  const waiting = failedAt !== null && Date.parse(failedAt) > now
  const retake = (
    <div className="retake" data-testid="retake">
      {waiting && failedAt && (
        <p className="retake__when" data-testid="retake-when">
          You can retake at {formatClock(failedAt)} — reread the sections below meanwhile.
        </p>
      )}
      <button
        type="button"
        className="button button--primary"
        data-testid="start-attempt"
        disabled={waiting || starting}
        onClick={begin}
      >
        {context?.lastSubmitted ? 'Retake calibration' : 'Start calibration'}
      </button>
      {startError && (
        <p className={openAttempt ? 'notice' : 'form-error'} role="alert">
          {startError}
        </p>
      )}
      {openAttempt && (
        <button
          type="button"
          className="button button--primary"
          data-testid="resume-open-attempt"
          onClick={() => void resume(openAttempt.id).catch((e) => setStartError(errorMessage(e)))}
        >
          Resume your open attempt (version {openAttempt.version})
        </button>
      )}
    </div>
  )

  if (phase.name === 'running') {
    return (
      <div className="page page--calibration">
        {header}
        <AttemptRunner
          key={phase.attempt.id}
          projectId={projectId}
          attempt={phase.attempt}
          version={phase.version}
          onSubmitted={(result) => {
            setContext(
              (c) =>
                c && {
                  ...c,
                  lastSubmitted: {
                    id: result.attemptId,
                    userId: user.id,
                    version: result.version,
                    status: 'submitted',
                    startedAt: phase.attempt.startedAt,
                    submittedAt: result.submittedAt,
                    score: result.score,
                    passed: result.passed,
                    blind: result.blind !== false,
                    answered: phase.attempt.examples.length,
                    total: phase.attempt.examples.length,
                  },
                },
            )
            setPhase({ name: 'feedback', result, version: phase.version, examples: phase.attempt.examples })
            window.scrollTo(0, 0)
          }}
        />
      </div>
    )
  }

  if (phase.name === 'feedback') {
    return (
      <div className="page page--calibration">
        {header}
        <FeedbackView
          projectId={projectId}
          result={phase.result}
          version={phase.version}
          examples={phase.examples}
          disputes={disputes}
          onDisputed={(d) => setDisputes((list) => [...list, d])}
          retake={
            phase.result.passed && phase.result.blind === false ? (
              <p className="notice" data-testid="passed-not-blind">
                Passed, not blind: you could read the gold
                {phase.result.notBlindReasons?.includes('draft_reader')
                  ? ' (your role on this project can open the draft, where gold is kept)'
                  : ' (items you had seen in an earlier attempt)'}
                . This does not count as calibrated for annotation tools.
              </p>
            ) : phase.result.passed ? (
              <p className="muted">You're calibrated on version {phase.result.version}.</p>
            ) : (
              retake
            )
          }
        />
      </div>
    )
  }

  const status = context?.status
  return (
    <div className="page page--calibration">
      {header}
      <main className="calibration-intro" data-testid="calibration-intro">
        {!status?.latestVersion ? (
          <>
            <h2>No published version yet</h2>
            <p>Calibration starts once a lead publishes a version of the guideline.</p>
          </>
        ) : (
          <>
            <h2>Calibration on version {status.latestVersion}</h2>
            {status.status === 'stale' && (
              <p className="notice" data-testid="stale-notice">
                You passed version {status.version}, but the guideline has changed materially since.
                Re-calibrate on version {status.latestVersion}.
              </p>
            )}
            <p>
              You'll score a set of gold examples, one at a time, with the guideline open beside them. Answers
              are saved as you go — you can leave and come back. After you submit, you'll see the gold answers
              and the reasons for them.
            </p>
            {retake}
          </>
        )}
      </main>
    </div>
  )
}
