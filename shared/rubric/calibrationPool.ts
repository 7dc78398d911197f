/**
 * Which examples of a version (or draft) a calibration attempt draws from, and why the others are left
 * out — the one answer the publish dialog, the versions page and the server's attempt start all use. Also
 * decides which examples are held out from annotators (calibration items) and the attempt settings'
 * defaults for versions published before those settings existed.
 */

import type { EXCLUSION_REASONS, PoolSummary } from '../schema/poolSummary'
import type { AttemptSettings, CalibrationExample, Rubric, RubricWithExamples } from '../schema/rubric'
import { goldValueIssue } from './slotProblems'
import { questionSlots } from './taskTypes'

export const DEFAULT_ATTEMPT_SETTINGS: AttemptSettings = {
  itemsPerAttempt: null,
  minPerSection: 0,
  showSectionHint: false,
}

export type ExclusionReason = (typeof EXCLUSION_REASONS)[number]

export const EXCLUSION_TEXT: Record<ExclusionReason, string> = {
  teaching: 'teaching example (shown in the guideline)',
  draft: 'still a draft',
  no_gold: 'no gold answer',
  gold_does_not_fit: 'gold that does not fit its criterion',
}

export interface Exclusion {
  exampleId: string
  title: string
  reason: ExclusionReason
}

export interface CalibrationPool {
  /** The examples an attempt may draw, in document order. */
  items: CalibrationExample[]
  excluded: Exclusion[]
  /** How many items each attempt draws (0 when the pool is empty). */
  perAttempt: number
  settings: AttemptSettings
}

export const attemptSettingsOf = (rubric: Rubric): AttemptSettings =>
  rubric.attempt ?? DEFAULT_ATTEMPT_SETTINGS

/**
 * Held out from annotators and read tokens: an example explicitly marked as a calibration item. Examples
 * of versions published before roles existed (no role) keep the old behaviour and are shown.
 */
export const isHeldOut = (example: { role?: CalibrationExample['role'] }): boolean =>
  example.role === 'calibration'

/** Scored questions are the asked ones (question slots) that have gold; their gold must fit the content. */
function exclusionOf(example: CalibrationExample, rubric: Rubric): ExclusionReason | null {
  if (example.role === 'teaching') return 'teaching'
  if (example.status !== 'ready') return 'draft'
  const scored = questionSlots(rubric, example).filter((slot) => example.gold[slot.key])
  if (scored.length === 0) return 'no_gold'
  const fits = (slot: (typeof scored)[number]) =>
    example.gold[slot.key]!.accepted.every(
      (value) => goldValueIssue(slot.criterion, value, example.content) === null,
    )
  if (!scored.every(fits)) return 'gold_does_not_fit'
  return null
}

export function calibrationPool({ rubric, examples }: RubricWithExamples): CalibrationPool {
  const items: CalibrationExample[] = []
  const excluded: Exclusion[] = []
  for (const example of examples) {
    const reason = exclusionOf(example, rubric)
    if (reason) excluded.push({ exampleId: example.id, title: example.title, reason })
    else items.push(example)
  }
  const settings = attemptSettingsOf(rubric)
  const perAttempt = Math.min(settings.itemsPerAttempt ?? items.length, items.length)
  return { items, excluded, perAttempt, settings }
}

export const summarizePool = (pool: CalibrationPool): PoolSummary => ({
  items: pool.items.length,
  perAttempt: pool.perAttempt,
  excluded: pool.excluded,
})

/** "Each attempt draws 5 of 12 calibration items." — the sentence the dialog and the versions page show. */
export function describePool({ items: n, perAttempt }: Pick<PoolSummary, 'items' | 'perAttempt'>): string {
  if (n === 0) return 'No calibration items: annotators cannot take calibration on this version.'
  const noun = n === 1 ? 'calibration item' : 'calibration items'
  return perAttempt === n
    ? `Each attempt draws all ${n} ${noun}.`
    : `Each attempt draws ${perAttempt} of ${n} ${noun}.`
}
