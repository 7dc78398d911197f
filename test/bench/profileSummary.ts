/**
 * Summarises V8 CPU profiles (`node --cpu-prof`): self time per function and per package, with bundled
 * positions in dist/server/main.js mapped back to server/ sources through its source map. Also a CLI:
 * `node --import tsx test/bench/profileSummary.ts <file.cpuprofile> [top]`.
 */
import { existsSync, readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { fileURLToPath } from 'node:url'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

export interface ProfileEntry {
  name: string
  where: string
  selfMs: number
  selfPct: number
}

export interface ProfileSummary {
  totalMs: number
  functions: ProfileEntry[]
  packages: ProfileEntry[]
}

const sourceMaps = new Map<string, SourceMap | null>()

function mapPosition(url: string, line: number, column: number): string {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url
  if (!sourceMaps.has(path)) {
    const mapFile = `${path}.map`
    sourceMaps.set(
      path,
      existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : null,
    )
  }
  const map = sourceMaps.get(path)
  const entry = map?.findEntry(line, column) as { originalSource?: string; originalLine?: number } | undefined
  if (entry?.originalSource)
    return `${entry.originalSource.replace(/^.*?\/(server|shared)\//, '$1/')}:${(entry.originalLine ?? 0) + 1}`
  return `${path.replace(/^.*node_modules\//, '')}:${line + 1}`
}

/** The package a frame belongs to: an npm package, "yardstick" for our code, or a V8 pseudo-frame. */
function packageOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)'
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (match) return match[1]!
  if (url.startsWith('node:')) return 'node core'
  return 'yardstick'
}

export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfUs = new Map<number, number>()
  for (const [i, id] of profile.samples.entries())
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  const totalUs = profile.endTime - profile.startTime
  const functions = new Map<string, ProfileEntry>()
  const packages = new Map<string, ProfileEntry>()
  const add = (map: Map<string, ProfileEntry>, key: string, name: string, where: string, us: number) => {
    const entry = map.get(key) ?? { name, where, selfMs: 0, selfPct: 0 }
    entry.selfMs += us / 1000
    map.set(key, entry)
  }
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame
    const name = frame.functionName || '(anonymous)'
    const where = frame.url ? mapPosition(frame.url, frame.lineNumber, frame.columnNumber) : ''
    add(functions, `${name}@${where}`, name, where, us)
    const pkg = packageOf(frame.url, name)
    add(packages, pkg, pkg, '', us)
  }
  const finish = (map: Map<string, ProfileEntry>, limit: number) =>
    [...map.values()]
      .map((entry) => ({ ...entry, selfPct: (entry.selfMs / (totalUs / 1000)) * 100 }))
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, limit)
  return { totalMs: totalUs / 1000, functions: finish(functions, top), packages: finish(packages, 15) }
}

export function renderProfile(title: string, summary: ProfileSummary): string {
  const line = (entry: ProfileEntry) =>
    `  ${entry.selfMs.toFixed(0).padStart(7)} ms ${entry.selfPct.toFixed(1).padStart(5)} %  ${entry.name}${entry.where ? `  ${entry.where}` : ''}`
  return [
    `${title} — ${(summary.totalMs / 1000).toFixed(1)} s profiled (self time; idle is "(idle)")`,
    '  by package:',
    ...summary.packages.map(line),
    '  by function:',
    ...summary.functions.map(line),
    '',
  ].join('\n')
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const [file, top] = process.argv.slice(2)
  if (!file) {
    process.stderr.write('usage: node --import tsx test/bench/profileSummary.ts <file.cpuprofile> [top]\n')
    process.exit(2)
  }
  process.stdout.write(renderProfile(file, summarizeProfile(file, Number(top ?? 25))))
}
