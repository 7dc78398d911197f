/**
 * Keeps the benchmark harness from rotting: one `npm run bench -- --quick` run (tiny sizes, every scenario,
 * both servers, Chromium) and checks of the JSON it writes. It asserts structure and sanity, never time.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CapacityResult } from '../bench/scenarios/capacity'
import type { ClientResult } from '../bench/scenarios/client'
import type { ClusterResult } from '../bench/scenarios/cluster'
import type { FanoutResult } from '../bench/scenarios/fanout'
import type { LoadResult } from '../bench/scenarios/load'
import type { MediaResult } from '../bench/scenarios/media'
import type { MemoryResult } from '../bench/scenarios/memory'
import type { SoakResult } from '../bench/scenarios/soak'
import type { ThroughputResult } from '../bench/scenarios/throughput'

const ROOT = resolve(import.meta.dirname, '../..')

interface Report {
  quick: boolean
  scenarios: string[]
  machine: { cpus: number; node: string }
  versions: Record<string, string>
  results: {
    fanout: FanoutResult
    throughput: ThroughputResult
    capacity: CapacityResult
    load: LoadResult
    memory: MemoryResult
    client: ClientResult
    cluster: ClusterResult
    media: MediaResult
    soak: SoakResult
  }
  targets: { section: string; text: string; met: boolean | null }[]
  errors: Record<string, string>
}

let outDir: string
let report: Report
let stdout: string

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'yardstick-bench-smoke-'))
  const run = await promisify(execFile)(process.execPath, ['scripts/bench.mjs', '--quick', '--out', outDir], {
    cwd: ROOT,
    timeout: 480_000,
    maxBuffer: 16 * 1024 * 1024,
  })
  stdout = run.stdout
  report = JSON.parse(readFileSync(join(outDir, 'latest.json'), 'utf8')) as Report
}, 540_000)

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true })
})

describe('npm run bench -- --quick', () => {
  it('runs every scenario without errors and records the machine', () => {
    expect(report.errors).toEqual({})
    expect(report.quick).toBe(true)
    expect(report.scenarios).toEqual([
      'fanout',
      'throughput',
      'capacity',
      'load',
      'memory',
      'client',
      'analytics',
      'cluster',
      'media',
      'soak',
    ])
    expect(report.machine.cpus).toBeGreaterThan(0)
    expect(report.versions['@y/websocket-server']).toBe('0.1.1')
    expect(existsSync(join(outDir, 'latest.md'))).toBe(true)
  })

  it('prints a table with a Yardstick row, a reference row and a ratio row', () => {
    for (const title of [
      '1. Fan-out latency',
      '2. Throughput',
      '3. Capacity',
      '4. Cold and warm load',
      '5. Memory',
      '6. Client',
    ]) {
      expect(stdout).toContain(title)
    }
    expect(stdout).toContain('y-websocket-server 0.1.1')
    expect(stdout).toContain('ratio (Yardstick ÷ ref)')
    // Targets are not judged on tiny sizes.
    expect(report.targets.length).toBeGreaterThan(0)
    expect(report.targets.every((target) => target.met === null)).toBe(true)
  })

  it('soak: a kill -9 and restart, disconnects, and nothing lost', () => {
    const { soak } = report.results
    expect(soak.kills).toBeGreaterThanOrEqual(1)
    expect(soak.sent).toBeGreaterThan(0)
    expect(soak.lost).toBe(0)
    expect(soak.stored).toBe(soak.sent)
    expect(soak.replicasEqualStored).toBe(true)
    expect(soak.peakRssBytes).toBeGreaterThan(0)
  })

  it('multi-instance fan-out: every edit reached every client on both instances', () => {
    const { cluster } = report.results
    expect(stdout).toContain('7. Multi-instance fan-out')
    for (const setup of [cluster.pair, cluster.single, cluster.reference]) {
      expect(setup.sent).toBeGreaterThan(0)
      expect(setup.expected).toBe(setup.sent * (cluster.clients - 1))
      expect(setup.arrived).toBe(setup.expected)
      expect(setup.latency.p50).toBeGreaterThan(0)
    }
  })

  it('fan-out: in every condition, every edit reached every other client on every server; stages and fsync floor measured', () => {
    const { fanout } = report.results
    expect(fanout.conditions.map((c) => c.condition)).toEqual(['quiet', 'mixed'])
    for (const condition of fanout.conditions) {
      for (const floor of Object.values(condition.floor)) expect(floor.count).toBeGreaterThan(0)
      for (const [kind, series] of Object.entries(condition.servers)) {
        expect(series.windows.length).toBe(fanout.windows)
        for (const window of series.windows) {
          expect(window.sent).toBeGreaterThan(0)
          expect(window.expected).toBe(window.sent * (fanout.clients - 1))
          expect(window.arrived).toBe(window.expected)
          expect(window.p50).toBeGreaterThan(0)
          expect(window.p99).toBeGreaterThanOrEqual(window.p50)
          expect(window.generatorCpuPct).toBeGreaterThan(0)
          // Yardstick's write path reports every update it relayed; the stock server has no such timings.
          if (kind === 'reference') expect(window.stages).toBeNull()
          else expect(window.stages!.stages.totalMs.count).toBe(window.sent)
        }
      }
    }
  })

  it('throughput: steps were measured on both servers', () => {
    const { throughput } = report.results
    for (const run of [throughput.yardstick, throughput.reference]) {
      expect(run.steps.length).toBeGreaterThan(0)
      expect(run.steps[0]!.sent).toBeGreaterThan(0)
      expect(run.steps[0]!.arrived).toBe(run.steps[0]!.expected)
    }
  })

  it('capacity: every step on both servers, each with its windows, every edit delivered to its document', () => {
    const { capacity } = report.results
    expect(stdout).toContain('Yardstick p99 ms (min–max)')
    for (const run of [capacity.yardstick, capacity.reference]) {
      expect(run.steps.map((step) => step.clients)).toEqual([10, 20])
      for (const step of run.steps) {
        expect(step.docs).toBe(step.clients / capacity.clientsPerDoc)
        expect(step.windows.length).toBe(capacity.windows)
        for (const window of step.windows) {
          expect(window.sent).toBeGreaterThan(0)
          expect(window.expected).toBe(window.sent * (capacity.clientsPerDoc - 1))
          expect(window.arrived).toBe(window.expected)
          expect(window.p99).toBeGreaterThanOrEqual(window.p50)
          expect(window.generatorCpuPct).toBeGreaterThan(0)
          expect(window.generatorBusiestCpuPct).toBeLessThanOrEqual(window.generatorCpuPct)
        }
        expect(step.deliveredPct).toBe(100)
        expect(step.p99).toBeGreaterThanOrEqual(step.p99Min)
        expect(step.p99).toBeLessThanOrEqual(step.p99Max)
      }
    }
  })

  it('load: the trace replays exactly, loads cold and warm, and is stored on disk', () => {
    const { load } = report.results
    expect(load.matchesTrace).toBe(true)
    expect(load.encodedBytes).toBeGreaterThan(0)
    expect(load.yardstick.cold?.median).toBeGreaterThan(0)
    expect(load.yardstick.evicted?.median).toBeGreaterThan(0)
    expect(load.yardstick.warm.median).toBeGreaterThan(0)
    expect(load.reference.warm.median).toBeGreaterThan(0)
    expect(load.yardstick.warm.chars).toBe(load.reference.warm.chars)
    expect(load.yardstick.live.updates).toBe(load.txns + 1)
    expect(load.yardstick.disk?.afterUpload.snapshotBytes).toBeGreaterThan(0)
    expect(load.yardstick.disk?.afterUpload.totalBytes).toBeGreaterThan(load.encodedBytes)
  })

  it('memory and client: sane sizes', () => {
    const { memory, client } = report.results
    for (const side of [memory.yardstick, memory.reference]) {
      expect(side.baseline.rssBytes).toBeGreaterThan(10 * 1024 * 1024)
      expect(side.withIdleClients.rssBytes).toBeGreaterThan(0)
    }
    expect(client.initial.files.length).toBeGreaterThan(0)
    expect(client.initial.gzipBytes).toBeLessThan(client.initial.bytes)
    expect(client.example.firstVisitMedian).toBeGreaterThan(0)
    expect(client.paper.repeatVisitMedian).toBeGreaterThan(0)
    expect(client.paper.jsGzipBytes).toBeGreaterThanOrEqual(client.initial.gzipBytes)
  })

  it('media: an upload streamed to both servers with RSS sampled, and image GET and 304 timed', () => {
    const { media } = report.results
    expect(stdout).toContain('8. Media upload and serving')
    for (const side of [media.yardstick, media.reference]) {
      expect(side.uploadBytes).toBe(20 * 1024 * 1024)
      expect(side.uploadMBps).toBeGreaterThan(0)
      expect(side.rssSamples).toBeGreaterThan(0)
      expect(side.rssPeakBytes).toBeGreaterThanOrEqual(side.rssStartBytes)
      expect(side.get.count).toBe(10)
      expect(side.get.p50).toBeGreaterThan(0)
      expect(side.notModified.p50).toBeGreaterThan(0)
    }
  })

  it('computes calibration analytics for every annotator', () => {
    const analytics = (
      report.results as unknown as { analytics: { annotators: number; runsMs: number[]; medianMs: number } }
    ).analytics
    expect(analytics.annotators).toBe(50)
    expect(analytics.runsMs).toHaveLength(3)
    expect(analytics.medianMs).toBeGreaterThan(0)
  })
})
