/**
 * Typed access to the rubric inside a draft Y.Doc. Criteria live in a Y.Map keyed by id and are ordered by
 * a fractional index, so concurrent adds, moves and deletes never duplicate or lose a criterion; titles,
 * descriptions and level descriptors are Y.Texts, so two leads typing in the same one merge.
 */
import { generateKeyBetween } from 'fractional-indexing'
import * as Y from 'yjs'
import {
  type AttemptSettings,
  CONTENT_KINDS,
  type ContentKind,
  type Criterion,
  type CriterionKind,
  type LabelOption,
  type OrdinalLevel,
  type Rubric,
  STEP_VERDICT_MODES,
  type TaskType,
} from '../schema/rubric'
import { removeGoldForCriterion } from './examplesDoc'
import { newYId } from './ids'
import { DraftRoot } from './layout'

export type YCriterion = Y.Map<unknown>

export const criteriaMap = (doc: Y.Doc) => doc.getMap<YCriterion>(DraftRoot.criteria)
export const rubricTitle = (doc: Y.Doc) => doc.getText(DraftRoot.rubricTitle)
export const rubricInstructions = (doc: Y.Doc) => doc.getText(DraftRoot.rubricInstructions)
export const rubricSettings = (doc: Y.Doc) => doc.getMap<unknown>(DraftRoot.rubricSettings)

export const DEFAULT_PASS_THRESHOLD = 0.8

/** What a new criterion starts from; kind-specific fields default sensibly. */
export interface CriterionInit {
  /** A fixed id (seeding); new criteria get a random one. */
  id?: string
  kind: CriterionKind
  title?: string
  description?: string
  tags?: string[]
  weight?: number
  rationaleRequired?: boolean
  levels?: OrdinalLevel[]
  tolerance?: number
  points?: number
  allowTie?: boolean
  strengthRequired?: boolean
  labels?: LabelOption[]
  passingLabels?: string[]
  allowNA?: boolean
  minJaccard?: number
  minOverlap?: number
  minF1?: number
  mode?: (typeof STEP_VERDICT_MODES)[number]
  minStepAgreement?: number
  stepTolerance?: number
  verdicts?: string[]
}

function text(value: string): Y.Text {
  const t = new Y.Text()
  if (value) t.insert(0, value)
  return t
}

/** Children (levels, labels) are Y.Maps keyed by id with an `order` key, like criteria. */
function orderedChildren<T extends { order: string; id: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1))
}

function levelMap(level: OrdinalLevel, order: string): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  map.set('value', level.value)
  map.set('label', text(level.label))
  map.set('descriptor', text(level.descriptor))
  map.set('order', order)
  return map
}

function labelMap(label: LabelOption, order: string, passing: boolean): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  map.set('value', label.value)
  map.set('description', text(label.description))
  map.set('order', order)
  map.set('passing', passing)
  return map
}

function keys(count: number): string[] {
  const out: string[] = []
  let previous: string | null = null
  for (let i = 0; i < count; i++) {
    previous = generateKeyBetween(previous, null)
    out.push(previous)
  }
  return out
}

/** Criteria in display order, as [id, Y.Map] pairs. */
export function orderedCriteria(doc: Y.Doc): [string, YCriterion][] {
  const entries = [...criteriaMap(doc).entries()].map(([id, map]) => ({
    id,
    map,
    order: String(map.get('order') ?? ''),
  }))
  return orderedChildren(entries).map((e) => [e.id, e.map])
}

export function addCriterion(doc: Y.Doc, init: CriterionInit, index?: number): string {
  const id = init.id ?? newYId()
  doc.transact(() => {
    const ordered = orderedCriteria(doc)
    const at = index === undefined ? ordered.length : Math.max(0, Math.min(index, ordered.length))
    const before = at > 0 ? String(ordered[at - 1]![1].get('order')) : null
    const after = at < ordered.length ? String(ordered[at]![1].get('order')) : null
    const map = new Y.Map<unknown>()
    map.set('id', id)
    map.set('order', generateKeyBetween(before, after === before ? null : after))
    map.set('kind', init.kind)
    map.set('title', text(init.title ?? ''))
    map.set('description', text(init.description ?? ''))
    map.set('tags', Y.Array.from(init.tags ?? []))
    map.set('weight', init.weight ?? 1)
    map.set('rationaleRequired', init.rationaleRequired ?? false)
    map.set('tolerance', init.tolerance ?? 0)
    map.set('points', init.points ?? 1)
    map.set('allowTie', init.allowTie ?? true)
    map.set('strengthRequired', init.strengthRequired ?? false)
    const levels = new Y.Map<Y.Map<unknown>>()
    const levelInit = init.levels ?? []
    for (const [i, order] of keys(levelInit.length).entries())
      levels.set(newYId(), levelMap(levelInit[i]!, order))
    map.set('levels', levels)
    const labels = new Y.Map<Y.Map<unknown>>()
    const labelInit = init.labels ?? []
    const passing = new Set(init.passingLabels ?? [])
    for (const [i, order] of keys(labelInit.length).entries()) {
      labels.set(newYId(), labelMap(labelInit[i]!, order, passing.has(labelInit[i]!.value)))
    }
    map.set('labels', labels)
    // Settings of the newer kinds are written only when given: readers supply DEFAULTS for absent keys.
    for (const key of [
      'allowNA',
      'minJaccard',
      'minOverlap',
      'minF1',
      'mode',
      'minStepAgreement',
      'stepTolerance',
    ] as const) {
      if (init[key] !== undefined) map.set(key, init[key])
    }
    if (init.kind === 'stepVerdict' || init.verdicts)
      map.set('verdicts', Y.Array.from(init.verdicts ?? [...DEFAULTS.verdicts]))
    criteriaMap(doc).set(id, map)
  })
  return id
}

/** Moves a criterion to `index` in the current order (between its new neighbours). */
export function moveCriterion(doc: Y.Doc, id: string, index: number): void {
  doc.transact(() => {
    const others = orderedCriteria(doc).filter(([other]) => other !== id)
    const target = criteriaMap(doc).get(id)
    if (!target) return
    const at = Math.max(0, Math.min(index, others.length))
    const before = at > 0 ? String(others[at - 1]![1].get('order')) : null
    const after = at < others.length ? String(others[at]![1].get('order')) : null
    // Equal neighbours can happen after concurrent inserts; order then falls back to ids.
    target.set('order', generateKeyBetween(before, after !== null && after <= (before ?? '') ? null : after))
  })
}

/** Deletes a criterion and the gold values examples hold for it. */
export function deleteCriterion(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    criteriaMap(doc).delete(id)
    removeGoldForCriterion(doc, id)
  })
}

type ScalarField =
  | 'kind'
  | 'weight'
  | 'rationaleRequired'
  | 'minAgreement'
  | 'tolerance'
  | 'points'
  | 'allowTie'
  | 'strengthRequired'
  | 'allowNA'
  | 'minJaccard'
  | 'minOverlap'
  | 'minF1'
  | 'mode'
  | 'minStepAgreement'
  | 'stepTolerance'
export function setCriterionField(doc: Y.Doc, id: string, field: ScalarField, value: unknown): void {
  criteriaMap(doc).get(id)?.set(field, value)
}

export function criterionText(doc: Y.Doc, id: string, field: 'title' | 'description'): Y.Text | undefined {
  return criteriaMap(doc).get(id)?.get(field) as Y.Text | undefined
}

/** Replaces a stepVerdict criterion's verdict list (creating the Y.Array when the criterion has none). */
export function setVerdicts(doc: Y.Doc, id: string, verdicts: string[]): void {
  const criterion = criteriaMap(doc).get(id)
  if (!criterion) return
  doc.transact(() => {
    const current = criterion.get('verdicts')
    if (current instanceof Y.Array) {
      current.delete(0, current.length)
      current.insert(0, verdicts)
    } else criterion.set('verdicts', Y.Array.from(verdicts))
  })
}

export function setTags(doc: Y.Doc, id: string, tags: string[]): void {
  const array = criteriaMap(doc).get(id)?.get('tags') as Y.Array<string> | undefined
  if (!array) return
  doc.transact(() => {
    array.delete(0, array.length)
    array.insert(0, tags)
  })
}

function children(criterion: YCriterion, key: 'levels' | 'labels'): Y.Map<Y.Map<unknown>> {
  return criterion.get(key) as Y.Map<Y.Map<unknown>>
}

function orderedChildMaps(parent: Y.Map<Y.Map<unknown>>): [string, Y.Map<unknown>][] {
  const entries = [...parent.entries()].map(([id, map]) => ({
    id,
    map,
    order: String(map.get('order') ?? ''),
  }))
  return orderedChildren(entries).map((e) => [e.id, e.map])
}

export function orderedLevels(doc: Y.Doc, criterionId: string): [string, Y.Map<unknown>][] {
  const criterion = criteriaMap(doc).get(criterionId)
  return criterion ? orderedChildMaps(children(criterion, 'levels')) : []
}

export function orderedLabels(doc: Y.Doc, criterionId: string): [string, Y.Map<unknown>][] {
  const criterion = criteriaMap(doc).get(criterionId)
  return criterion ? orderedChildMaps(children(criterion, 'labels')) : []
}

export function addLevel(doc: Y.Doc, criterionId: string, level: OrdinalLevel): string {
  const id = newYId()
  doc.transact(() => {
    const criterion = criteriaMap(doc).get(criterionId)
    if (!criterion) return
    const last = orderedChildMaps(children(criterion, 'levels')).at(-1)
    children(criterion, 'levels').set(
      id,
      levelMap(level, generateKeyBetween(last ? String(last[1].get('order')) : null, null)),
    )
  })
  return id
}

export function removeLevel(doc: Y.Doc, criterionId: string, levelId: string): void {
  const criterion = criteriaMap(doc).get(criterionId)
  if (criterion) children(criterion, 'levels').delete(levelId)
}

export function setLevelValue(doc: Y.Doc, criterionId: string, levelId: string, value: number): void {
  const criterion = criteriaMap(doc).get(criterionId)
  children(criterion!, 'levels').get(levelId)?.set('value', value)
}

export function addLabel(doc: Y.Doc, criterionId: string, label: LabelOption, passing = false): string {
  const id = newYId()
  doc.transact(() => {
    const criterion = criteriaMap(doc).get(criterionId)
    if (!criterion) return
    const last = orderedChildMaps(children(criterion, 'labels')).at(-1)
    children(criterion, 'labels').set(
      id,
      labelMap(label, generateKeyBetween(last ? String(last[1].get('order')) : null, null), passing),
    )
  })
  return id
}

export function removeLabel(doc: Y.Doc, criterionId: string, labelId: string): void {
  const criterion = criteriaMap(doc).get(criterionId)
  if (criterion) children(criterion, 'labels').delete(labelId)
}

export function setLabelField(
  doc: Y.Doc,
  criterionId: string,
  labelId: string,
  field: 'value' | 'passing',
  value: unknown,
) {
  const criterion = criteriaMap(doc).get(criterionId)
  children(criterion!, 'labels').get(labelId)?.set(field, value)
}

const str = (value: unknown) =>
  value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : ''
const num = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback
const bool = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback)

/** Defaults of the settings of the newer criterion kinds (keys absent in the criterion's Y.Map). */
export const DEFAULTS = {
  minJaccard: 1,
  minOverlap: 0.5,
  minF1: 0.5,
  mode: 'perStep',
  minStepAgreement: 0.8,
  stepTolerance: 0,
  verdicts: ['correct', 'incorrect', 'unsafe', 'n/a'],
} as const

/** A number in 0..1, else the fallback. */
const share = (value: unknown, fallback: number) => Math.max(0, Math.min(1, num(value, fallback)))

/** The labels of a label, multiLabel or span criterion, in order. */
function readLabelOptions(map: YCriterion): LabelOption[] {
  const labels = map.get('labels')
  if (!(labels instanceof Y.Map)) return []
  return orderedChildMaps(labels as Y.Map<Y.Map<unknown>>).map(([, label]) => ({
    value: str(label.get('value')),
    description: str(label.get('description')),
  }))
}

/** Reads one criterion as plain data (the shape the schema validates). */
export function readCriterion(id: string, map: YCriterion): Criterion {
  const base = {
    id,
    title: str(map.get('title')),
    description: str(map.get('description')),
    tags: ((map.get('tags') as Y.Array<string> | undefined)?.toArray() ?? []).filter(
      (t) => typeof t === 'string',
    ),
    weight: num(map.get('weight'), 1),
    rationaleRequired: bool(map.get('rationaleRequired'), false),
    ...(typeof map.get('minAgreement') === 'number' ? { minAgreement: num(map.get('minAgreement'), 0) } : {}),
    ...(map.get('allowNA') === true ? { allowNA: true } : {}),
  }
  const kind = map.get('kind') as CriterionKind
  switch (kind) {
    case 'ordinal':
      return {
        ...base,
        kind,
        tolerance: num(map.get('tolerance'), 0),
        levels: orderedChildMaps(children(map, 'levels')).map(([, level]) => ({
          value: num(level.get('value'), 0),
          label: str(level.get('label')),
          descriptor: str(level.get('descriptor')),
        })),
      }
    case 'points':
      return { ...base, kind, points: num(map.get('points'), 1) }
    case 'pairwise':
      return {
        ...base,
        kind,
        allowTie: bool(map.get('allowTie'), true),
        strengthRequired: bool(map.get('strengthRequired'), false),
      }
    case 'multiLabel':
      return {
        ...base,
        kind,
        labels: readLabelOptions(map),
        minJaccard: share(map.get('minJaccard'), DEFAULTS.minJaccard),
      }
    case 'span':
      return {
        ...base,
        kind,
        labels: readLabelOptions(map),
        minOverlap: Math.max(0.01, share(map.get('minOverlap'), DEFAULTS.minOverlap)),
        minF1: share(map.get('minF1'), DEFAULTS.minF1),
      }
    case 'stepVerdict': {
      const verdicts = map.get('verdicts')
      const mode = map.get('mode')
      const tolerance = num(map.get('stepTolerance'), DEFAULTS.stepTolerance)
      return {
        ...base,
        kind,
        verdicts:
          verdicts instanceof Y.Array
            ? (verdicts.toArray() as unknown[]).filter(
                (v): v is string => typeof v === 'string' && v.trim() !== '',
              )
            : [...DEFAULTS.verdicts],
        mode: (STEP_VERDICT_MODES as readonly unknown[]).includes(mode)
          ? (mode as (typeof STEP_VERDICT_MODES)[number])
          : DEFAULTS.mode,
        minStepAgreement: share(map.get('minStepAgreement'), DEFAULTS.minStepAgreement),
        stepTolerance: Math.max(0, Math.min(20, Math.round(tolerance))),
      }
    }
    case 'label': {
      const labels = orderedChildMaps(children(map, 'labels')).map(([, label]) => ({
        value: str(label.get('value')),
        description: str(label.get('description')),
        passing: bool(label.get('passing'), false),
      }))
      return {
        ...base,
        kind,
        labels: labels.map(({ value, description }) => ({ value, description })),
        passingLabels: labels.filter((l) => l.passing).map((l) => l.value),
      }
    }
    default:
      return { ...base, kind: 'binary' }
  }
}

export function readRubric(doc: Y.Doc): Rubric {
  return {
    title: rubricTitle(doc).toString(),
    instructions: rubricInstructions(doc).toString(),
    passThreshold: num(rubricSettings(doc).get('passThreshold'), DEFAULT_PASS_THRESHOLD),
    criteria: orderedCriteria(doc).map(([id, map]) => readCriterion(id, map)),
    attempt: readAttemptSettings(doc),
    ...taskTypesPart(doc),
  }
}

/** `taskTypes` of the rubric, omitted when the draft has none (older drafts read exactly as before). */
function taskTypesPart(doc: Y.Doc): Pick<Rubric, 'taskTypes'> {
  const entries = [...doc.getMap<Y.Map<unknown>>(DraftRoot.taskTypes).entries()]
    .filter(([, map]) => map instanceof Y.Map)
    .map(([id, map]) => ({ id, map, order: String(map.get('order') ?? '') }))
  if (entries.length === 0) return {}
  const criterionIds = orderedCriteria(doc).map(([id]) => id)
  return {
    taskTypes: orderedChildren(entries).map(({ id, map }): TaskType => {
      const applies = map.get('criteria')
      const kind = map.get('contentKind')
      return {
        id,
        name: str(map.get('name')),
        contentKind: (CONTENT_KINDS as readonly unknown[]).includes(kind) ? (kind as ContentKind) : 'single',
        // Rubric order; ticks for criteria that were deleted are left out.
        criterionIds: applies instanceof Y.Map ? criterionIds.filter((cid) => applies.get(cid) === true) : [],
      }
    }),
  }
}

/** How attempts are composed (keys `attemptItems`, `attemptMinPerSection`, `attemptShowSectionHint`). */
export function readAttemptSettings(doc: Y.Doc): AttemptSettings {
  const settings = rubricSettings(doc)
  const items = settings.get('attemptItems')
  const min = settings.get('attemptMinPerSection')
  return {
    itemsPerAttempt:
      typeof items === 'number' && Number.isInteger(items) && items >= 1 ? Math.min(items, 1000) : null,
    minPerSection: typeof min === 'number' && Number.isInteger(min) && min >= 0 ? Math.min(min, 100) : 0,
    showSectionHint: settings.get('attemptShowSectionHint') === true,
  }
}

export function setAttemptSettings(doc: Y.Doc, patch: Partial<AttemptSettings>): void {
  const settings = rubricSettings(doc)
  doc.transact(() => {
    if (patch.itemsPerAttempt !== undefined) settings.set('attemptItems', patch.itemsPerAttempt)
    if (patch.minPerSection !== undefined) settings.set('attemptMinPerSection', patch.minPerSection)
    if (patch.showSectionHint !== undefined) settings.set('attemptShowSectionHint', patch.showSectionHint)
  })
}

export function setPassThreshold(doc: Y.Doc, value: number): void {
  rubricSettings(doc).set('passThreshold', Math.max(0, Math.min(1, value)))
}

/** Levels of an ordinal criterion in order, with their ids (for editing views). */
export function levelEntries(doc: Y.Doc, criterionId: string): { id: string; value: number }[] {
  return orderedLevels(doc, criterionId).map(([id, level]) => ({ id, value: num(level.get('value'), 0) }))
}

export function levelText(
  doc: Y.Doc,
  criterionId: string,
  levelId: string,
  field: 'label' | 'descriptor',
): Y.Text | undefined {
  const criterion = criteriaMap(doc).get(criterionId)
  return criterion
    ? (children(criterion, 'levels').get(levelId)?.get(field) as Y.Text | undefined)
    : undefined
}

/** Labels of a label criterion in order, with their ids (for editing views). */
export function labelEntries(
  doc: Y.Doc,
  criterionId: string,
): { id: string; value: string; passing: boolean }[] {
  return orderedLabels(doc, criterionId).map(([id, label]) => ({
    id,
    value: str(label.get('value')),
    passing: bool(label.get('passing'), false),
  }))
}

export function labelDescription(doc: Y.Doc, criterionId: string, labelId: string): Y.Text | undefined {
  const criterion = criteriaMap(doc).get(criterionId)
  return criterion
    ? (children(criterion, 'labels').get(labelId)?.get('description') as Y.Text | undefined)
    : undefined
}
