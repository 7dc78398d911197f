/**
 * Scenario 7 (issue 7): calibration analytics for many annotators — 1,000 annotators × 100 examples × 10
 * criteria (a mix of 1–5 scales and yes/no), synthetic answers from a seeded generator, timed in this process
 * (pure computation, no server). Quick runs use 50 annotators.
 */
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
}

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

export async function runAnalytics(ctx: BenchContext): Promise<AnalyticsResult> {
  const annotators = ctx.options.quick ? 50 : 1000
  const { rubric, examples, sections, attempts } = fixture(annotators, 100, 10)
  const runsMs: number[] = []
  for (let i = 0; i < (ctx.options.quick ? 2 : 5); i++) {
    const start = performance.now()
    const result = calibrationAnalytics('1.0.0', rubric, examples, sections, attempts)
    runsMs.push(performance.now() - start)
    if (result.annotators.length !== annotators) throw new Error('analytics lost annotators')
  }
  const sorted = [...runsMs].sort((a, b) => a - b)
  const medianMs = sorted[Math.floor(sorted.length / 2)]!
  ctx.log(
    `analytics: ${annotators} annotators × 100 examples × 10 criteria in ${fmt.ms(medianMs)} ms (median)`,
  )
  return { annotators, examples: 100, criteria: 10, runsMs, medianMs }
}

export function analyticsSection(result: AnalyticsResult): Section {
  return {
    title: '7. Calibration analytics',
    setup: `Per-annotator scores, per-criterion agreement (exact, within tolerance, Cohen's κ three ways, Krippendorff's α, Fleiss' κ), per-example miss rates and misread sections for ${fmt.int(result.annotators)} annotators × ${result.examples} examples × ${result.criteria} criteria, computed in the bench process (median of ${result.runsMs.length}).`,
    header: ['annotators', 'answers', 'median ms', 'runs ms'],
    rows: [
      [
        fmt.int(result.annotators),
        fmt.int(result.annotators * result.examples * result.criteria),
        fmt.ms(result.medianMs),
        result.runsMs.map((ms) => fmt.ms(ms)).join(', '),
      ],
    ],
    targets:
      result.annotators >= 1000
        ? [
            {
              text: '1,000 × 100 × 10 well under a second',
              met: result.medianMs < 1000,
            },
          ]
        : [{ text: 'well under a second at 1,000 annotators (quick run)', met: null }],
    notes: [],
  }
}
