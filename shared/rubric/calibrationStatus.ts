/**
 * An annotator's calibration status on a project: passed or failed on the version they last took, in
 * progress, not started — or stale when a newer *major* version has been published since they passed
 * (minor and patch versions keep a pass valid).
 */
import type { CalibrationStatus } from '../schema/calibration'
import { parseSemver } from '../versioning/semver'

export interface AttemptFacts {
  version: string
  status: 'in_progress' | 'submitted'
  passed: boolean | null
  score: number | null
  at: string
}

export interface StatusResult {
  status: CalibrationStatus
  version: string | null
  score: number | null
  at: string | null
}

const majorOf = (version: string) => parseSemver(version)?.major ?? 0

/** `attempts` newest first; `latestVersion` is the newest published version (null when none). */
export function calibrationStatus(attempts: AttemptFacts[], latestVersion: string | null): StatusResult {
  const latestMajor = latestVersion ? majorOf(latestVersion) : 0
  const current = attempts.filter((a) => majorOf(a.version) === latestMajor)
  const newestPass = current.find((a) => a.status === 'submitted' && a.passed)
  if (newestPass)
    return { status: 'passed', version: newestPass.version, score: newestPass.score, at: newestPass.at }
  const inProgress = current.find((a) => a.status === 'in_progress')
  if (inProgress)
    return { status: 'in_progress', version: inProgress.version, score: null, at: inProgress.at }
  const failed = current.find((a) => a.status === 'submitted')
  if (failed) return { status: 'failed', version: failed.version, score: failed.score, at: failed.at }
  const olderPass = attempts.find((a) => a.status === 'submitted' && a.passed)
  if (olderPass)
    return { status: 'stale', version: olderPass.version, score: olderPass.score, at: olderPass.at }
  return { status: 'not_started', version: null, score: null, at: null }
}
