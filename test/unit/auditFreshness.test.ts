/**
 * The offline advisory list stays fresh: `npm run check` fails once it is older than its limit while the
 * registry's bulk endpoint is unreachable (with the way to refresh), and `npm run audit:refresh` rebuilds it
 * from `npm audit` — exercised here against a local stand-in for the registry's bulk advisory endpoint.
 */
import { spawn } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
// @ts-expect-error -- plain ESM scripts without type declarations
import { findVulnerable, listAge } from '../../scripts/audit.mjs'
// @ts-expect-error -- plain ESM scripts without type declarations
import { advisoriesFromReport, mergeAdvisories, parseRange } from '../../scripts/auditRefresh.mjs'

const root = resolve(import.meta.dirname, '../..')
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

function run(script: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((done) => {
    const child = spawn(process.execPath, [script], { cwd: root, env: { ...process.env, ...env } })
    let output = ''
    child.stdout.on('data', (c) => {
      output += c
    })
    child.stderr.on('data', (c) => {
      output += c
    })
    child.on('exit', (code) => done({ code, output }))
  })
}

/** A stand-in for the registry that reports one advisory on `ws` for whatever version is installed. */
async function fakeRegistry(): Promise<{ url: string; asked: string[] }> {
  const asked: string[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if (req.method === 'POST' && req.url?.endsWith('/-/npm/v1/security/advisories/bulk')) {
        const raw = Buffer.concat(chunks)
        const body = JSON.parse(
          (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'),
        ) as Record<string, string[]>
        asked.push(...Object.keys(body))
        res.setHeader('content-type', 'application/json')
        res.end(
          JSON.stringify({
            ws: [
              {
                id: 424242,
                url: 'https://github.com/advisories/GHSA-test-test-test',
                title: 'a test advisory for every ws before 99',
                severity: 'high',
                vulnerable_versions: '>=8.0.0 <99.0.0',
                cwe: [],
                cvss: { score: 7.5, vectorString: null },
              },
            ],
          }),
        )
        return
      }
      res.statusCode = 404
      res.end('{}')
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  cleanups.push(() => server.close())
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, asked }
}

function tempCopyOfList() {
  const dir = mkdtempSync(join(tmpdir(), 'yardstick-audit-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'advisories.json')
  copyFileSync(join(root, 'scripts/advisories.json'), file)
  return file
}

describe('advisory list freshness', () => {
  it('counts the days since refreshedAt against maxAgeDays; an undated list is stale', () => {
    const now = new Date('2026-12-03T12:00:00Z')
    expect(listAge({ refreshedAt: '2026-11-26', maxAgeDays: 30 }, now)).toEqual({
      days: 7,
      maxAgeDays: 30,
      stale: false,
    })
    expect(listAge({ refreshedAt: '2026-10-01', maxAgeDays: 30 }, now).stale).toBe(true)
    expect(listAge({}, now).stale).toBe(true)
  })

  it('the list we ship is dated and has a limit (whether it is still fresh is npm run check’s call)', () => {
    const list = JSON.parse(readFileSync(join(root, 'scripts/advisories.json'), 'utf8'))
    expect(list.refreshedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(list.maxAgeDays).toBeGreaterThan(0)
  })

  it('npm run check fails with the way to refresh when the list is stale and the endpoint unreachable', async () => {
    // audit.mjs reads the real list; a stale copy is checked through its exported pieces plus a real run
    // with the endpoint skipped and the clock moved past the limit.
    const list = JSON.parse(readFileSync(join(root, 'scripts/advisories.json'), 'utf8'))
    const later = new Date(Date.parse(list.refreshedAt) + (list.maxAgeDays + 1) * 86_400_000)
    expect(listAge(list, later).stale).toBe(true)
    const stale = await run('scripts/audit.mjs', { AUDIT_ONLINE: 'skip', AUDIT_NOW: later.toISOString() })
    expect(stale.code).toBe(1)
    expect(stale.output).toMatch(/last refreshed on \d{4}-\d{2}-\d{2} \(\d+ days ago\)/)
    expect(stale.output).toContain('npm run audit:refresh')
    const fresh = await run('scripts/audit.mjs', { AUDIT_ONLINE: 'skip', AUDIT_NOW: list.refreshedAt })
    expect(fresh.code, fresh.output).toBe(0)
    expect(fresh.output).toContain('the build fails after')
  }, 30_000)
})

describe('npm run audit:refresh', () => {
  it('parses npm advisory ranges and refuses what it cannot represent', () => {
    expect(parseRange('>=8.0.0 <8.17.1 || <7.5.10')).toEqual([
      { introduced: '8.0.0', fixed: '8.17.1' },
      { introduced: '0.0.0', fixed: '7.5.10' },
    ])
    expect(parseRange('<=1.2.0')).toEqual([{ introduced: '0.0.0', lastAffected: '1.2.0' }])
    expect(parseRange('*')).toEqual([{ introduced: '0.0.0' }])
    expect(() => parseRange('^1.2.0')).toThrow(/unsupported range/)
    expect(() => parseRange('>1.2.0')).toThrow(/unsupported range/)
  })

  it('merges by package and id, keeps hand-written entries and dates the list', () => {
    const report = {
      vulnerabilities: {
        ws: { via: [{ name: 'ws', url: 'GHSA-1', title: 't', severity: 'high', range: '<9.0.0' }, 'other'] },
      },
    }
    const fresh = advisoriesFromReport(report)
    const merged = mergeAdvisories(
      {
        refreshedAt: '2026-01-01',
        advisories: [
          { package: 'ws', id: 'GHSA-1', ranges: [], severity: 'low', summary: 'old' },
          { package: 'hono', id: 'floor', ranges: [], severity: 'high', summary: 'kept' },
        ],
      },
      fresh,
      '2026-12-03',
    )
    expect(merged.refreshedAt).toBe('2026-12-03')
    expect(merged.advisories.map((a: { summary: string }) => a.summary)).toEqual(['kept', 't'])
  })

  it('rebuilds the list from the registry (a local stand-in) and the new entry then fails the offline check', async () => {
    const registry = await fakeRegistry()
    const file = tempCopyOfList()
    const result = await run('scripts/auditRefresh.mjs', {
      ADVISORIES_FILE: file,
      npm_config_registry: registry.url,
      npm_config_audit_level: 'none',
    })
    expect(result.code, result.output).toBe(0)
    expect(registry.asked).toContain('ws')
    const list = JSON.parse(readFileSync(file, 'utf8'))
    expect(list.refreshedAt).toBe(new Date().toISOString().slice(0, 10))
    const added = list.advisories.find((a: { id: string }) => a.id.includes('GHSA-test-test-test'))
    expect(added).toMatchObject({
      package: 'ws',
      severity: 'high',
      ranges: [{ introduced: '8.0.0', fixed: '99.0.0' }],
    })
    // The hand-written entries are still there, and the refreshed list now flags the installed ws.
    expect(list.advisories.some((a: { package: string }) => a.package === 'dompurify')).toBe(true)
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))
    expect(findVulnerable(lock, list.advisories).map((f: { name: string }) => f.name)).toContain('ws')
  }, 60_000)

  it('changes nothing and says why when the endpoint is unreachable', async () => {
    const file = tempCopyOfList()
    const before = readFileSync(file, 'utf8')
    const result = await run('scripts/auditRefresh.mjs', {
      ADVISORIES_FILE: file,
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_fetch_retries: '0',
    })
    expect(result.code).toBe(1)
    expect(result.output).toContain('unreachable')
    expect(readFileSync(file, 'utf8')).toBe(before)
  }, 60_000)
})
