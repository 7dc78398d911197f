/**
 * Scenario 7 (issues 7 and 14): calibration analytics for many annotators — 1,000 annotators × 100 examples ×
 * 10 criteria (a mix of 1–5 scales and yes/no), synthetic answers from a seeded generator. Measured: the pure
 * computation in this process (wall and CPU time, with the 1,000-replicate bootstrap intervals included, and
 * without them for comparison), then the results route through the real app and a real SQLite file — a cold
 * request (cache miss: reads every attempt) and warm requests (cache hit). Quick runs use 50 annotators.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { acceptInvite } from '../../../server/auth/invites'
import { hashToken } from '../../../server/auth/tokens'
import { loadConfig } from '../../../server/config'
import { startServer } from '../../../server/server'
import { calibrationAnalytics, type SubmittedAttempt } from '../../../shared/rubric/analytics'
import type { CalibrationExample, Criterion } from '../../../shared/schema/rubric'
import type { BenchContext } from '../context'
import { fmt, type Section } from '../table'

export interface AnalyticsResult {
  annotators: number
  examples: number
  criteria: number
  runsMs: number[]
  medianMs: number
  /** CPU time (user + system) of the same runs. */
  cpuMs: number[]
  medianCpuMs: number
  /** The same computation without bootstrap intervals. */
  withoutIntervalsMedianMs: number
  /** The results route: one cold request (cache miss) and the median of warm ones. */
  coldRequestMs: number
  coldRequestCpuMs: number
  warmRequestMs: number[]
  warmMedianMs: number
  warmMedianCpuMs: number
  responseBytes: number
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export function fixture(annotators: number, exampleCount: number, criterionCount: number) {
  let seed = 42
  const random = () => {
    seed = (seed * 16807) % 2147483647
    return seed / 2147483647
  }
  const criteria: Criterion[] = Array.from({ length: criterionCount }, (_, i) =>
    i % 2 === 0
      ? {
          id: `c${i}`,
          kind: 'ordinal',
          title: `Scale ${i}`,
          description: 'd',
          tags: [],
          weight: 1,
          rationaleRequired: false,
          tolerance: 1,
          levels: [1, 2, 3, 4, 5].map((value) => ({ value, label: `${value}`, descriptor: 'x' })),
        }
      : {
          id: `c${i}`,
          kind: 'binary',
          title: `Check ${i}`,
          description: 'd',
          tags: [],
          weight: 1,
          rationaleRequired: false,
        },
  )
  const examples: CalibrationExample[] = Array.from({ length: exampleCount }, (_, e) => ({
    id: `e${e}`,
    title: `Example ${e}`,
    content: { kind: 'free', body: 'x' },
    rationale: '',
    difficulty: 'medium',
    sectionId: `s${e % 8}`,
    status: 'ready',
    gold: Object.fromEntries(
      criteria.map((c, i) => [
        c.id,
        { accepted: [c.kind === 'ordinal' ? 1 + ((e + i) % 5) : (e + i) % 2 === 0], rationale: '' },
      ]),
    ),
  }))
  const attempts: SubmittedAttempt[] = Array.from({ length: annotators }, (_, u) => ({
    userId: `u${u}`,
    userName: `Annotator ${u}`,
    version: '1.0.0',
    submittedAt: new Date(1_700_000_000_000 + u).toISOString(),
    score: random(),
    passed: random() > 0.3,
    items: examples.map((e) => e.id),
    answers: Object.fromEntries(
      examples.map((e) => [
        e.id,
        Object.fromEntries(
          criteria.map((c) => [
            c.id,
            { value: c.kind === 'ordinal' ? 1 + Math.floor(random() * 5) : random() > 0.5 },
          ]),
        ),
      ]),
    ),
  }))
  const rubric = { title: 'Bench', instructions: '', passThreshold: 0.7, criteria }
  const sections = Array.from({ length: 8 }, (_, s) => ({ id: `s${s}`, title: `Section ${s}` }))
  return { rubric, examples, sections, attempts }
}

/** Times the route through the real app on a SQLite file seeded with the fixture (attempt rows in bulk). */
async function timeRoute(ctx: BenchContext, data: ReturnType<typeof fixture>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'yardstick-bench-analytics-'))
  const server = await startServer({
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir: '',
    seedExample: false,
  })
  try {
    const { store } = server
    const at = new Date().toISOString()
    await store.addSetupToken(hashToken('setup'))
    const owner = { id: 'owner', email: 'owner@bench.test', name: 'Owner', color: '#000', passwordHash: 'x' }
    await store.completeSetup(hashToken('setup'), owner)
    await store.createProject({ id: 'p', name: 'Bench' })
    await store.setRole('p', 'owner', 'owner')
    for (const [u, a] of data.attempts.entries()) {
      await store.createInvite({
        id: `i${u}`,
        projectId: 'p',
        role: 'annotator',
        tokenHash: hashToken(`invite${u}`),
        createdBy: 'owner',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      })
      const user = {
        id: a.userId,
        email: `${a.userId}@bench.test`,
        name: a.userName,
        color: '#000',
        passwordHash: 'x',
      }
      await acceptInvite(store, { tokenHash: hashToken(`invite${u}`), userId: a.userId, at, newUser: user })
    }
    await store.publishVersion({
      projectId: 'p',
      bump: 'major',
      changelog: 'bench',
      author: { id: 'owner', name: 'Owner' },
      snapshot: new Uint8Array([0, 0]),
      counts: { criteria: data.rubric.criteria.length, examples: data.examples.length, openThreads: 0 },
      render: (version, publishedAt) =>
        JSON.stringify({
          version,
          publishedAt,
          rubric: data.rubric,
          examples: data.examples,
          guideline: { doc: {}, html: '', sections: data.sections },
        }),
    })
    // Attempts in bulk, straight into the attempts table (the store writes one example per call).
    const db = new Database(join(dataDir, 'yardstick.sqlite'))
    const insert = db.prepare(
      `INSERT INTO attempts (id, project_id, user_id, version, status, example_order, answers, started_at, updated_at, submitted_at, score, passed, result)
       VALUES (?, 'p', ?, '1.0.0', 'submitted', ?, ?, ?, ?, ?, ?, ?, '{}')`,
    )
    db.transaction(() => {
      for (const a of data.attempts) {
        insert.run(
          randomUUID(),
          a.userId,
          JSON.stringify(a.items),
          JSON.stringify(a.answers),
          a.submittedAt,
          a.submittedAt,
          a.submittedAt,
          a.score,
          a.passed ? 1 : 0,
        )
      }
    })()
    db.close()
    await store.createSession({
      id: 's',
      tokenHash: hashToken('session'),
      userId: 'owner',
      userAgent: 'bench',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    })
    const request = async () => {
      const cpu = process.cpuUsage()
      const start = performance.now()
      const response = await server.app.request('/api/projects/p/calibration/analytics', {
        headers: { cookie: 'ys_session=session' },
      })
      const text = await response.text()
      if (response.status !== 200) throw new Error(`analytics route answered ${response.status}: ${text}`)
      const used = process.cpuUsage(cpu)
      return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, bytes: text.length }
    }
    await ctx.waitForQuiet()
    const cold = await request()
    const warm: number[] = []
    const warmCpu: number[] = []
    for (let i = 0; i < 20; i++) {
      const r = await request()
      warm.push(r.ms)
      warmCpu.push(r.cpuMs)
    }
    return {
      coldRequestMs: cold.ms,
      coldRequestCpuMs: cold.cpuMs,
      warmRequestMs: warm,
      warmMedianMs: median(warm),
      warmMedianCpuMs: median(warmCpu),
      responseBytes: cold.bytes,
    }
  } finally {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

export async function runAnalytics(ctx: BenchContext): Promise<AnalyticsResult> {
  const annotators = ctx.options.quick ? 50 : 1000
  const data = fixture(annotators, 100, 10)
  const { rubric, examples, sections, attempts } = data
  const runsMs: number[] = []
  const cpuMs: number[] = []
  const runs = ctx.options.quick ? 3 : 7
  // One unmeasured run first, so the JIT has seen the code (the server's cache misses run warm code too).
  calibrationAnalytics('1.0.0', rubric, examples, sections, attempts)
  await ctx.waitForQuiet()
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage()
    const start = performance.now()
    const result = calibrationAnalytics('1.0.0', rubric, examples, sections, attempts)
    runsMs.push(performance.now() - start)
    const used = process.cpuUsage(cpu)
    cpuMs.push((used.user + used.system) / 1000)
    if (result.annotators.length !== annotators) throw new Error('analytics lost annotators')
    if (!result.criteria.every((c) => c.kappa.unweighted.ci)) throw new Error('analytics lost its intervals')
  }
  const bare: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    calibrationAnalytics('1.0.0', rubric, examples, sections, attempts, { replicates: 0 })
    bare.push(performance.now() - start)
  }
  const medianMs = median(runsMs)
  const medianCpuMs = median(cpuMs)
  ctx.log(
    `analytics: ${annotators} annotators × 100 examples × 10 criteria in ${fmt.ms(medianMs)} ms wall, ${fmt.ms(medianCpuMs)} ms CPU (median, with intervals)`,
  )
  const route = await timeRoute(ctx, data)
  ctx.log(
    `analytics route: cold ${fmt.ms(route.coldRequestMs)} ms, warm ${fmt.ms(route.warmMedianMs)} ms (median of ${route.warmRequestMs.length})`,
  )
  return {
    annotators,
    examples: 100,
    criteria: 10,
    runsMs,
    medianMs,
    cpuMs,
    medianCpuMs,
    withoutIntervalsMedianMs: median(bare),
    ...route,
  }
}

export function analyticsSection(result: AnalyticsResult): Section {
  const full = result.annotators >= 1000
  return {
    title: '7. Calibration analytics',
    setup: `Per-annotator scores, per-criterion agreement (exact, within tolerance, Cohen's κ three ways, Krippendorff's α, Fleiss' κ) each with a 95 % bootstrap interval (1,000 seeded replicates over items), per-example and per-section miss rates with exact bootstrap intervals, for ${fmt.int(result.annotators)} annotators × ${result.examples} examples × ${result.criteria} criteria, computed in the bench process (median of ${result.runsMs.length}, after one warm-up run); then GET …/calibration/analytics through the real app on a SQLite file holding those attempts: one cold request (cache miss) and ${result.warmRequestMs.length} warm ones.`,
    header: [
      'annotators',
      'answers',
      'wall ms',
      'CPU ms',
      'no-CI wall ms',
      'cold request ms (CPU)',
      'warm request ms (CPU)',
      'response KB',
    ],
    rows: [
      [
        fmt.int(result.annotators),
        fmt.int(result.annotators * result.examples * result.criteria),
        fmt.ms(result.medianMs),
        fmt.ms(result.medianCpuMs),
        fmt.ms(result.withoutIntervalsMedianMs),
        `${fmt.ms(result.coldRequestMs)} (${fmt.ms(result.coldRequestCpuMs)})`,
        `${fmt.ms(result.warmMedianMs)} (${fmt.ms(result.warmMedianCpuMs)})`,
        fmt.int(Math.round(result.responseBytes / 1024)),
      ],
    ],
    targets: full
      ? [
          { text: '1,000 × 100 × 10 with intervals in ≤ 250 ms CPU', met: result.medianCpuMs <= 250 },
          {
            text: 'a warm results request answers from the cache (≤ 50 ms CPU)',
            met: result.warmMedianCpuMs <= 50,
          },
        ]
      : [{ text: '≤ 250 ms CPU at 1,000 annotators (quick run)', met: null }],
    notes: [
      `CPU runs ms: ${result.cpuMs.map((ms) => fmt.ms(ms)).join(', ')}; wall runs ms: ${result.runsMs.map((ms) => fmt.ms(ms)).join(', ')}.`,
    ],
  }
}
