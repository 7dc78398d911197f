/**
 * An annotator's calibration status on a project (not started, in progress, passed, passed but not blind,
 * failed, or stale after a new major version), as a small badge for the project list and a call to action for the project page.
 * Small and chart-free: it ships in the initial bundle.
 */
import { useEffect, useState } from 'react'
import type { AnnotatorStatus } from '../../shared/schema/calibration'
import { getSettings, getStatus } from '../api/calibration'
import { Link } from '../app/Link'
import { calibrationPath } from '../app/router'
import '../styles/calibration.css'

const BADGE_TEXT: Record<AnnotatorStatus['status'], string> = {
  not_started: 'Calibration to do',
  in_progress: 'Calibration in progress',
  passed: 'Calibrated ✓',
  passed_not_blind: 'Passed, not blind',
  failed: 'Calibration failed',
  stale: 'Re-calibrate',
}

/** The caller's status on a project, or null while loading (or when it cannot be loaded). */
export function useCalibrationStatus(projectId: string, userId: string): AnnotatorStatus | null {
  const [status, setStatus] = useState<AnnotatorStatus | null>(null)
  useEffect(() => {
    const controller = new AbortController()
    getStatus(projectId, userId, controller.signal).then(setStatus, () => {})
    return () => controller.abort()
  }, [projectId, userId])
  return status
}

export function CalibrationStatusBadge({ status }: { status: AnnotatorStatus }) {
  if (!status.latestVersion) return null
  return (
    <span
      className={`calibration-badge calibration-badge--${status.status}`}
      data-testid="calibration-badge"
      data-status={status.status}
    >
      {BADGE_TEXT[status.status]}
    </span>
  )
}

/** "Take calibration" with what the annotator's status means; shown on the project page. */
export function CalibrationCallToAction({ projectId, userId }: { projectId: string; userId: string }) {
  const status = useCalibrationStatus(projectId, userId)
  const [retakeAt, setRetakeAt] = useState<string | null>(null)
  useEffect(() => {
    if (status?.status !== 'failed' || !status.at) return
    const at = status.at
    getSettings(projectId).then(
      (s) => setRetakeAt(new Date(Date.parse(at) + s.retakeCooldownMinutes * 60_000).toISOString()),
      () => {},
    )
  }, [projectId, status])
  if (!status?.latestVersion) return null
  const score = status.score === null ? '' : ` (${Math.round(status.score * 100)}%)`
  const line = {
    not_started: `Before you start annotating, pass calibration on version ${status.latestVersion}.`,
    in_progress: 'You have a calibration attempt in progress; your answers are saved.',
    passed: `You passed calibration on version ${status.version}${score}.`,
    passed_not_blind: `Passed, not blind: you could read the gold (a draft-reading role, or items you had seen in an earlier attempt), so this does not count as calibrated${score}.`,
    failed: `You did not pass calibration yet${score}.${
      retakeAt
        ? Date.parse(retakeAt) > Date.now()
          ? ` You can retake at ${new Date(retakeAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}.`
          : ' You can retake now.'
        : ''
    }`,
    stale: `A new major version (${status.latestVersion}) requires re-calibration; you passed ${status.version}.`,
  }[status.status]
  const action = {
    not_started: 'Take calibration',
    in_progress: 'Resume calibration',
    passed: 'See your feedback',
    passed_not_blind: 'See your feedback',
    failed: 'See feedback and retake',
    stale: 'Re-calibrate',
  }[status.status]
  return (
    <div
      className={`calibration-cta calibration-cta--${status.status}`}
      data-testid="calibration-cta"
      data-status={status.status}
    >
      <div>
        <CalibrationStatusBadge status={status} />
        <p className="calibration-cta__line">{line}</p>
      </div>
      <Link
        href={calibrationPath(projectId)}
        className={`button ${status.status === 'passed' ? 'button--secondary' : 'button--primary'}`}
        data-testid="take-calibration"
      >
        {action}
      </Link>
    </div>
  )
}
