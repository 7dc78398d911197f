#!/usr/bin/env node
/**
 * Dependency audit for CI (run by `npm run check`): fails when package-lock.json holds a version listed as
 * vulnerable in scripts/advisories.json (offline, deterministic, covers the client bundle's dev dependencies
 * such as TipTap and linkify), then asks the registry (`npm audit --omit=dev --audit-level=high`). The
 * registry's bulk advisory endpoint is not reachable from every machine (this one answers 405). Where it
 * is unreachable, the offline list is all there is, so it must be fresh: the build fails once the list's
 * `refreshedAt` is older than its `maxAgeDays`, with the way to refresh it (`npm run audit:refresh` where
 * the endpoint answers, scripts/auditRefresh.mjs). AUDIT_ONLINE=required fails whenever the endpoint is
 * unreachable; AUDIT_ONLINE=skip does not ask it (and so applies the age limit); AUDIT_NOW sets the clock. A reachable endpoint that
 * reports high or critical advisories always fails the build.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Compares dotted numeric versions (pre-release tags sort before the release). */
export function compareVersions(a, b) {
  const parse = (v) => {
    const [core, pre] = v.split('-', 2)
    return { parts: core.split('.').map((n) => Number.parseInt(n, 10) || 0), pre: pre ?? null }
  }
  const x = parse(a)
  const y = parse(b)
  for (let i = 0; i < 3; i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0)
    if (d !== 0) return Math.sign(d)
  }
  if (x.pre === y.pre) return 0
  if (x.pre === null) return 1
  if (y.pre === null) return -1
  return x.pre < y.pre ? -1 : 1
}

/** Whether `version` falls in one range: from `introduced` up to `fixed` (exclusive; absent: no fix yet). */
export function inRange(version, range) {
  if (compareVersions(version, range.introduced) < 0) return false
  if (range.lastAffected) return compareVersions(version, range.lastAffected) <= 0
  return range.fixed ? compareVersions(version, range.fixed) < 0 : true
}

/** Days since the list was last refreshed, and whether that is past its limit (or undated: stale too). */
export function listAge(list, now = new Date()) {
  const refreshed = Date.parse(list.refreshedAt ?? '')
  const maxAgeDays = Number(list.maxAgeDays ?? 30)
  if (Number.isNaN(refreshed)) return { days: Number.POSITIVE_INFINITY, maxAgeDays, stale: true }
  const days = Math.floor((now.getTime() - refreshed) / 86_400_000)
  return { days, maxAgeDays, stale: days > maxAgeDays }
}

export const REFRESH_HINT =
  'Refresh it on a machine whose registry answers `npm audit` (run `npm run audit:refresh` and commit scripts/advisories.json), or review new advisories for our dependencies by hand, add them, and set refreshedAt to the day you checked.'

/** Every installed package (name, version, where) that falls in an advisory's vulnerable range. */
export function findVulnerable(lock, advisories) {
  const found = []
  for (const [path, info] of Object.entries(lock.packages ?? {})) {
    if (!path.includes('node_modules/') || !info.version) continue
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)
    for (const advisory of advisories) {
      if (advisory.package !== name) continue
      const hit = advisory.ranges.some((r) => inRange(info.version, r))
      if (hit) found.push({ name, version: info.version, path, advisory })
    }
  }
  return found
}

function onlineAudit() {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  })
  let report = null
  try {
    report = JSON.parse(run.stdout)
  } catch {}
  if (report?.metadata?.vulnerabilities) {
    const { high = 0, critical = 0 } = report.metadata.vulnerabilities
    return { reachable: true, failing: high + critical, report }
  }
  const reason = report?.message ?? run.error?.message ?? run.stderr.trim().split('\n').at(-1) ?? 'no answer'
  return { reachable: false, reason }
}

/** With only the offline list to go on, it must be recent. Returns whether the check failed. */
function checkAge(list, reason) {
  // AUDIT_NOW moves the clock (tests of the age limit).
  const age = listAge(list, process.env.AUDIT_NOW ? new Date(process.env.AUDIT_NOW) : new Date())
  const when = list.refreshedAt ? `on ${list.refreshedAt} (${age.days} days ago)` : 'never'
  if (age.stale) {
    console.error(
      `audit: the registry's bulk advisory endpoint is unreachable (${reason}) and scripts/advisories.json was last refreshed ${when}, more than ${age.maxAgeDays} days ago, so new advisories may be missing. ${REFRESH_HINT}`,
    )
    return true
  }
  console.warn(
    `audit: WARNING the registry's bulk advisory endpoint is unreachable (${reason}); only the offline list (refreshed ${when}; the build fails after ${age.maxAgeDays} days) was checked. Set AUDIT_ONLINE=required where the endpoint is reachable.`,
  )
  return false
}

function main() {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'))
  const list = JSON.parse(readFileSync(join(ROOT, 'scripts/advisories.json'), 'utf8'))
  const { advisories } = list
  let failed = false
  const vulnerable = findVulnerable(lock, advisories)
  for (const { name, version, path, advisory } of vulnerable) {
    const fixes = advisory.ranges.map((r) => r.fixed ?? '(no fix yet)').join(' / ')
    console.error(
      `audit: ${name}@${version} (${path}) is vulnerable — ${advisory.id}, ${advisory.severity}: ${advisory.summary}. Upgrade to ${fixes} or later.`,
    )
    failed = true
  }
  if (!failed) console.log(`audit: no installed version matches the ${advisories.length} offline advisories`)

  const online =
    process.env.AUDIT_ONLINE === 'skip' ? { reachable: false, reason: 'AUDIT_ONLINE=skip' } : onlineAudit()
  if (online.reachable && online.failing > 0) {
    const names = Object.values(online.report.vulnerabilities ?? {})
      .filter((v) => v.severity === 'high' || v.severity === 'critical')
      .map((v) => `${v.name} (${v.severity}, ${v.range})`)
    console.error(`audit: npm audit reports high/critical advisories: ${names.join(', ')}`)
    failed = true
  } else if (online.reachable) {
    console.log('audit: npm audit reports no high or critical advisories')
  } else if (process.env.AUDIT_ONLINE === 'required') {
    console.error(
      `audit: the registry's audit endpoint is unreachable (${online.reason}) and AUDIT_ONLINE=required`,
    )
    failed = true
  } else {
    failed = checkAge(list, online.reason) || failed
  }
  if (failed) process.exit(1)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()
