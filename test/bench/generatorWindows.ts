/**
 * Timed windows judged by their load generator, shared by the fan-out and capacity scenarios: a window's
 * figures with the generator's CPU and event-loop delay, the rule that measures a starved window again (the
 * least starved of 3 tries kept), and the median over a series of windows.
 */
import type { BenchContext } from './context'
import { otherCpuPct, type RawWindow } from './liveTyping'
import { median, summarize } from './stats'

/** A generator process over this share of one core, or other processes over this share, starve a window. */
export const STARVED_GENERATOR_CPU_PCT = 90
export const STARVED_OTHER_CPU_PCT = 50

/** One measured window (the kept try). */
export interface GeneratorWindow {
  p50: number
  p99: number
  max: number
  sent: number
  expected: number
  arrived: number
  reconnects: number
  serverCpuPct: number
  /** The load generator (every client process together), % of one core. */
  generatorCpuPct: number
  /** Its busiest process, % of one core. */
  generatorBusiestCpuPct: number
  /** The worst client process's event-loop delay while typing, ms. */
  generatorLoopDelayP99Ms: number
  generatorLoopDelayMaxMs: number
  otherCpuPct: number
  /** Tries it took: a window whose generator was starved (or machine busy) is measured again. */
  tries: number
  /** The kept try was starved too (every try was). */
  starved: boolean
}

/** The figures of one try; `starved` when the generator could not keep time or the machine was busy. */
export function windowFigures(raw: RawWindow, starvedLoopDelayMs: number): GeneratorWindow {
  const latency = summarize(raw.samples)
  const pct = (ms: number) => (ms / raw.durationMs) * 100
  const generatorBusiestCpuPct = pct(raw.busiestClientCpuMs)
  return {
    p50: latency.p50,
    p99: latency.p99,
    max: latency.max,
    sent: raw.sent,
    expected: raw.expected,
    arrived: raw.samples.length,
    reconnects: raw.reconnects,
    serverCpuPct: pct(raw.serverCpuMs),
    generatorCpuPct: pct(raw.clientCpuMs),
    generatorBusiestCpuPct,
    generatorLoopDelayP99Ms: raw.generatorLoopDelayP99Ms,
    generatorLoopDelayMaxMs: raw.generatorLoopDelayMaxMs,
    otherCpuPct: otherCpuPct(raw),
    tries: 1,
    starved:
      raw.generatorLoopDelayP99Ms > starvedLoopDelayMs ||
      generatorBusiestCpuPct > STARVED_GENERATOR_CPU_PCT ||
      otherCpuPct(raw) > STARVED_OTHER_CPU_PCT,
  }
}

/**
 * Measures a window once the machine is quiet, and again (`maxTries` in all: 3, 1 in a quick run) while the
 * try was starved; keeps the try whose generator kept time best. `label` prefixes the log lines.
 */
export async function measureFedWindow<W extends GeneratorWindow>(
  ctx: BenchContext,
  label: string,
  once: () => Promise<W>,
  maxTries = ctx.options.quick ? 1 : 3,
): Promise<W> {
  let kept: W | null = null
  let tries = 0
  while (tries < maxTries) {
    tries++
    await ctx.waitForQuiet()
    const window = await once()
    if (!kept || window.generatorLoopDelayP99Ms < kept.generatorLoopDelayP99Ms) kept = window
    if (!window.starved) break
    if (tries < maxTries)
      ctx.log(
        `${label}: generator starved (loop delay p99 ${window.generatorLoopDelayP99Ms.toFixed(1)} ms, ${window.generatorCpuPct.toFixed(0)} % CPU, busiest process ${window.generatorBusiestCpuPct.toFixed(0)} %; other processes ${window.otherCpuPct.toFixed(0)} %): measuring again`,
      )
  }
  return { ...kept!, tries }
}

export interface WindowSeries<W extends GeneratorWindow> {
  windows: W[]
  /** Medians over the windows of each window's figure, and the spread of the p99s. */
  p50: number
  p99: number
  p99Min: number
  p99Max: number
  deliveredPct: number
}

export function windowSeries<W extends GeneratorWindow>(windows: W[]): WindowSeries<W> {
  const p99s = windows.map((w) => w.p99)
  const expected = windows.reduce((n, w) => n + w.expected, 0)
  const arrived = windows.reduce((n, w) => n + w.arrived, 0)
  return {
    windows,
    p50: median(windows.map((w) => w.p50)),
    p99: median(p99s),
    p99Min: Math.min(...p99s),
    p99Max: Math.max(...p99s),
    deliveredPct: expected > 0 ? (arrived / expected) * 100 : Number.NaN,
  }
}

/** Windows measured again, and kept windows still starved, over a series. */
export function retryCounts(windows: GeneratorWindow[]): { retries: number; starved: number } {
  return {
    retries: windows.reduce((n, w) => n + w.tries, 0) - windows.length,
    starved: windows.filter((w) => w.starved).length,
  }
}
