/**
 * Before the browser tests: make sure the production client is built and Chromium is installed, or fail
 * with a message saying exactly what to install.
 */
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { chromiumPath } from '../helpers/browser'

export default function setup(): void {
  chromiumPath()
  const root = resolve(import.meta.dirname, '../..')
  // Vitest sets NODE_ENV=test, which would make Vite build React's development bundle: test what ships.
  execFileSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
}
