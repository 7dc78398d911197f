/**
 * One canonical text key per answer or gold value, so equal values compare equal whatever their object key
 * order (pairwise `{choice, strength}`): used to tally answers and to tell whether a gold value changed.
 */
import type { GoldValue } from '../schema/rubric'

export function valueKey(value: GoldValue | null | undefined): string {
  if (value === null || value === undefined) return 'none'
  if (typeof value === 'object') return `pair:${value.choice}:${value.strength ?? ''}`
  return `${typeof value}:${String(value)}`
}

/** Whether two lists of accepted gold values hold the same values (order and duplicates ignored). */
export function sameValues(a: readonly GoldValue[], b: readonly GoldValue[]): boolean {
  const left = new Set(a.map(valueKey))
  const right = new Set(b.map(valueKey))
  return left.size === right.size && [...left].every((k) => right.has(k))
}
