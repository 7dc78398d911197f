/**
 * The categories a criterion's answers are counted in for the agreement statistics — the answers as given,
 * scored the way scoring scores them: booleans; the declared ordinal levels in order; the labels; for pairwise
 * the side (A / tie / B), or, when strength is required and therefore scored, side × strength on one ordered
 * preference scale (A much better … tie … B much better). `code` turns an answer into its category's index
 * (−1 for no answer, or one that is not a valid answer for the criterion, e.g. an unknown strength). Where
 * the criterion allows N/A, N/A is one more category, the last; statistics over ordered scales leave it out
 * (analytics.ts). The set kinds (multiLabel, span, stepVerdict) have no category scale: kindAgreement.ts.
 */
import { type Criterion, type GoldValue, PAIRWISE_STRENGTHS } from '../schema/rubric'
import { describeValue } from './goldFits'
import { strengthStep } from './pairwiseStrength'
import { agrees } from './scoring'
import { isNotApplicable, isPairwiseValue } from './valueShapes'

export interface AnswerScale {
  /** One representative value per category, in order. */
  values: GoldValue[]
  /** Whether the categories are ordered (weighted kappa and ordinal alpha apply). */
  ordered: boolean
  /** For pairwise with strength: each category's side index in `sideValues`; else null. */
  side: Int8Array | null
  sideValues: GoldValue[] | null
  /** The N/A category (always the last) where the criterion allows N/A, else −1. */
  na: number
  code(value: GoldValue | null | undefined): number
}

const SIDES = ['A', 'tie', 'B'] as const

function pairwiseScale(criterion: Extract<Criterion, { kind: 'pairwise' }>): Omit<AnswerScale, 'na'> {
  const sides = SIDES.filter((s) => s !== 'tie' || criterion.allowTie)
  const sideValues: GoldValue[] = sides.map((choice) => ({ choice }))
  const sideIndex = (choice: unknown) => sides.indexOf(choice as (typeof sides)[number])
  if (!criterion.strengthRequired) {
    return {
      values: sideValues,
      ordered: false,
      side: null,
      sideValues: null,
      code(value) {
        if (!isPairwiseValue(value)) return -1
        if (value.strength !== undefined && strengthStep(value.strength) === undefined) return -1
        return sideIndex(value.choice)
      },
    }
  }
  // A strong, A clear, A slight, A negligible, (tie), B negligible … B strong.
  const strengths = PAIRWISE_STRENGTHS.length
  const values: GoldValue[] = [
    ...[...PAIRWISE_STRENGTHS].reverse().map((strength) => ({ choice: 'A' as const, strength })),
    ...(criterion.allowTie ? [{ choice: 'tie' as const }] : []),
    ...PAIRWISE_STRENGTHS.map((strength) => ({ choice: 'B' as const, strength })),
  ]
  const tie = criterion.allowTie ? 1 : 0
  const side = Int8Array.from(values, (v) => sideIndex((v as { choice: string }).choice))
  return {
    values,
    ordered: true,
    side,
    sideValues,
    code(value) {
      if (!isPairwiseValue(value)) return -1
      if (value.choice === 'tie') return criterion.allowTie ? strengths : -1
      const step = strengthStep(value.strength)
      if (step === undefined) return -1
      if (value.choice === 'A') return strengths - 1 - step
      if (value.choice === 'B') return strengths + tie + step
      return -1
    },
  }
}

export function answerScale(criterion: Criterion): AnswerScale {
  const scale = baseScale(criterion)
  if (!criterion.allowNA || scale.values.length === 0) return { ...scale, na: -1 }
  const na = scale.values.length
  return {
    values: [...scale.values, { na: true }],
    ordered: scale.ordered,
    side: scale.side ? Int8Array.from([...scale.side, scale.sideValues!.length]) : null,
    sideValues: scale.sideValues ? [...scale.sideValues, { na: true }] : null,
    na,
    code: (value) => (isNotApplicable(value) ? na : scale.code(value)),
  }
}

function baseScale(criterion: Criterion): Omit<AnswerScale, 'na'> {
  switch (criterion.kind) {
    case 'binary':
    case 'points':
      return {
        values: [false, true],
        ordered: false,
        side: null,
        sideValues: null,
        code: (value) => (value === true ? 1 : value === false ? 0 : -1),
      }
    case 'ordinal': {
      const levels = [...new Set(criterion.levels.map((l) => l.value))].sort((a, b) => a - b)
      const index = new Map(levels.map((v, i) => [v, i]))
      return {
        values: levels,
        ordered: true,
        side: null,
        sideValues: null,
        code: (value) => (typeof value === 'number' ? (index.get(value) ?? -1) : -1),
      }
    }
    case 'label': {
      const labels = [...new Set(criterion.labels.map((l) => l.value))]
      const index = new Map(labels.map((v, i) => [v, i]))
      return {
        values: labels,
        ordered: false,
        side: null,
        sideValues: null,
        code: (value) => (typeof value === 'string' ? (index.get(value) ?? -1) : -1),
      }
    }
    case 'pairwise':
      return pairwiseScale(criterion)
    case 'multiLabel':
    case 'span':
    case 'stepVerdict':
      return { values: [], ordered: false, side: null, sideValues: null, code: () => -1 }
  }
}

/** Equal as answers: the same value, or for pairwise the same side and (where scored) the same strength. */
export function sameAnswer(criterion: Criterion, a: GoldValue, b: GoldValue): boolean {
  if (isNotApplicable(a) || isNotApplicable(b)) return isNotApplicable(a) && isNotApplicable(b)
  if (criterion.kind !== 'pairwise') return a === b
  if (!isPairwiseValue(a) || !isPairwiseValue(b)) return false
  if (a.choice !== b.choice) return false
  return !criterion.strengthRequired || a.choice === 'tie' || a.strength === b.strength
}

/** How one example's gold judges each category of a criterion's scale. */
export interface GoldJudgement {
  /** Category equals an accepted value. */
  exact: Uint8Array
  /** Category agrees with gold by the scoring rule (within tolerance / strength within one step). */
  agrees: Uint8Array
  /** Gold's category to pair with an answer in each category for kappa: the answer's own when gold accepts it exactly, else the nearest accepted category; −1 when gold has no valid category. */
  goldFor: Int16Array
}

export function judgeGold(criterion: Criterion, scale: AnswerScale, accepted: GoldValue[]): GoldJudgement {
  const k = scale.values.length
  const goldCategories = accepted.map((g) => scale.code(g)).filter((c) => c >= 0)
  const exact = new Uint8Array(k)
  const agreeing = new Uint8Array(k)
  const goldFor = new Int16Array(k).fill(-1)
  for (let c = 0; c < k; c++) {
    const value = scale.values[c]!
    exact[c] = accepted.some((g) => sameAnswer(criterion, value, g)) ? 1 : 0
    agreeing[c] = agrees(criterion, value, accepted) ? 1 : 0
    if (exact[c]) goldFor[c] = c
    else {
      let best = -1
      for (const g of goldCategories) if (best < 0 || Math.abs(g - c) < Math.abs(best - c)) best = g
      goldFor[c] = best
    }
  }
  return { exact, agrees: agreeing, goldFor }
}

/** "B, slightly better", "3 — Adequate", "Yes": a category as a lead reads it. */
export function describeCategory(criterion: Criterion, scale: AnswerScale, category: number): string {
  return describeValue(criterion, scale.values[category]!)
}
