/**
 * Freezes the production build for one run: dist/server and dist/client are copied aside (inside dist/, so
 * the server still resolves node_modules), because `npm run build` elsewhere — an e2e setup, a developer —
 * may replace dist/ while a long run is measuring it.
 */
import { createHash } from 'node:crypto'
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './servers'

export interface BuildSnapshot {
  /** Node arguments that start Yardstick. */
  entry: string[]
  /** The built client (index.html and assets), or null when there is none. */
  clientDir: string | null
  /** sha256 of the server bundle (first 12 hex digits), or "source". */
  serverHash: string
  builtAt: string | null
  remove(): void
}

export function snapshotBuild(stamp: string): BuildSnapshot {
  const dist = join(ROOT, 'dist')
  const bundle = join(dist, 'server/main.js')
  if (!existsSync(bundle))
    throw new Error('dist/server/main.js is missing: run `npm run build` (or `npm run bench`)')
  const dir = join(dist, '.bench-snapshots', stamp)
  cpSync(join(dist, 'server'), join(dir, 'server'), { recursive: true })
  const hasClient = existsSync(join(dist, 'client/index.html'))
  if (hasClient) cpSync(join(dist, 'client'), join(dir, 'client'), { recursive: true })
  const stampFile = join(dist, '.build-stamp')
  return {
    entry: [join(dir, 'server/main.js')],
    clientDir: hasClient ? join(dir, 'client') : null,
    serverHash: createHash('sha256').update(readFileSync(bundle)).digest('hex').slice(0, 12),
    builtAt: existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** Yardstick from its TypeScript sources through tsx (`--from-source`: no build needed, not what users run). */
export function sourceEntry(): BuildSnapshot {
  const clientDir = join(ROOT, 'dist/client')
  return {
    entry: ['--import', 'tsx', join(ROOT, 'server/main.ts')],
    clientDir: existsSync(join(clientDir, 'index.html')) ? clientDir : null,
    serverHash: 'source',
    builtAt: null,
    remove: () => {},
  }
}
