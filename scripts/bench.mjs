// `npm run bench`: builds the client and server when the build is missing or stale, then runs the benchmark
// harness (test/bench/run.ts). Options pass through: --quick, --only <a,b>, --out <dir>, --profile, --from-source.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { buildIsStale } from './buildStatus.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)

if (!args.includes('--from-source') && buildIsStale(root)) {
  console.error('Building Yardstick (client and server) for the benchmark…')
  const build = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
    shell: process.platform === 'win32',
  })
  if (build.status !== 0) process.exit(build.status ?? 1)
}
const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/run.ts', ...args], {
  cwd: root,
  stdio: 'inherit',
})
process.exit(run.status ?? 1)
