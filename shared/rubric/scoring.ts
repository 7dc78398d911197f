/**
 * Scores a rater's answers against gold, per criterion and kind: exact match for binary, points (met / not
 * met) and label answers (any accepted value counts); within the criterion's tolerance for ordinal answers;
 * the same side for pairwise answers, and when the criterion asks for strength, a strength at most one step
 * from gold's (a strength that is not on the scale never agrees). The attempt score is the weighted share of
 * agreeing answers; it passes at the rubric's threshold, unless a criterion with its own minimum agreement
 * falls below it. Pure: the server runs it, so gold never has to reach the rater.
 */
import type { Criterion, GoldValue, Rubric } from '../schema/rubric'
import { strengthStep } from './pairwiseStrength'

export interface Answer {
  value: GoldValue | null
  rationale?: string
}

/** Answers per example id, then per criterion id. */
export type Answers = Record<string, Record<string, Answer>>
/** Accepted gold values per example id, then per criterion id. */
export type GoldTable = Record<string, Record<string, GoldValue[]>>

export function agrees(criterion: Criterion, answer: GoldValue | null, accepted: GoldValue[]): boolean {
  if (answer === null || answer === undefined) return false
  switch (criterion.kind) {
    case 'binary':
    case 'points':
    case 'label':
      return accepted.some((gold) => gold === answer)
    case 'ordinal':
      return (
        typeof answer === 'number' &&
        accepted.some((gold) => typeof gold === 'number' && Math.abs(gold - answer) <= criterion.tolerance)
      )
    case 'pairwise': {
      if (typeof answer !== 'object') return false
      // A strength off the scale is refused wherever it appears, even where strength is not required.
      if (answer.strength !== undefined && strengthStep(answer.strength) === undefined) return false
      return accepted.some((gold) => {
        if (typeof gold !== 'object' || gold === null || gold.choice !== answer.choice) return false
        if (gold.strength !== undefined && strengthStep(gold.strength) === undefined) return false
        if (!criterion.strengthRequired || gold.choice === 'tie' || !gold.strength) return true
        const answerStep = strengthStep(answer.strength)
        if (answerStep === undefined) return false
        return Math.abs(strengthStep(gold.strength)! - answerStep) <= 1
      })
    }
  }
}

export interface CriterionScore {
  criterionId: string
  agreed: number
  total: number
  /** Share of this criterion's answers that agree with gold (0..1); null when no example has gold for it (not scored). */
  agreement: number | null
}

export interface AttemptScore {
  /** Weighted share of agreeing answers (0..1). */
  score: number
  passed: boolean
  perCriterion: CriterionScore[]
  /** Per example and criterion: did the answer agree? */
  perAnswer: Record<string, Record<string, boolean>>
  /** Criteria whose own minimum agreement was not reached (any one fails the attempt). */
  belowMinimum: string[]
}

export function scoreAttempt(rubric: Rubric, gold: GoldTable, answers: Answers): AttemptScore {
  const perAnswer: AttemptScore['perAnswer'] = {}
  const tallies = new Map(rubric.criteria.map((c) => [c.id, { agreed: 0, total: 0 }]))
  let weighted = 0
  let weights = 0
  for (const [exampleId, goldByCriterion] of Object.entries(gold)) {
    perAnswer[exampleId] = {}
    for (const criterion of rubric.criteria) {
      const accepted = goldByCriterion[criterion.id]
      if (!accepted || accepted.length === 0) continue
      const ok = agrees(criterion, answers[exampleId]?.[criterion.id]?.value ?? null, accepted)
      perAnswer[exampleId][criterion.id] = ok
      const tally = tallies.get(criterion.id)!
      tally.total++
      if (ok) tally.agreed++
      weights += criterion.weight
      if (ok) weighted += criterion.weight
    }
  }
  const score = weights === 0 ? 0 : weighted / weights
  const perCriterion = rubric.criteria.map((c) => {
    const t = tallies.get(c.id)!
    return {
      criterionId: c.id,
      agreed: t.agreed,
      total: t.total,
      agreement: t.total === 0 ? null : t.agreed / t.total,
    }
  })
  // A criterion with its own minimum fails the attempt when its agreement falls below it.
  const belowMinimum = rubric.criteria.filter((c, i) => {
    const minimum = c.minAgreement
    return (
      typeof minimum === 'number' &&
      perCriterion[i]!.agreement !== null &&
      perCriterion[i]!.agreement < minimum - 1e-9
    )
  })
  return {
    score,
    passed: weights > 0 && score >= rubric.passThreshold - 1e-9 && belowMinimum.length === 0,
    perCriterion,
    perAnswer,
    belowMinimum: belowMinimum.map((c) => c.id),
  }
}
