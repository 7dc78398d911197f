// `npm start`: builds the client and server when the build is missing or stale, then runs the server.
import { spawnSync } from 'node:child_process'
import { buildIsStale } from './buildStatus.mjs'

if (buildIsStale()) {
  console.log('Building Yardstick (client and server)…')
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
await import('../dist/server/main.js')
