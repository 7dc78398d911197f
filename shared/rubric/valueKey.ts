/**
 * One canonical text key per answer or gold value, so equal values compare equal whatever their object key
 * order (pairwise `{choice, strength}`) or set order (labels, spans, step verdicts): used to tally answers
 * and to tell whether a gold value changed.
 */
import type { GoldValue } from '../schema/rubric'
import { isLabelSet, isNotApplicable, isPairwiseValue, isSpanSet, isStepVerdicts } from './valueShapes'

export function valueKey(value: GoldValue | null | undefined): string {
  if (value === null || value === undefined) return 'none'
  if (isNotApplicable(value)) return 'na'
  if (isPairwiseValue(value)) return `pair:${value.choice}:${value.strength ?? ''}`
  if (isLabelSet(value)) return `labels:${JSON.stringify([...new Set(value.labels)].sort())}`
  if (isSpanSet(value)) {
    const spans = value.spans.map((s) => JSON.stringify([s.field, s.start, s.end, s.label])).sort()
    return `spans:${spans.join(',')}`
  }
  if (isStepVerdicts(value)) {
    const steps = Object.entries(value.steps).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `steps:${JSON.stringify(steps)}:${value.firstWrong === undefined ? '-' : JSON.stringify(value.firstWrong)}`
  }
  return `${typeof value}:${String(value)}`
}

/** Whether two lists of accepted gold values hold the same values (order and duplicates ignored). */
export function sameValues(a: readonly GoldValue[], b: readonly GoldValue[]): boolean {
  const left = new Set(a.map(valueKey))
  const right = new Set(b.map(valueKey))
  return left.size === right.size && [...left].every((k) => right.has(k))
}
