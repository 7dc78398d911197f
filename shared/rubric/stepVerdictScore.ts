/**
 * Scoring step-verdict answers. Per step: the share of the content's current steps whose rater verdict equals
 * gold's; a step without a gold verdict is not counted, and gold verdicts for steps that no longer exist are
 * ignored (problems.ts flags them). With no counted step the per-step part agrees (nothing to compare).
 * First wrong step: compared by step NUMBER (position in the content), agreeing when both say "none" (null)
 * or both name a step within `stepTolerance` positions. A gold first-wrong step that no longer exists is not
 * judged (the part agrees; problems.ts flags it). Mode `both` needs both parts to agree.
 */
import type { Criterion, GoldValue, StepVerdictValue } from '../schema/rubric'
import { isStepVerdicts } from './valueShapes'

type StepCriterion = Extract<Criterion, { kind: 'stepVerdict' }>

export interface StepVerdictScore {
  /** Index in `accepted` of the gold value compared against (the best agreeing one, else the best share). */
  accepted: number
  agrees: boolean
  steps: {
    stepId: string
    number: number
    answer: string | null
    gold: string | null
    agrees: boolean | null
  }[]
  stepAgreement: number | null
  firstWrong?: { answer: number | null; gold: number | null; agrees: boolean }
}

const usesSteps = (c: StepCriterion) => c.mode === 'perStep' || c.mode === 'both'
const usesFirstWrong = (c: StepCriterion) => c.mode === 'firstWrong' || c.mode === 'both'

/**
 * Compares one answer with one gold value. `stepIds` are the content's steps in order; without them (no
 * content at hand) the gold value's own step order stands in.
 */
export function scoreSteps(
  criterion: StepCriterion,
  answer: StepVerdictValue,
  gold: StepVerdictValue,
  stepIds?: readonly string[],
): Omit<StepVerdictScore, 'accepted'> {
  const ids = stepIds ?? Object.keys(gold.steps)
  const numberOf = (id: string | null | undefined) => {
    if (id === null || id === undefined) return null
    const i = ids.indexOf(id)
    return i < 0 ? undefined : i + 1
  }
  const steps = ids.map((stepId, i) => {
    const g = gold.steps[stepId] ?? null
    const a = answer.steps[stepId] ?? null
    return { stepId, number: i + 1, answer: a, gold: g, agrees: g === null ? null : a === g }
  })
  const counted = steps.filter((s) => s.agrees !== null)
  const stepAgreement = counted.length === 0 ? null : counted.filter((s) => s.agrees).length / counted.length
  const stepsAgree = stepAgreement === null || stepAgreement >= criterion.minStepAgreement - 1e-9
  let firstWrong: StepVerdictScore['firstWrong']
  if (usesFirstWrong(criterion)) {
    const goldNumber = numberOf(gold.firstWrong ?? null)
    const answerNumber = answer.firstWrong === undefined ? undefined : numberOf(answer.firstWrong)
    let ok: boolean
    if (goldNumber === undefined)
      ok = true // gold names a step that no longer exists: not judged
    else if (answerNumber === undefined)
      ok = false // no answer, or a step not in the content
    else if (goldNumber === null || answerNumber === null) ok = goldNumber === answerNumber
    else ok = Math.abs(goldNumber - answerNumber) <= criterion.stepTolerance
    firstWrong = { answer: answerNumber ?? null, gold: goldNumber ?? null, agrees: ok }
  }
  const agrees = (!usesSteps(criterion) || stepsAgree) && (!firstWrong || firstWrong.agrees)
  return {
    agrees,
    steps,
    stepAgreement: usesSteps(criterion) ? stepAgreement : null,
    ...(firstWrong ? { firstWrong } : {}),
  }
}

/** The answer against every accepted gold value: the first agreeing one, else the one with most steps right. */
export function bestStepScore(
  criterion: StepCriterion,
  answer: StepVerdictValue,
  accepted: readonly GoldValue[],
  stepIds?: readonly string[],
): StepVerdictScore | null {
  let best: StepVerdictScore | null = null
  accepted.forEach((gold, i) => {
    if (!isStepVerdicts(gold)) return
    const score = { ...scoreSteps(criterion, answer, gold, stepIds), accepted: i }
    const rank = (s: StepVerdictScore) => (s.agrees ? 2 : 0) + (s.stepAgreement ?? 0)
    if (!best || rank(score) > rank(best)) best = score
  })
  return best
}
