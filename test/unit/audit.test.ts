/** The offline dependency audit: a known-vulnerable version anywhere in the lockfile fails, the real lockfile passes. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain ESM script without type declarations
import { compareVersions, findVulnerable } from '../../scripts/audit.mjs'

const root = resolve(import.meta.dirname, '../..')
const { advisories } = JSON.parse(readFileSync(resolve(root, 'scripts/advisories.json'), 'utf8'))
const realLock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8'))

const lockWith = (packages: Record<string, string>) => ({
  packages: Object.fromEntries(Object.entries(packages).map(([path, version]) => [path, { version }])),
})

describe('dependency audit', () => {
  it('compares versions numerically, pre-releases first', () => {
    expect(compareVersions('4.13.19', '4.13.0')).toBe(1)
    expect(compareVersions('4.9.0', '4.13.0')).toBe(-1)
    expect(compareVersions('8.17.1-beta', '8.17.1')).toBe(-1)
    expect(compareVersions('3.1.3', '3.1.3')).toBe(0)
  })

  it('finds known-vulnerable hono, ws (also nested) and linkify versions', () => {
    const found = findVulnerable(
      lockWith({
        'node_modules/hono': '4.12.9',
        'node_modules/ws': '8.17.0',
        'node_modules/some-tool/node_modules/ws': '7.5.9',
        'node_modules/linkifyjs': '4.1.0',
        'node_modules/dompurify': '3.4.18',
        'node_modules/yjs': '13.6.33',
      }),
      advisories,
    ) as { name: string; version: string }[]
    expect(found.map((f) => `${f.name}@${f.version}`).sort()).toEqual([
      'hono@4.12.9',
      'linkifyjs@4.1.0',
      'ws@7.5.9',
      'ws@8.17.0',
    ])
  })

  it('passes the lockfile we ship', () => {
    expect(findVulnerable(realLock, advisories)).toEqual([])
  })
})
