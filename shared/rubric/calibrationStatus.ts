/**
 * An annotator's calibration status on a project: passed or failed on the version they last took, in
 * progress, not started — or stale when a newer *major* version has been published since they passed
 * (minor and patch versions keep a pass valid). Only a blind pass is `passed`; a pass by someone who could
 * read the gold before answering is `passed_not_blind`, so a tool checking `status === 'passed'` is safe.
 */
import type { CalibrationStatus } from '../schema/calibration'
import { parseSemver } from '../versioning/semver'

export interface AttemptFacts {
  version: string
  status: 'in_progress' | 'submitted'
  passed: boolean | null
  score: number | null
  at: string
  /** False when not blind; null/undefined for open attempts and results from before blindness was kept. */
  blind?: boolean | null
  seenBefore?: number | null
}

export interface StatusResult {
  status: CalibrationStatus
  version: string | null
  score: number | null
  at: string | null
  blind: boolean | null
  seenBefore: number | null
}

const majorOf = (version: string) => parseSemver(version)?.major ?? 0

function result(status: CalibrationStatus, a: AttemptFacts | null, submitted: boolean): StatusResult {
  return {
    status,
    version: a?.version ?? null,
    score: submitted ? (a?.score ?? null) : null,
    at: a?.at ?? null,
    blind: submitted && a ? a.blind !== false : null,
    seenBefore: submitted && a ? (a.seenBefore ?? 0) : null,
  }
}

/** `attempts` newest first; `latestVersion` is the newest published version (null when none). */
export function calibrationStatus(attempts: AttemptFacts[], latestVersion: string | null): StatusResult {
  const latestMajor = latestVersion ? majorOf(latestVersion) : 0
  const current = attempts.filter((a) => majorOf(a.version) === latestMajor)
  const passes = current.filter((a) => a.status === 'submitted' && a.passed)
  const blindPass = passes.find((a) => a.blind !== false)
  if (blindPass) return result('passed', blindPass, true)
  if (passes[0]) return result('passed_not_blind', passes[0], true)
  const inProgress = current.find((a) => a.status === 'in_progress')
  if (inProgress) return result('in_progress', inProgress, false)
  const failed = current.find((a) => a.status === 'submitted')
  if (failed) return result('failed', failed, true)
  const olderPass = attempts.find((a) => a.status === 'submitted' && a.passed)
  if (olderPass) return result('stale', olderPass, true)
  return result('not_started', null, false)
}
