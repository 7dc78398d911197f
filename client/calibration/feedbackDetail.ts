/**
 * The per-answer detail the feedback shows for multi-label, span and step-verdict questions. The server
 * sends it with the result (`detail`, see /work/notes/feedback-shape.md); results stored before it existed
 * lack it, so the same figures are computed here from the answer, the accepted gold and the content.
 */

import type { z } from 'zod'
import { contentSteps } from '../../shared/rubric/contentFields'
import { isLabelSet, isSpanSet, isStepVerdicts } from '../../shared/rubric/valueShapes'
import type { CriterionFeedback } from '../../shared/schema/calibration'
import type { ExampleContent, GoldValue, MarkedSpan } from '../../shared/schema/rubric'
import { matchSpans } from '../content/spanSegments'

export interface StepRow {
  stepId: string
  number: number
  answer: string | null
  gold: string | null
  /** null: gold has no verdict for the step (not counted). */
  agrees: boolean | null
}

export type AnswerDetail =
  | { kind: 'multiLabel'; accepted: number; jaccard: number }
  | {
      kind: 'span'
      accepted: number
      precision: number
      recall: number
      f1: number
      matched: { rater: MarkedSpan; gold: MarkedSpan; overlap: number }[]
      missed: MarkedSpan[]
      extra: MarkedSpan[]
    }
  | {
      kind: 'stepVerdict'
      accepted: number
      steps: StepRow[]
      stepAgreement: number | null
      firstWrong?: { answer: number | null; gold: number | null; agrees: boolean }
    }

/** A feedback row as the scoring helper's result carries it (fields optional in older results). */
export type SlotFeedback = z.infer<typeof CriterionFeedback> & {
  slotKey?: string
  target?: 'A' | 'B' | null
  detail?: AnswerDetail
}

const jaccard = (a: readonly string[], b: readonly string[]) => {
  const union = new Set([...a, ...b])
  if (union.size === 0) return 1
  return a.filter((x) => b.includes(x)).length / union.size
}

/** The index of the best-scoring accepted value by `score` (ties: the first). */
function best(accepted: readonly GoldValue[], score: (v: GoldValue) => number | null): number {
  let index = 0
  let top = Number.NEGATIVE_INFINITY
  accepted.forEach((value, i) => {
    const s = score(value)
    if (s !== null && s > top) {
      top = s
      index = i
    }
  })
  return index
}

export function multiLabelDetail(answer: GoldValue | null, accepted: readonly GoldValue[]) {
  if (!isLabelSet(answer)) return null
  const score = (v: GoldValue) => (isLabelSet(v) ? jaccard(answer.labels, v.labels) : null)
  const index = best(accepted, score)
  return { kind: 'multiLabel' as const, accepted: index, jaccard: score(accepted[index]!) ?? 0 }
}

export function spanDetail(answer: GoldValue | null, accepted: readonly GoldValue[], minOverlap: number) {
  if (!isSpanSet(answer)) return null
  const score = (v: GoldValue) => (isSpanSet(v) ? matchSpans(v.spans, answer.spans, minOverlap).f1 : null)
  const index = best(accepted, score)
  const gold = accepted[index]
  const goldSpans = isSpanSet(gold) ? gold.spans : []
  const m = matchSpans(goldSpans, answer.spans, minOverlap)
  const rater = answer.spans
  return {
    kind: 'span' as const,
    accepted: index,
    precision: rater.length ? m.matched.length / rater.length : goldSpans.length ? 0 : 1,
    recall: goldSpans.length ? m.matched.length / goldSpans.length : rater.length ? 0 : 1,
    f1: m.f1,
    matched: m.matched.map(([g, r]) => ({
      gold: goldSpans[g]!,
      rater: rater[r]!,
      overlap: Math.max(
        0,
        Math.min(goldSpans[g]!.end, rater[r]!.end) - Math.max(goldSpans[g]!.start, rater[r]!.start),
      ),
    })),
    missed: m.missed.map((g) => goldSpans[g]!),
    extra: m.extra.map((r) => rater[r]!),
  }
}

export function stepDetail(
  answer: GoldValue | null,
  accepted: readonly GoldValue[],
  content: ExampleContent,
  mode: 'perStep' | 'firstWrong' | 'both',
  stepTolerance: number,
) {
  if (!isStepVerdicts(answer)) return null
  const steps = contentSteps(content)
  const numberOf = (id: string | null | undefined) =>
    id === null || id === undefined ? null : (steps.find((s) => s.id === id)?.number ?? null)
  const rows = (v: GoldValue): StepRow[] =>
    steps.map((s) => {
      const gold = isStepVerdicts(v) ? (v.steps[s.id] ?? null) : null
      const mine = answer.steps[s.id] ?? null
      return {
        stepId: s.id,
        number: s.number,
        answer: mine,
        gold,
        agrees: gold === null ? null : mine === gold,
      }
    })
  const share = (list: StepRow[]) => {
    const counted = list.filter((r) => r.agrees !== null)
    return counted.length ? counted.filter((r) => r.agrees).length / counted.length : null
  }
  const index = best(accepted, (v) => share(rows(v)) ?? 0)
  const gold = accepted[index]!
  const list = rows(gold)
  const goldFirst = isStepVerdicts(gold) ? numberOf(gold.firstWrong) : null
  const mineFirst = numberOf(answer.firstWrong)
  return {
    kind: 'stepVerdict' as const,
    accepted: index,
    steps: list,
    stepAgreement: mode === 'firstWrong' ? null : share(list),
    ...(mode === 'perStep'
      ? {}
      : {
          firstWrong: {
            answer: mineFirst,
            gold: goldFirst,
            agrees:
              (mineFirst === null && goldFirst === null) ||
              (mineFirst !== null && goldFirst !== null && Math.abs(mineFirst - goldFirst) <= stepTolerance),
          },
        }),
  }
}
