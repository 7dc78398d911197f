/** Semantic version numbers of published guidelines: parsing, bumping and comparing. */
import type { Bump } from '../schema/version'

export interface SemVer {
  major: number
  minor: number
  patch: number
}

export function parseSemver(text: string): SemVer | null {
  const match = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/.exec(text)
  if (!match) return null
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) }
}

export const formatSemver = (v: SemVer) => `${v.major}.${v.minor}.${v.patch}`

/** The next version after `latest` (or the first one, 1.0.0 / 0.1.0 / 0.0.1, when there is none). */
export function bumpSemver(latest: SemVer | null, bump: Bump): SemVer {
  const base = latest ?? { major: 0, minor: 0, patch: 0 }
  if (bump === 'major') return { major: base.major + 1, minor: 0, patch: 0 }
  if (bump === 'minor') return { major: base.major, minor: base.minor + 1, patch: 0 }
  return { major: base.major, minor: base.minor, patch: base.patch + 1 }
}

export function compareSemver(a: SemVer, b: SemVer): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch
}
