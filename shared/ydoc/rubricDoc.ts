/**
 * Typed access to the rubric inside a draft Y.Doc. Criteria live in a Y.Map keyed by id and are ordered by
 * a fractional index, so concurrent adds, moves and deletes never duplicate or lose a criterion; titles,
 * descriptions and level descriptors are Y.Texts, so two leads typing in the same one merge.
 */
import { generateKeyBetween } from 'fractional-indexing'
import * as Y from 'yjs'
import type {
  AttemptSettings,
  Criterion,
  CriterionKind,
  LabelOption,
  OrdinalLevel,
  Rubric,
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
export function setCriterionField(doc: Y.Doc, id: string, field: ScalarField, value: unknown): void {
  criteriaMap(doc).get(id)?.set(field, value)
}

export function criterionText(doc: Y.Doc, id: string, field: 'title' | 'description'): Y.Text | undefined {
  return criteriaMap(doc).get(id)?.get(field) as Y.Text | undefined
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
