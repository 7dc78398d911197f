/** Describes where and with what a bench run happened: machine, Node, package versions and git commit. */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { ROOT } from './servers'

export interface MachineInfo {
  hostname: string
  platform: string
  kernel: string
  cpuModel: string
  cpus: number
  memoryBytes: number
  loadAverage: number[]
  node: string
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus()
  return {
    hostname: os.hostname(),
    platform: `${os.platform()} ${os.arch()}`,
    kernel: os.release(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    memoryBytes: os.totalmem(),
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    node: process.version,
  }
}

const PACKAGES = [
  'yjs',
  'y-protocols',
  'y-websocket',
  '@y/websocket-server',
  'ws',
  'better-sqlite3',
  'hono',
  'playwright-core',
]

export function packageVersions(): Record<string, string> {
  const versions: Record<string, string> = {}
  for (const name of PACKAGES) {
    try {
      versions[name] = JSON.parse(
        readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'),
      ).version
    } catch {
      versions[name] = 'not installed'
    }
  }
  return versions
}

export function gitDescription(): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim()
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' })
    return { commit, dirty: status.trim().length > 0 }
  } catch {
    return { commit: 'unknown', dirty: false }
  }
}

export function chromiumVersion(path: string): string {
  try {
    return execFileSync(path, ['--version'], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
  } catch {
    return 'not available'
  }
}

export function describeMachine(info: MachineInfo): string {
  const gib = (info.memoryBytes / 1024 ** 3).toFixed(1)
  return `${info.cpus} × ${info.cpuModel}, ${gib} GiB RAM, ${info.platform} (kernel ${info.kernel}), Node ${info.node}`
}
