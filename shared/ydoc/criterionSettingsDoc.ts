/**
 * Mutators for the criterion settings that came with N/A and the multiLabel, span and stepVerdict kinds
 * (design-15): scalar keys on the criterion's Y.Map, and the step verdicts as a Y.Array<string>. The labels
 * of multiLabel and span criteria reuse the label criterion's `labels` child map (rubricDoc.ts addLabel…).
 */
import * as Y from 'yjs'
import { STEP_VERDICT_MODES } from '../schema/rubric'
import { criteriaMap } from './rubricDoc'

/** Defaults the readers use for a key that is absent. */
export const CRITERION_SETTING_DEFAULTS = {
  allowNA: false,
  minJaccard: 1,
  minOverlap: 0.5,
  minF1: 0.5,
  mode: 'perStep',
  minStepAgreement: 0.8,
  stepTolerance: 0,
} as const
export const DEFAULT_VERDICTS = ['correct', 'incorrect', 'unsafe', 'n/a'] as const

export type CriterionSetting = keyof typeof CRITERION_SETTING_DEFAULTS

const SHARES = new Set<CriterionSetting>(['minJaccard', 'minOverlap', 'minF1', 'minStepAgreement'])

/** Whether `value` is valid for the setting (shares 0..1, minOverlap above 0, tolerance 0..20, known mode). */
export function validSetting(field: CriterionSetting, value: unknown): boolean {
  if (field === 'allowNA') return typeof value === 'boolean'
  if (field === 'mode') return STEP_VERDICT_MODES.includes(value as (typeof STEP_VERDICT_MODES)[number])
  if (typeof value !== 'number' || !Number.isFinite(value)) return false
  if (field === 'stepTolerance') return Number.isInteger(value) && value >= 0 && value <= 20
  if (field === 'minOverlap') return value >= 0.01 && value <= 1
  return SHARES.has(field) && value >= 0 && value <= 1
}

/** Sets one setting; invalid values are ignored (the schema would reject them on publish). */
export function setCriterionSetting(
  doc: Y.Doc,
  criterionId: string,
  field: CriterionSetting,
  value: unknown,
): void {
  if (!validSetting(field, value)) return
  criteriaMap(doc).get(criterionId)?.set(field, value)
}

/** The verdicts list of a step-verdict criterion, created with the defaults the first time it is edited. */
function verdictsArray(doc: Y.Doc, criterionId: string): Y.Array<string> | undefined {
  const criterion = criteriaMap(doc).get(criterionId)
  if (!criterion) return undefined
  const existing = criterion.get('verdicts')
  if (existing instanceof Y.Array) return existing as Y.Array<string>
  const array = Y.Array.from<string>([...DEFAULT_VERDICTS])
  criterion.set('verdicts', array)
  return array
}

/** The verdicts as the reader shows them (defaults when the criterion has none yet). */
export function verdictsOf(doc: Y.Doc, criterionId: string): string[] {
  const existing = criteriaMap(doc).get(criterionId)?.get('verdicts')
  return existing instanceof Y.Array ? (existing as Y.Array<string>).toArray() : [...DEFAULT_VERDICTS]
}

/** Adds a verdict at the end; blank or duplicate verdicts are ignored. Returns whether it was added. */
export function addVerdict(doc: Y.Doc, criterionId: string, verdict: string): boolean {
  const value = verdict.trim().slice(0, 40)
  if (!value) return false
  let added = false
  doc.transact(() => {
    const array = verdictsArray(doc, criterionId)
    if (!array || array.toArray().includes(value) || array.length >= 12) return
    array.push([value])
    added = true
  })
  return added
}

export function removeVerdict(doc: Y.Doc, criterionId: string, verdict: string): void {
  doc.transact(() => {
    const array = verdictsArray(doc, criterionId)
    const at = array ? array.toArray().indexOf(verdict) : -1
    if (array && at >= 0) array.delete(at, 1)
  })
}
