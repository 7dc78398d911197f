/**
 * Scoring multiLabel answers: the Jaccard overlap |A ∩ G| / |A ∪ G| of the chosen labels with an accepted
 * gold set (two empty sets overlap fully: 1). An answer agrees when its best overlap over the accepted sets
 * reaches the criterion's `minJaccard` (1 = the exact set).
 */
import type { GoldValue, LabelSetValue } from '../schema/rubric'
import { isLabelSet } from './valueShapes'

export function jaccard(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a)
  const right = new Set(b)
  if (left.size === 0 && right.size === 0) return 1
  let both = 0
  for (const label of left) if (right.has(label)) both++
  return both / (left.size + right.size - both)
}

export interface LabelSetScore {
  /** Index in `accepted` of the best-overlapping set (−1 when no accepted value is a label set). */
  accepted: number
  jaccard: number
}

/** The best Jaccard overlap of an answer with the accepted label sets. */
export function bestJaccard(answer: LabelSetValue, accepted: readonly GoldValue[]): LabelSetScore {
  let best: LabelSetScore = { accepted: -1, jaccard: 0 }
  accepted.forEach((gold, i) => {
    if (!isLabelSet(gold)) return
    const overlap = jaccard(answer.labels, gold.labels)
    if (best.accepted < 0 || overlap > best.jaccard) best = { accepted: i, jaccard: overlap }
  })
  return best
}
