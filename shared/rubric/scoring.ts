/**
 * Scores a rater's answers against gold, per question slot (`shared/rubric/taskTypes.ts`) and kind: exact
 * match for binary, points (met / not met) and label answers (any accepted value counts); within the
 * criterion's tolerance for ordinal answers; the same side for pairwise answers, and when the criterion asks
 * for strength, a strength at most one step from gold's (a strength that is not on the scale never agrees).
 * MultiLabel by Jaccard overlap (labelSets.ts), spans by F1 (spanMatch.ts), step verdicts per step and/or by
 * first wrong step (stepVerdictScore.ts). N/A agrees only with gold that accepts N/A. The attempt score is the
 * weighted share of agreeing answers; it passes at the rubric's threshold, unless a criterion with its own
 * minimum agreement falls below it. Pure: the server runs it, so gold never has to reach the rater.
 */
import type { AnswerDetail } from '../schema/calibration'
import type { Criterion, ExampleContent, GoldValue, Rubric } from '../schema/rubric'
import { bestJaccard } from './labelSets'
import { strengthStep } from './pairwiseStrength'
import { bestSpanMatch } from './spanMatch'
import { bestStepScore } from './stepVerdictScore'
import { slotCriterionId, stepIdsOf } from './taskTypes'
import { isLabelSet, isNotApplicable, isPairwiseValue, isSpanSet, isStepVerdicts } from './valueShapes'

export interface Answer {
  value: GoldValue | null
  rationale?: string
}

/** Answers per example id, then per slot key. */
export type Answers = Record<string, Record<string, Answer>>
/** Accepted gold values per example id, then per slot key. */
export type GoldTable = Record<string, Record<string, GoldValue[]>>
/** The examples' contents by id (for step order and span texts). */
export type Contents = Record<string, ExampleContent>

export interface Judgement {
  agrees: boolean
  detail?: AnswerDetail
}

/** Whether an answer agrees with the accepted gold, and for partially scored kinds how far. */
export function judge(
  criterion: Criterion,
  answer: GoldValue | null | undefined,
  accepted: readonly GoldValue[],
  content?: ExampleContent,
): Judgement {
  if (answer === null || answer === undefined) return { agrees: false }
  if (isNotApplicable(answer)) return { agrees: accepted.some(isNotApplicable) }
  switch (criterion.kind) {
    case 'binary':
    case 'points':
    case 'label':
      return { agrees: accepted.some((gold) => gold === answer) }
    case 'ordinal':
      return {
        agrees:
          typeof answer === 'number' &&
          accepted.some((gold) => typeof gold === 'number' && Math.abs(gold - answer) <= criterion.tolerance),
      }
    case 'pairwise': {
      if (!isPairwiseValue(answer)) return { agrees: false }
      // A strength off the scale is refused wherever it appears, even where strength is not required.
      if (answer.strength !== undefined && strengthStep(answer.strength) === undefined)
        return { agrees: false }
      return {
        agrees: accepted.some((gold) => {
          if (!isPairwiseValue(gold) || gold.choice !== answer.choice) return false
          if (gold.strength !== undefined && strengthStep(gold.strength) === undefined) return false
          if (!criterion.strengthRequired || gold.choice === 'tie' || !gold.strength) return true
          const answerStep = strengthStep(answer.strength)
          if (answerStep === undefined) return false
          return Math.abs(strengthStep(gold.strength)! - answerStep) <= 1
        }),
      }
    }
    case 'multiLabel': {
      if (!isLabelSet(answer)) return { agrees: false }
      const best = bestJaccard(answer, accepted)
      if (best.accepted < 0) return { agrees: false }
      return {
        agrees: best.jaccard >= criterion.minJaccard - 1e-9,
        detail: { kind: 'multiLabel', accepted: best.accepted, jaccard: best.jaccard },
      }
    }
    case 'span': {
      if (!isSpanSet(answer)) return { agrees: false }
      const best = bestSpanMatch(answer, accepted, criterion.minOverlap)
      if (!best) return { agrees: false }
      return { agrees: best.f1 >= criterion.minF1 - 1e-9, detail: { kind: 'span', ...best } }
    }
    case 'stepVerdict': {
      if (!isStepVerdicts(answer)) return { agrees: false }
      const best = bestStepScore(criterion, answer, accepted, content ? stepIdsOf(content) : undefined)
      if (!best) return { agrees: false }
      const { agrees, ...detail } = best
      return { agrees, detail: { kind: 'stepVerdict', ...detail } }
    }
  }
}

export function agrees(
  criterion: Criterion,
  answer: GoldValue | null,
  accepted: GoldValue[],
  content?: ExampleContent,
): boolean {
  return judge(criterion, answer, accepted, content).agrees
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
  /** One row per criterion, summed over its slots (A and B). */
  perCriterion: CriterionScore[]
  /** Per example and slot key: did the answer agree? */
  perAnswer: Record<string, Record<string, boolean>>
  /** Per example and slot key: partial-credit detail (multiLabel, span, stepVerdict answers). */
  details: Record<string, Record<string, AnswerDetail>>
  /** Criteria whose own minimum agreement was not reached (any one fails the attempt). */
  belowMinimum: string[]
}

/**
 * Scores every gold slot of every example in `gold`. Slot keys whose criterion is not in the rubric are
 * skipped. `contents` gives the examples' step order (without it the gold value's own order stands in).
 */
export function scoreAttempt(
  rubric: Rubric,
  gold: GoldTable,
  answers: Answers,
  contents: Contents = {},
): AttemptScore {
  const perAnswer: AttemptScore['perAnswer'] = {}
  const details: AttemptScore['details'] = {}
  const criteria = new Map(rubric.criteria.map((c) => [c.id, c]))
  const tallies = new Map(rubric.criteria.map((c) => [c.id, { agreed: 0, total: 0 }]))
  const order = new Map(rubric.criteria.map((c, i) => [c.id, i]))
  let weighted = 0
  let weights = 0
  for (const [exampleId, goldBySlot] of Object.entries(gold)) {
    perAnswer[exampleId] = {}
    details[exampleId] = {}
    // Slots in rubric order (A before B), so results read like the rubric.
    const slots = Object.keys(goldBySlot)
      .filter((key) => criteria.has(slotCriterionId(key)))
      .sort((a, b) => order.get(slotCriterionId(a))! - order.get(slotCriterionId(b))! || (a < b ? -1 : 1))
    for (const key of slots) {
      const criterion = criteria.get(slotCriterionId(key))!
      const accepted = goldBySlot[key]
      if (!accepted || accepted.length === 0) continue
      const result = judge(criterion, answers[exampleId]?.[key]?.value, accepted, contents[exampleId])
      perAnswer[exampleId][key] = result.agrees
      if (result.detail) details[exampleId][key] = result.detail
      const tally = tallies.get(criterion.id)!
      tally.total++
      if (result.agrees) tally.agreed++
      weights += criterion.weight
      if (result.agrees) weighted += criterion.weight
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
    details,
    belowMinimum: belowMinimum.map((c) => c.id),
  }
}
