/**
 * CPU time and resident memory of another process, read from Linux /proc (the same way for both servers,
 * without instrumenting either). Elsewhere the figures are NaN.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { trackedPids } from './children'

let ticksPerSecond: number | null = null

function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

export interface ProcSample {
  /** Bench-process wall clock when read (performance.now()). */
  at: number
  /** User + system CPU time so far, ms. */
  cpuMs: number
  rssBytes: number
}

export function sampleProcess(pid: number): ProcSample {
  const at = performance.now()
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15 (1-based).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[11]) + Number(fields[12])
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN)
    return { at, cpuMs: (ticks / clockTicks()) * 1000, rssBytes: rssKb * 1024 }
  } catch {
    return { at, cpuMs: Number.NaN, rssBytes: Number.NaN }
  }
}

/** CPU use between two samples as a percentage of one core. */
export function cpuPercent(from: ProcSample, to: ProcSample): number {
  return ((to.cpuMs - from.cpuMs) / (to.at - from.at)) * 100
}

/** Busy CPU time of the whole machine so far (all cores, excluding idle and iowait), ms. */
export function machineBusyMs(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!
    const ticks = line.trim().split(/\s+/).slice(1).map(Number)
    const total = ticks.reduce((sum, value) => sum + value, 0)
    return ((total - (ticks[3] ?? 0) - (ticks[4] ?? 0)) / clockTicks()) * 1000
  } catch {
    return Number.NaN
  }
}

/** CPU used so far by the bench itself: this process and every server and worker it started, ms. */
export function benchCpuMs(): number {
  const own = process.cpuUsage()
  let total = (own.user + own.system) / 1000
  for (const pid of trackedPids()) {
    const cpu = sampleProcess(pid).cpuMs
    if (Number.isFinite(cpu)) total += cpu
  }
  return total
}
