/**
 * Checks for settings that make calibration meaningless even though every field is filled in: an ordinal
 * tolerance that makes every answer agree, a 0 % pass threshold, duplicate labels, and a pass threshold that
 * no set of answers can reach. findProblems (problems.ts) adds them to the live Checks list; problemFixes.ts
 * offers the one-click fixes.
 *
 * When can no answer set pass? A perfect rater (every answer equal to gold) agrees on every scored answer, so
 * the score is 1 and every criterion's agreement is 1: any threshold ≤ 1 and any minimum agreement ≤ 1 is met.
 * The only way such a rater still fails (shared/rubric/scoring.ts) is a total scored weight of 0: no example
 * has gold for any criterion with a weight above 0. "Every weight is 0" is its own check (weights_all_zero);
 * this one catches the rest (only weight-0 criteria have gold). A rubric with no examples is not reported
 * here: there is no attempt to fail.
 */
import type { Criterion, RubricWithExamples } from '../schema/rubric'
import type { Problem } from './problems'
import { type Answers, type GoldTable, scoreAttempt } from './scoring'

const nameOf = (c: Criterion, index: number) =>
  c.title.trim() ? `“${c.title.trim()}”` : `Criterion ${index + 1}`

/** Level values span this many steps (max − min); null with fewer than two distinct levels. */
export function ordinalRange(levels: { value: number }[]): number | null {
  const values = new Set(levels.map((l) => l.value))
  if (values.size < 2) return null
  return Math.max(...values) - Math.min(...values)
}

/** The tolerance the fix proposes: 1, or range − 1 when that is smaller (so some answer can disagree). */
export const suggestedTolerance = (range: number) => Math.max(0, Math.min(1, range - 1))

/** Label values compared as raters see them: trimmed, case-insensitive. */
export const labelKey = (value: string) => value.trim().toLowerCase()

export function meaningProblems({ rubric, examples }: RubricWithExamples): Problem[] {
  const problems: Problem[] = []
  if (Math.round(rubric.passThreshold * 100) === 0) {
    problems.push({
      severity: 'error',
      code: 'pass_threshold_zero',
      message: 'The pass threshold is 0 %, so every attempt passes whatever the answers.',
    })
  }
  rubric.criteria.forEach((c, index) => {
    const name = nameOf(c, index)
    if (c.kind === 'ordinal') {
      const range = ordinalRange(c.levels)
      if (range !== null && c.tolerance >= range) {
        problems.push({
          severity: 'error',
          code: 'ordinal_tolerance_too_wide',
          message: `${name}: a tolerance of ${c.tolerance} covers the whole scale (${range} steps), so every answer agrees with gold.`,
          criterionId: c.id,
        })
      }
    }
    if (c.kind === 'label' || c.kind === 'multiLabel' || c.kind === 'span') {
      const seen = new Set<string>()
      const repeated = new Set<string>()
      for (const label of c.labels) {
        const key = labelKey(label.value)
        if (!key) continue
        if (seen.has(key)) repeated.add(label.value.trim())
        seen.add(key)
      }
      if (repeated.size > 0) {
        problems.push({
          severity: 'error',
          code: 'label_duplicate',
          message: `${name} lists the label ${[...repeated].map((v) => `“${v}”`).join(', ')} more than once.`,
          criterionId: c.id,
        })
      }
    }
  })
  const unreachable = passUnreachable({ rubric, examples })
  if (unreachable) problems.push(unreachable)
  return problems
}

function passUnreachable({ rubric, examples }: RubricWithExamples): Problem | null {
  if (examples.length === 0 || rubric.criteria.every((c) => c.weight === 0)) return null
  const gold: GoldTable = {}
  const perfect: Answers = {}
  for (const example of examples) {
    gold[example.id] = {}
    perfect[example.id] = {}
    for (const [criterionId, entry] of Object.entries(example.gold)) {
      if (!entry || entry.accepted.length === 0) continue
      gold[example.id]![criterionId] = entry.accepted
      perfect[example.id]![criterionId] = { value: entry.accepted[0]! }
    }
  }
  const best = scoreAttempt(rubric, gold, perfect)
  if (best.passed) return null
  return {
    severity: 'error',
    code: 'pass_unreachable',
    message:
      'No attempt can pass, not even one that matches gold everywhere: only criteria with weight 0 have gold. Give a weight to a criterion with gold, or fill in gold for the weighted ones.',
  }
}
