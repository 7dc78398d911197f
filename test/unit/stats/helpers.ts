/** Test helpers for `Statistic` results: assertions that show the reason, pairs from tables, seeded data. */
import { expect } from 'vitest'
import type { Statistic, UndefinedReason } from '../../../shared/stats/result'

/** Asserts a defined, finite value within half a unit of the `digits`-th decimal of `expected`. */
export function expectValue(statistic: Statistic, expected: number, digits = 6): number {
  if (!statistic.defined) throw new Error(`expected ${expected}, got undefined: ${statistic.message}`)
  expect(Number.isFinite(statistic.value)).toBe(true)
  expect(statistic.value).toBeCloseTo(expected, digits)
  return statistic.value
}

/** Asserts an undefined statistic with this reason and a message for people. */
export function expectUndefined(statistic: Statistic, reason: UndefinedReason): void {
  if (statistic.defined) throw new Error(`expected undefined (${reason}), got ${statistic.value}`)
  expect(statistic.reason).toBe(reason)
  expect(statistic.message.length).toBeGreaterThan(0)
  expect(statistic).not.toHaveProperty('value')
}

/** The value of a statistic that must be defined. */
export function definedValue(statistic: Statistic): number {
  if (!statistic.defined) throw new Error(`expected a value, got undefined: ${statistic.message}`)
  return statistic.value
}

/** Pairs from a k × k contingency table (rows rater A, columns rater B), category = position + offset. */
export function pairsFromTable(table: readonly (readonly number[])[], offset = 0): [number, number][] {
  return table.flatMap((row, i) =>
    row.flatMap((count, j) =>
      Array.from({ length: count }, (): [number, number] => [i + offset, j + offset]),
    ),
  )
}

/** A small seeded generator (mulberry32) so property checks are reproducible; returns integers in [0, max). */
export function seededIntegers(seed: number): (max: number) => number {
  let state = seed >>> 0
  return (max) => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * max)
  }
}

/** A copy of `items` in a seeded random order (Fisher–Yates). */
export function shuffle<T>(items: readonly T[], next: (max: number) => number): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = next(i + 1)
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy
}
