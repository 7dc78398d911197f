#!/usr/bin/env node
/**
 * `npm run audit:refresh`: brings scripts/advisories.json up to date from the registry's bulk advisory
 * endpoint (through `npm audit --json`, all dependencies, dev included since they ship in the client
 * bundle). Every advisory the registry reports for the lockfile is merged in (same id: replaced), the
 * hand-written entries stay, and `refreshedAt` becomes today. Fails, changing nothing, when the endpoint is
 * unreachable. ADVISORIES_FILE names another file to update (tests).
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * An npm advisory range (`>=8.0.0 <8.17.1`, `<4.3.2`, `<=1.2.0`, `*`, joined by `||`) as the list's
 * ranges. Throws on anything else, so that a range is never silently widened or narrowed.
 */
export function parseRange(range) {
  return range.split('||').map((part) => {
    const out = { introduced: '0.0.0' }
    for (const comparator of part.trim().split(/\s+/)) {
      const match = /^(>=|<=|<|)v?(\*|\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(comparator)
      if (!match || (match[2] === '*' && match[1] !== '')) throw new Error(`unsupported range "${range}"`)
      const [, op, version] = match
      if (version === '*') continue
      if (op === '>=') out.introduced = version
      else if (op === '<') out.fixed = version
      else if (op === '<=') out.lastAffected = version
      else {
        out.introduced = version
        out.lastAffected = version
      }
    }
    return out
  })
}

/** The advisories of an `npm audit --json` report, in the list's format. */
export function advisoriesFromReport(report) {
  const found = new Map()
  for (const vulnerability of Object.values(report.vulnerabilities ?? {})) {
    for (const via of vulnerability.via ?? []) {
      if (typeof via !== 'object' || !via.name || !via.range) continue
      const id = via.url ?? String(via.source)
      found.set(`${via.name} ${id}`, {
        package: via.name,
        ranges: parseRange(via.range),
        severity: via.severity,
        id,
        summary: via.title,
        source: 'npm audit',
      })
    }
  }
  return [...found.values()]
}

/** The list with `fresh` merged in (same package and id: replaced) and dated `today`. */
export function mergeAdvisories(list, fresh, today) {
  const key = (a) => `${a.package} ${a.id}`
  const incoming = new Set(fresh.map(key))
  return {
    ...list,
    refreshedAt: today,
    refreshedBy: 'npm audit (npm run audit:refresh)',
    advisories: [...list.advisories.filter((a) => !incoming.has(key(a))), ...fresh],
  }
}

function main() {
  const file = process.env.ADVISORIES_FILE ?? join(ROOT, 'scripts/advisories.json')
  const run = spawnSync('npm', ['audit', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
  let report = null
  try {
    report = JSON.parse(run.stdout)
  } catch {}
  if (!report?.metadata?.vulnerabilities) {
    const reason =
      report?.message ?? run.error?.message ?? run.stderr.trim().split('\n').at(-1) ?? 'no answer'
    console.error(
      `audit:refresh: the registry's bulk advisory endpoint is unreachable (${reason}); nothing changed. Run this where \`npm audit\` works, or review advisories by hand (see the "about" of ${file}).`,
    )
    process.exit(1)
  }
  const list = JSON.parse(readFileSync(file, 'utf8'))
  const fresh = advisoriesFromReport(report)
  const updated = mergeAdvisories(list, fresh, new Date().toISOString().slice(0, 10))
  writeFileSync(file, `${JSON.stringify(updated, null, 2)}\n`)
  console.log(
    `audit:refresh: ${fresh.length} advisories reported for the lockfile, ${updated.advisories.length} in the list, refreshed ${updated.refreshedAt}`,
  )
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()
