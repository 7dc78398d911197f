/**
 * The bench's judgement of its own load generator and of a capacity step: which windows count as starved, how
 * often one is measured again and which try is kept, the median over windows, and when a step holds.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sourceEntry } from '../bench/buildSnapshot'
import { parseArgs, QUICK_SIZES } from '../bench/config'
import { type BenchContext, createContext } from '../bench/context'
import {
  type GeneratorWindow,
  measureFedWindow,
  windowFigures,
  windowSeries,
} from '../bench/generatorWindows'
import type { RawWindow } from '../bench/liveTyping'
import {
  type CapacityResult,
  type CapacityRun,
  capacityTargets,
  skipsLargerCounts,
  stepOk,
} from '../bench/scenarios/capacity'

const runDir = mkdtempSync(join(tmpdir(), 'yardstick-bench-windows-'))
afterAll(() => rmSync(runDir, { recursive: true, force: true }))

/** A full-size run's context (3 tries), without waiting for a quiet machine. */
const context = (quick: boolean): BenchContext =>
  createContext(
    parseArgs(quick ? ['--quick'] : []),
    { ...QUICK_SIZES, quietWaitMs: 0 },
    runDir,
    sourceEntry(),
  )

/** A 10 s window: 1,000 arrivals of 1..1000 ms/100, with the given CPU figures. */
const raw = (over: Partial<RawWindow> = {}): RawWindow => ({
  startAt: 0,
  durationMs: 10_000,
  samples: Float64Array.from({ length: 1000 }, (_, i) => (i + 1) / 100),
  sentAts: new Float64Array(1000),
  sent: 100,
  expected: 1000,
  reconnects: 0,
  serverCpuMs: 3000,
  serverRssBytes: 1e8,
  clientCpuMs: 4000,
  busiestClientCpuMs: 2000,
  backgroundCpuMs: 1000,
  generatorLoopDelayP99Ms: 8,
  generatorLoopDelayMaxMs: 15,
  ...over,
})

describe('windowFigures', () => {
  it('reads the CPU shares and percentiles of a window that kept time', () => {
    const window = windowFigures(raw(), 20)
    expect(window).toMatchObject({
      p50: 5,
      p99: 9.9,
      arrived: 1000,
      serverCpuPct: 30,
      generatorCpuPct: 40,
      generatorBusiestCpuPct: 20,
      otherCpuPct: 10,
      starved: false,
    })
  })

  it('calls a window starved when the generator ran late, one client process was near a core, or the machine was busy', () => {
    expect(windowFigures(raw({ generatorLoopDelayP99Ms: 21 }), 20).starved).toBe(true)
    expect(windowFigures(raw({ busiestClientCpuMs: 9100, clientCpuMs: 9100 }), 20).starved).toBe(true)
    expect(windowFigures(raw({ backgroundCpuMs: 5100 }), 20).starved).toBe(true)
    // Three processes at 60 % each are 180 % together, but none is short of a core.
    expect(windowFigures(raw({ busiestClientCpuMs: 6000, clientCpuMs: 18_000 }), 20).starved).toBe(false)
  })
})

const window = (p99: number, loopDelay: number, starved: boolean): GeneratorWindow => ({
  ...windowFigures(raw(), 20),
  p50: p99 / 4,
  p99,
  generatorLoopDelayP99Ms: loopDelay,
  starved,
})

describe('measureFedWindow', () => {
  it('measures a starved window again, up to 3 tries, and keeps the try whose generator kept time best', async () => {
    const tries = [window(90, 40, true), window(30, 25, true), window(60, 30, true)]
    let calls = 0
    const kept = await measureFedWindow(context(false), 'test', async () => tries[calls++]!)
    expect(calls).toBe(3)
    expect(kept).toMatchObject({ p99: 30, tries: 3, starved: true })
  })

  it('stops at the first try that was not starved', async () => {
    const tries = [window(90, 40, true), window(12, 8, false), window(60, 30, true)]
    let calls = 0
    const kept = await measureFedWindow(context(false), 'test', async () => tries[calls++]!)
    expect(calls).toBe(2)
    expect(kept).toMatchObject({ p99: 12, tries: 2, starved: false })
  })

  it('measures once in a quick run, or when told to', async () => {
    let calls = 0
    const starved = async () => {
      calls++
      return window(90, 40, true)
    }
    await measureFedWindow(context(true), 'test', starved)
    await measureFedWindow(context(false), 'test', starved, 1)
    expect(calls).toBe(2)
  })
})

describe('windowSeries and a capacity step', () => {
  it('takes the median of the windows’ p99 with its spread, and delivery over all windows', () => {
    const series = windowSeries([window(30, 8, false), window(80, 8, false), window(45, 8, false)])
    expect(series).toMatchObject({ p99: 45, p99Min: 30, p99Max: 80, p50: 45 / 4, deliveredPct: 100 })
  })

  it('holds a step when the median p99 is under the limit and ≥ 99.9 % arrived', () => {
    expect(stepOk({ p99: 49.9, deliveredPct: 99.9 }, 50)).toBe(true)
    expect(stepOk({ p99: 50, deliveredPct: 100 }, 50)).toBe(false)
    expect(stepOk({ p99: 10, deliveredPct: 99.8 }, 50)).toBe(false)
  })

  it('skips the larger counts after two failed steps in a row or one in collapse', () => {
    const ok = { p99: 20, ok: true }
    const failed = { p99: 80, ok: false }
    expect(skipsLargerCounts([], 50)).toBe(false)
    expect(skipsLargerCounts([ok, failed], 50)).toBe(false)
    expect(skipsLargerCounts([failed, ok, failed], 50)).toBe(false)
    expect(skipsLargerCounts([ok, failed, failed], 50)).toBe(true)
    expect(skipsLargerCounts([{ p99: 5001, ok: false }], 50)).toBe(true)
  })
})

describe('capacityTargets', () => {
  const result = (yardstick: number, reference: number, at5000?: boolean): CapacityResult => {
    const run = (largestOk: number): CapacityRun => ({ steps: [], largestOk })
    const result = {
      p99LimitMs: 50,
      yardstick: run(yardstick),
      reference: run(reference),
    } as unknown as CapacityResult
    if (at5000 !== undefined)
      result.yardstick.steps.push({ clients: 5000, ok: at5000 } as CapacityResult['yardstick']['steps'][0])
    return result
  }

  it("judges Yardstick's largest count against the stock server's of the same run", () => {
    expect(capacityTargets(result(3000, 2000))[0]!.met).toBe(true)
    expect(capacityTargets(result(2000, 2000))[0]!.met).toBe(true)
    expect(capacityTargets(result(1000, 2000))[0]!.met).toBe(false)
    expect(capacityTargets(result(0, 500))[0]!.met).toBe(false)
    // No step held on either server: the steps were too large to tell.
    expect(capacityTargets(result(0, 0))[0]!.met).toBeNull()
  })

  it('judges 5,000 clients only when that step ran', () => {
    expect(capacityTargets(result(5000, 5000, true))[1]!.met).toBe(true)
    expect(capacityTargets(result(4000, 5000, false))[1]!.met).toBe(false)
    expect(capacityTargets(result(4000, 5000))[1]!.met).toBeNull()
  })
})
