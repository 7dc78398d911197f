/**
 * Times the gold audit at the size the results page must handle — 1,000 annotators × 100 examples × 10
 * criteria (half 1–5 scales with tolerance 1, half yes/no), seeded answers from annotators of varying skill —
 * and prints the median CPU time of 7 runs (CPU, not wall time: the machine is shared). Run: `npx tsx test/bench/goldAuditTiming.ts` (a measurement, not a test).
 */
import type { SubmittedAttempt } from '../../shared/rubric/analytics'
import { goldAudit } from '../../shared/rubric/goldAudit'
import type { CalibrationExample, Criterion } from '../../shared/schema/rubric'

let seed = 42
const random = () => {
  seed = (seed * 16807) % 2147483647
  return seed / 2147483647
}
const base = { description: '', tags: [], weight: 1, rationaleRequired: false }
const criteria: Criterion[] = Array.from({ length: 10 }, (_, i) =>
  i % 2 === 0
    ? {
        ...base,
        id: `c${i}`,
        kind: 'ordinal',
        title: `Scale ${i}`,
        tolerance: 1,
        levels: [1, 2, 3, 4, 5].map((value) => ({ value, label: `${value}`, descriptor: '' })),
      }
    : { ...base, id: `c${i}`, kind: 'binary', title: `Check ${i}` },
)
const gold = (e: number, i: number) => (i % 2 === 0 ? 1 + ((e + i) % 5) : (e + i) % 2 === 0)
const examples: CalibrationExample[] = Array.from({ length: 100 }, (_, e) => ({
  id: `e${e}`,
  title: `Example ${e}`,
  content: { kind: 'free', body: '' },
  rationale: '',
  difficulty: 'medium',
  sectionId: null,
  status: 'ready',
  gold: Object.fromEntries(criteria.map((c, i) => [c.id, { accepted: [gold(e, i)], rationale: '' }])),
}))
const attempts: SubmittedAttempt[] = Array.from({ length: 1000 }, (_, u) => {
  const skill = 0.5 + 0.45 * random()
  return {
    userId: `u${u}`,
    userName: `Annotator ${u}`,
    version: '1.0.0',
    submittedAt: new Date(1_700_000_000_000 + u).toISOString(),
    score: 0,
    passed: false,
    items: examples.map((e) => e.id),
    answers: Object.fromEntries(
      examples.map((e, ei) => [
        e.id,
        Object.fromEntries(
          criteria.map((c, i) => {
            const right = gold(ei, i)
            const noisy = c.kind === 'ordinal' ? 1 + Math.floor(random() * 5) : random() > 0.5
            return [c.id, { value: random() < skill ? right : noisy }]
          }),
        ),
      ]),
    ),
  }
})
const rubric = { title: 'Bench', instructions: '', passThreshold: 0.7, criteria }
const runs: number[] = []
for (let i = 0; i < 7; i++) {
  const start = process.cpuUsage()
  const audit = goldAudit('1.0.0', rubric, examples, attempts)
  const used = process.cpuUsage(start)
  runs.push((used.user + used.system) / 1000)
  if (audit.items.length !== 1000) throw new Error('audit lost items')
}
const sorted = [...runs].sort((a, b) => a - b)
console.log(
  `gold audit, 1,000 annotators × 100 examples × 10 criteria: median ${sorted[3]!.toFixed(1)} ms CPU (runs ${runs.map((r) => r.toFixed(1)).join(', ')})`,
)
