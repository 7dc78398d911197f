// Tells whether dist/ is older than the sources it is built from (used by `npm start`).
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const SOURCES = [
  'client',
  'server',
  'shared',
  'vite.config.ts',
  'package-lock.json',
  'scripts/buildServer.mjs',
]

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

export function buildIsStale(root = '.') {
  const stamp = join(root, 'dist/.build-stamp')
  if (!existsSync(stamp) || !existsSync(join(root, 'dist/client/index.html'))) return true
  const builtAt = statSync(stamp).mtimeMs
  return SOURCES.some((source) => newestMtime(join(root, source)) > builtAt)
}
