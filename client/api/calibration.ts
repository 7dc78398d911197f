/**
 * Typed calls to the calibration endpoints: attempts (start, save answers, submit), feedback, annotator status,
 * retake cool-down and disputes (the leads' dashboard is in dashboard.ts). Nothing here asks for gold before
 * submission.
 */
import {
  AnnotatorStatus,
  AttemptList,
  AttemptOpenError,
  AttemptResult,
  AttemptSummary,
  AttemptView,
  AttemptWithResult,
  CalibrationSettings,
  type CriterionAnswer,
  Dispute,
  DisputeList,
  type DisputeOutcome,
} from '../../shared/schema/calibration'
import { ApiRequestError, requestJson, requestVoid, sentence } from './http'

const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}`
const attemptsUrl = (projectId: string) => `${base(projectId)}/calibration/attempts`

export { AttemptSummary }

/** Starting was refused because of the retake cool-down: when the next attempt may start. */
export class CooldownError extends Error {
  constructor(
    message: string,
    readonly retryAt: string,
  ) {
    super(message)
    this.name = 'CooldownError'
  }
}

/** Starting was refused because an attempt is open: the page offers to resume it. */
export class AttemptOpenFailure extends Error {
  constructor(readonly open: AttemptOpenError) {
    super(open.message)
    this.name = 'AttemptOpenFailure'
  }
}

/**
 * Starts an attempt (201). The cool-down's `retryAt` is read from the 429 body; an open attempt (409) is
 * reported as AttemptOpenFailure with its id.
 */
export async function startAttempt(projectId: string): Promise<AttemptView> {
  const response = await fetch(attemptsUrl(projectId), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
    credentials: 'same-origin',
  }).catch(() => null)
  if (!response)
    throw new ApiRequestError('Could not reach the server. Check your connection.', 0, 'network_error')
  const body: unknown = await response.json().catch(() => null)
  if (response.ok) {
    const parsed = AttemptView.safeParse(body)
    if (parsed.success) return parsed.data
    throw new ApiRequestError(
      'The server sent a response this page does not understand.',
      502,
      'bad_response',
    )
  }
  const error = body as { error?: string; message?: string; retryAt?: string } | null
  const open = AttemptOpenError.safeParse(body)
  if (response.status === 409 && open.success) throw new AttemptOpenFailure(open.data)
  if (response.status === 429 && error?.retryAt)
    throw new CooldownError(sentence(error.message ?? ''), error.retryAt)
  throw new ApiRequestError(
    sentence(error?.message ?? `The server answered ${response.status}.`),
    response.status,
    error?.error ?? 'http_error',
  )
}

export function listMyAttempts(projectId: string, signal?: AbortSignal): Promise<AttemptSummary[]> {
  return requestJson(attemptsUrl(projectId), AttemptList, {
    signal,
  }).then((b) => b.attempts)
}

export function getAttempt(projectId: string, attemptId: string, signal?: AbortSignal) {
  return requestJson(`${attemptsUrl(projectId)}/${encodeURIComponent(attemptId)}`, AttemptWithResult, {
    signal,
  })
}

export function saveAnswers(
  projectId: string,
  attemptId: string,
  exampleId: string,
  answers: Record<string, CriterionAnswer>,
): Promise<void> {
  return requestVoid(
    `${attemptsUrl(projectId)}/${encodeURIComponent(attemptId)}/answers/${encodeURIComponent(exampleId)}`,
    { method: 'PUT', body: { answers } },
  )
}

export function submitAttempt(projectId: string, attemptId: string): Promise<AttemptResult> {
  return requestJson(`${attemptsUrl(projectId)}/${encodeURIComponent(attemptId)}/submit`, AttemptResult, {
    method: 'POST',
    body: {},
  })
}

export function getStatus(projectId: string, userId: string, signal?: AbortSignal): Promise<AnnotatorStatus> {
  return requestJson(`${base(projectId)}/annotators/${encodeURIComponent(userId)}/status`, AnnotatorStatus, {
    signal,
  })
}

export function getSettings(projectId: string, signal?: AbortSignal) {
  return requestJson(`${base(projectId)}/calibration/settings`, CalibrationSettings, { signal })
}
export function saveSettings(projectId: string, retakeCooldownMinutes: number) {
  return requestJson(`${base(projectId)}/calibration/settings`, CalibrationSettings, {
    method: 'PUT',
    body: { retakeCooldownMinutes },
  })
}

export function listDisputes(projectId: string, signal?: AbortSignal): Promise<Dispute[]> {
  return requestJson(`${base(projectId)}/calibration/disputes`, DisputeList, {
    signal,
  }).then((b) => b.disputes)
}
export function createDispute(
  projectId: string,
  body: { attemptId: string; exampleId: string; criterionId: string; comment: string },
): Promise<Dispute> {
  return requestJson(`${base(projectId)}/calibration/disputes`, Dispute, { method: 'POST', body })
}
export function resolveDispute(
  projectId: string,
  disputeId: string,
  reply: string,
  outcome: DisputeOutcome,
): Promise<void> {
  return requestVoid(`${base(projectId)}/calibration/disputes/${encodeURIComponent(disputeId)}/resolve`, {
    method: 'POST',
    body: { reply, outcome },
  })
}

export const exportCsvUrl = (projectId: string) => `${base(projectId)}/calibration/export.csv`
