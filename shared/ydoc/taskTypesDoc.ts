/**
 * Mutators for the rubric's task types (design-15 "Draft Y.Doc layout"): a root Y.Map of task types by id,
 * each a Y.Map { id, name: Y.Text, contentKind, order (fractional key), criteria: Y.Map<criterionId → true> },
 * so concurrent renames merge, ticks of different criteria never conflict and concurrent adds never lose
 * one. `readRubric` (rubricDoc.ts) reads the same layout into `rubric.taskTypes`.
 */
import { generateKeyBetween } from 'fractional-indexing'
import * as Y from 'yjs'
import type { ContentKind, CriterionKind } from '../schema/rubric'
import { CONTENT_KINDS } from '../schema/rubric'
import { setContentKind } from './exampleContentDoc'
import { examplesMap } from './examplesDoc'
import { newYId } from './ids'
import { DraftRoot } from './layout'
import { criteriaMap, orderedCriteria } from './rubricDoc'

export type YTaskType = Y.Map<unknown>

export const taskTypesMap = (doc: Y.Doc) => doc.getMap<YTaskType>(DraftRoot.taskTypes)

/** What people call each content kind, used as the default name of a task type. */
export const CONTENT_KIND_NAMES: Record<ContentKind, string> = {
  single: 'Prompt + response',
  pairwise: 'Pairwise comparison',
  free: 'Free item',
  conversation: 'Conversation',
  reasoning: 'Chain of thought',
  trajectory: 'Agent trajectory',
  media: 'Generated media',
}

/** Task types in display order (fractional `order`, then id), as [id, Y.Map] pairs. */
export function orderedTaskTypes(doc: Y.Doc): [string, YTaskType][] {
  return [...taskTypesMap(doc).entries()]
    .map(([id, map]) => ({ id, map, order: String(map.get('order') ?? '') }))
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1))
    .map((entry) => [entry.id, entry.map])
}

export interface TaskTypeInit {
  /** A fixed id (seeding, the migration); new task types get a random one. */
  id?: string
  name: string
  contentKind: ContentKind
  criterionIds: string[]
}

function taskTypeMap(init: TaskTypeInit & { id: string }, order: string): YTaskType {
  const map = new Y.Map<unknown>()
  map.set('id', init.id)
  const name = new Y.Text()
  if (init.name) name.insert(0, init.name)
  map.set('name', name)
  map.set('contentKind', init.contentKind)
  map.set('order', order)
  const criteria = new Y.Map<boolean>()
  for (const criterionId of init.criterionIds) criteria.set(criterionId, true)
  map.set('criteria', criteria)
  return map
}

export function addTaskType(doc: Y.Doc, init: TaskTypeInit): string {
  const id = init.id ?? newYId()
  doc.transact(() => {
    const last = orderedTaskTypes(doc).at(-1)
    const order = generateKeyBetween(last ? String(last[1].get('order') ?? '') || null : null, null)
    taskTypesMap(doc).set(id, taskTypeMap({ ...init, id }, order))
  })
  return id
}

/** Deletes a task type; its examples lose their task type (problems then ask for one). */
export function removeTaskType(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    taskTypesMap(doc).delete(id)
    for (const example of examplesMap(doc).values())
      if (example.get('taskTypeId') === id) example.delete('taskTypeId')
  })
}

/** The collaborative name (for a YTextInput). */
export const taskTypeName = (doc: Y.Doc, id: string) =>
  taskTypesMap(doc).get(id)?.get('name') as Y.Text | undefined

/** Replaces the whole name (typing goes through `taskTypeName` instead, so it merges). */
export function renameTaskType(doc: Y.Doc, id: string, name: string): void {
  const text = taskTypeName(doc, id)
  if (!text) return
  doc.transact(() => {
    text.delete(0, text.length)
    text.insert(0, name)
  })
}

/** Changes a task type's content kind; its examples follow (their texts for other kinds are kept). */
export function setTaskTypeContentKind(doc: Y.Doc, id: string, kind: ContentKind): void {
  const map = taskTypesMap(doc).get(id)
  if (!map || !CONTENT_KINDS.includes(kind)) return
  doc.transact(() => {
    map.set('contentKind', kind)
    for (const [exampleId, example] of examplesMap(doc).entries())
      if (example.get('taskTypeId') === id && example.get('contentKind') !== kind)
        setContentKind(doc, exampleId, kind)
  })
}

export function setCriterionApplies(doc: Y.Doc, taskTypeId: string, criterionId: string, on: boolean): void {
  const map = taskTypesMap(doc).get(taskTypeId)
  if (!map) return
  doc.transact(() => {
    let criteria = map.get('criteria')
    if (!(criteria instanceof Y.Map)) {
      criteria = new Y.Map<boolean>()
      map.set('criteria', criteria)
    }
    if (on) (criteria as Y.Map<boolean>).set(criterionId, true)
    else (criteria as Y.Map<boolean>).delete(criterionId)
  })
}

/**
 * Puts an example in a task type (null: none) and switches its content to the type's kind. Choosing a
 * type that does not exist does nothing.
 */
export function setExampleTaskType(doc: Y.Doc, exampleId: string, taskTypeId: string | null): void {
  const example = examplesMap(doc).get(exampleId)
  if (!example) return
  const type = taskTypeId === null ? undefined : taskTypesMap(doc).get(taskTypeId)
  if (taskTypeId !== null && !type) return
  doc.transact(() => {
    if (taskTypeId === null || !type) {
      example.delete('taskTypeId')
      return
    }
    example.set('taskTypeId', taskTypeId)
    const kind = type.get('contentKind') as ContentKind
    if (CONTENT_KINDS.includes(kind) && example.get('contentKind') !== kind)
      setContentKind(doc, exampleId, kind)
  })
}

/**
 * Whether a criterion of this kind can be asked about content of this kind (`kindFitsContent` in
 * shared/rubric/taskTypes.ts decides per example; this is the same rule before any content exists):
 * pairwise needs alternatives (pairwise content, or a conversation with final turns A/B), step verdicts
 * need steps.
 */
export function kindFitsContentKind(
  kind: CriterionKind,
  contentKind: ContentKind,
  hasFinals = false,
): boolean {
  if (kind === 'pairwise')
    return (
      contentKind === 'pairwise' || ((contentKind === 'conversation' || contentKind === 'media') && hasFinals)
    )
  if (kind === 'stepVerdict') return contentKind === 'reasoning' || contentKind === 'trajectory'
  return true
}

/** The id the migration gives the task type of a content kind (the same on every replica). */
export const setupTaskTypeId = (kind: ContentKind) => `tt-${kind}`

/**
 * The "Set up task types" button for a draft without any: one task type per content kind its examples use
 * (a prompt + response type when there are no examples), each with every criterion that can apply to that
 * content, and every example assigned to the type of its kind. Ids are derived from the content kind, so two
 * leads pressing the button at once write the same task types. Does nothing when task types exist.
 */
export function setupTaskTypesFromExamples(doc: Y.Doc): string[] {
  if (taskTypesMap(doc).size > 0) return []
  const created: string[] = []
  doc.transact(() => {
    const examples = [...examplesMap(doc).entries()]
    const kindOf = (example: Y.Map<unknown>): ContentKind => {
      const kind = example.get('contentKind') as ContentKind
      return CONTENT_KINDS.includes(kind) ? kind : 'single'
    }
    const used = new Set(examples.map(([, example]) => kindOf(example)))
    if (used.size === 0) used.add('single')
    const criteria = orderedCriteria(doc)
    for (const kind of CONTENT_KINDS.filter((k) => used.has(k))) {
      const finals = examples.some(([, e]) => kindOf(e) === kind && e.get('hasFinals') === true)
      const criterionIds = criteria
        .filter(([, map]) => kindFitsContentKind(map.get('kind') as CriterionKind, kind, finals))
        .map(([id]) => id)
      created.push(
        addTaskType(doc, {
          id: setupTaskTypeId(kind),
          name: CONTENT_KIND_NAMES[kind],
          contentKind: kind,
          criterionIds,
        }),
      )
    }
    for (const [, example] of examples) example.set('taskTypeId', setupTaskTypeId(kindOf(example)))
  })
  return created
}

/** A task type's scalar fields and ticked criteria, for editing views (the readers give the plain rubric). */
export function taskTypeEntries(
  doc: Y.Doc,
): { id: string; contentKind: ContentKind; criterionIds: Set<string> }[] {
  return orderedTaskTypes(doc).map(([id, map]) => {
    const criteria = map.get('criteria')
    const ticked = criteria instanceof Y.Map ? [...(criteria as Y.Map<boolean>).keys()] : []
    return {
      id,
      contentKind: (map.get('contentKind') as ContentKind) ?? 'single',
      criterionIds: new Set(ticked.filter((c) => criteriaMap(doc).has(c))),
    }
  })
}
