/** Builders for analytics tests: criteria of each kind, examples with gold, and submitted attempts. */
import type { SubmittedAttempt } from '../../shared/rubric/analytics'
import type { CalibrationExample, Criterion, GoldValue, Rubric } from '../../shared/schema/rubric'

const base = { description: 'd', tags: [], weight: 1, rationaleRequired: false }

export const ordinalCriterion = (id: string, tolerance: number, levels = [1, 2, 3, 4, 5]): Criterion => ({
  ...base,
  id,
  title: `Ordinal ${id}`,
  kind: 'ordinal',
  tolerance,
  levels: levels.map((value) => ({ value, label: `${value}`, descriptor: 'x' })),
})

export const pairwiseCriterion = (id: string, strengthRequired: boolean, allowTie = true): Criterion => ({
  ...base,
  id,
  title: `Preference ${id}`,
  kind: 'pairwise',
  allowTie,
  strengthRequired,
})

export const labelCriterion = (id: string, labels: string[]): Criterion => ({
  ...base,
  id,
  title: `Label ${id}`,
  kind: 'label',
  labels: labels.map((value) => ({ value, description: '' })),
  passingLabels: [],
})

export const binaryCriterion = (id: string): Criterion => ({
  ...base,
  id,
  title: `Check ${id}`,
  kind: 'binary',
})

export const rubricOf = (criteria: Criterion[]): Rubric => ({
  title: 'R',
  instructions: '',
  passThreshold: 0.7,
  criteria,
})

/** Examples e0…e(n−1), gold per criterion id from `gold(exampleIndex)` (undefined: no gold). */
export function examplesWith(
  n: number,
  gold: (e: number) => Record<string, GoldValue[] | undefined>,
  sectionOf: (e: number) => string | null = () => null,
): CalibrationExample[] {
  return Array.from({ length: n }, (_, e) => ({
    id: `e${e}`,
    title: `Example ${e}`,
    // Two responses, so pairwise criteria are asked too (kindFitsContent); with no task types nothing is split.
    content: { kind: 'pairwise', prompt: 'x', responseA: 'a', responseB: 'b' },
    rationale: '',
    difficulty: 'medium',
    sectionId: sectionOf(e),
    status: 'ready',
    gold: Object.fromEntries(
      Object.entries(gold(e))
        .filter((entry): entry is [string, GoldValue[]] => entry[1] !== undefined)
        .map(([id, accepted]) => [id, { accepted, rationale: '' }]),
    ),
  }))
}

/** One annotator's submitted attempt over `examples`, answering `answer(exampleIndex, criterionId)`. */
export function attemptOf(
  user: number,
  examples: CalibrationExample[],
  criteria: Criterion[],
  answer: (e: number, criterionId: string) => GoldValue | null,
  extra: Partial<SubmittedAttempt> = {},
): SubmittedAttempt {
  return {
    userId: `u${user}`,
    userName: `Annotator ${user}`,
    version: '1.0.0',
    submittedAt: new Date(1_700_000_000_000 + user * 1000).toISOString(),
    score: 0.5,
    passed: false,
    items: examples.map((e) => e.id),
    answers: Object.fromEntries(
      examples.map((example, e) => [
        example.id,
        Object.fromEntries(criteria.map((c) => [c.id, { value: answer(e, c.id) }])),
      ]),
    ),
    ...extra,
  }
}
