/**
 * Mutators for the content of an example beyond prompt/response (design-15 "Draft Y.Doc layout"): turns of a
 * conversation, steps of a reasoning chain or agent trajectory, alternative final turns, and the text behind
 * a text path. Turns and steps are Y.Maps in Y.Arrays; every text is a Y.XmlFragment except a trajectory
 * step's `tool` and `args` (Y.Text). `readExamples` (examplesDoc.ts) reads this layout.
 */
import * as Y from 'yjs'
import type { ContentKind } from '../schema/rubric'
import { TURN_ROLES } from '../schema/rubric'
import { MEDIA_LISTS } from './exampleMediaDoc'
import { examplesMap, type YExample } from './examplesDoc'
import { newYId } from './ids'
import { anchoredSpansIn, reanchorSpans } from './spanGoldMove'

export type TurnRole = (typeof TURN_ROLES)[number]

/** Fragments an example may need beyond the ones every example gets when it is created. */
const EXTRA_FRAGMENTS = ['task', 'answer', 'outcome', 'finalA', 'finalB'] as const
/** Rich text keys of a step (reasoning uses `text`, trajectories the rest) and its plain-text keys. */
const STEP_FRAGMENTS = ['text', 'thought', 'observation'] as const
const STEP_TEXTS = ['tool', 'args'] as const

const exampleMap = (doc: Y.Doc, exampleId: string): YExample | undefined => examplesMap(doc).get(exampleId)

/**
 * Creates whatever fragment or array the example lacks (examples written before these kinds lack them).
 * Every key is created whatever `kind` is, so two people switching kinds later never race to create the
 * same array (the second creation would replace the first and lose its turns). Sets nothing else.
 */
export function ensureContentFields(doc: Y.Doc, exampleId: string, _kind?: ContentKind): void {
  const map = exampleMap(doc, exampleId)
  if (!map) return
  doc.transact(() => {
    for (const key of ['prompt', 'response', 'responseA', 'responseB', 'body', ...EXTRA_FRAGMENTS])
      if (!(map.get(key) instanceof Y.XmlFragment)) map.set(key, new Y.XmlFragment())
    if (!(map.get('turns') instanceof Y.Array)) map.set('turns', new Y.Array<Y.Map<unknown>>())
    if (!(map.get('steps') instanceof Y.Array)) map.set('steps', new Y.Array<Y.Map<unknown>>())
    for (const list of MEDIA_LISTS)
      if (!(map.get(list) instanceof Y.Array)) map.set(list, new Y.Array<Y.Map<unknown>>())
  })
}

const KIND_KEYS: Record<ContentKind, string[]> = {
  single: ['prompt', 'response'],
  pairwise: ['prompt', 'responseA', 'responseB'],
  free: ['body'],
  conversation: ['turns', 'finalA', 'finalB'],
  reasoning: ['prompt', 'steps', 'answer'],
  trajectory: ['task', 'steps', 'outcome'],
  media: ['prompt', 'media'],
}

/** Whether the example lacks a field its content kind shows (an example written before the kind existed). */
export function contentFieldsMissing(doc: Y.Doc, exampleId: string, kind: ContentKind): boolean {
  const map = exampleMap(doc, exampleId)
  return map !== undefined && (KIND_KEYS[kind] ?? []).some((key) => !map.has(key))
}

/**
 * Switches the example's content kind, creating missing fields, and gives an empty conversation a user and
 * an assistant turn and an empty step list one step, so there is something to type into. Nothing is deleted:
 * switching back shows the old texts again.
 */
export function setContentKind(doc: Y.Doc, exampleId: string, kind: ContentKind): void {
  const map = exampleMap(doc, exampleId)
  if (!map) return
  doc.transact(() => {
    ensureContentFields(doc, exampleId, kind)
    map.set('contentKind', kind)
    if (kind === 'conversation' && turnsArray(map).length === 0) {
      addTurn(doc, exampleId, 'user')
      addTurn(doc, exampleId, 'assistant')
    }
    if ((kind === 'reasoning' || kind === 'trajectory') && stepsArray(map).length === 0)
      addStep(doc, exampleId)
  })
}

function turnsArray(map: YExample): Y.Array<Y.Map<unknown>> {
  return map.get('turns') as Y.Array<Y.Map<unknown>>
}
function stepsArray(map: YExample): Y.Array<Y.Map<unknown>> {
  return map.get('steps') as Y.Array<Y.Map<unknown>>
}

/** The turns or steps array of an example, created if missing. */
function itemsOf(doc: Y.Doc, exampleId: string, key: 'turns' | 'steps'): Y.Array<Y.Map<unknown>> | null {
  const map = exampleMap(doc, exampleId)
  if (!map) return null
  if (!(map.get(key) instanceof Y.Array)) ensureContentFields(doc, exampleId)
  return map.get(key) as Y.Array<Y.Map<unknown>>
}

const indexOfId = (items: Y.Array<Y.Map<unknown>>, id: string) =>
  items.toArray().findIndex((item) => item.get('id') === id)

const clampIndex = (index: number | undefined, length: number) =>
  index === undefined ? length : Math.max(0, Math.min(index, length))

function insertItem(
  doc: Y.Doc,
  exampleId: string,
  key: 'turns' | 'steps',
  item: Y.Map<unknown>,
  index?: number,
) {
  doc.transact(() => {
    const items = itemsOf(doc, exampleId, key)
    items?.insert(clampIndex(index, items.length), [item])
  })
}

export function addTurn(doc: Y.Doc, exampleId: string, role: TurnRole, index?: number): string {
  const id = newYId()
  const turn = new Y.Map<unknown>()
  turn.set('id', id)
  turn.set('role', role)
  turn.set('text', new Y.XmlFragment())
  insertItem(doc, exampleId, 'turns', turn, index)
  return id
}

/** A new step carries every key, so switching between reasoning and trajectory never loses text. */
export function addStep(doc: Y.Doc, exampleId: string, index?: number): string {
  const id = newYId()
  const step = new Y.Map<unknown>()
  step.set('id', id)
  for (const key of STEP_FRAGMENTS) step.set(key, new Y.XmlFragment())
  for (const key of STEP_TEXTS) step.set(key, new Y.Text())
  insertItem(doc, exampleId, 'steps', step, index)
  return id
}

function removeItem(doc: Y.Doc, exampleId: string, key: 'turns' | 'steps', id: string): void {
  doc.transact(() => {
    const items = itemsOf(doc, exampleId, key)
    const at = items ? indexOfId(items, id) : -1
    if (items && at >= 0) items.delete(at, 1)
  })
}

/**
 * Moves a turn or step to `index` of the list without it. Yjs cannot move an element, so the item is
 * replaced by a deep copy with the same id: gold keyed by the id (step verdicts, span fields) keeps working and
 * span gold in it is anchored again in the copy; a peer's typing in that item at the same moment is lost.
 */
function moveItem(doc: Y.Doc, exampleId: string, key: 'turns' | 'steps', id: string, index: number): void {
  doc.transact(() => {
    const items = itemsOf(doc, exampleId, key)
    const from = items ? indexOfId(items, id) : -1
    if (!items || from < 0) return
    const to = clampIndex(index, items.length - 1)
    if (to === from) return
    const prefix = `${key}.${id}`
    const pending = anchoredSpansIn(doc, exampleId, prefix)
    const copy = items.get(from).clone()
    items.delete(from, 1)
    items.insert(to, [copy])
    reanchorSpans(doc, exampleId, prefix, pending)
  })
}

export const removeTurn = (doc: Y.Doc, exampleId: string, turnId: string) =>
  removeItem(doc, exampleId, 'turns', turnId)
export const removeStep = (doc: Y.Doc, exampleId: string, stepId: string) =>
  removeItem(doc, exampleId, 'steps', stepId)
export const moveTurn = (doc: Y.Doc, exampleId: string, turnId: string, index: number) =>
  moveItem(doc, exampleId, 'turns', turnId, index)
export const moveStep = (doc: Y.Doc, exampleId: string, stepId: string, index: number) =>
  moveItem(doc, exampleId, 'steps', stepId, index)

export function setTurnRole(doc: Y.Doc, exampleId: string, turnId: string, role: TurnRole): void {
  if (!TURN_ROLES.includes(role)) return
  const items = itemsOf(doc, exampleId, 'turns')
  const at = items ? indexOfId(items, turnId) : -1
  if (items && at >= 0) items.get(at).set('role', role)
}

/**
 * Whether a conversation shows alternative final turns A and B, or a media example media A and B (their
 * texts and items are kept when switched off).
 */
export function setHasFinals(doc: Y.Doc, exampleId: string, on: boolean): void {
  const map = exampleMap(doc, exampleId)
  if (!map) return
  doc.transact(() => {
    ensureContentFields(doc, exampleId)
    map.set('hasFinals', on)
  })
}

/** Ids (and roles) of an example's turns in order, for editing views. */
export function turnEntries(doc: Y.Doc, exampleId: string): { id: string; role: TurnRole }[] {
  const turns = exampleMap(doc, exampleId)?.get('turns')
  if (!(turns instanceof Y.Array)) return []
  return (turns as Y.Array<Y.Map<unknown>>).toArray().map((turn) => ({
    id: String(turn.get('id') ?? ''),
    role: TURN_ROLES.includes(turn.get('role') as TurnRole) ? (turn.get('role') as TurnRole) : 'user',
  }))
}

/** Ids of an example's steps in order, for editing views. */
export function stepIds(doc: Y.Doc, exampleId: string): string[] {
  const steps = exampleMap(doc, exampleId)?.get('steps')
  if (!(steps instanceof Y.Array)) return []
  return (steps as Y.Array<Y.Map<unknown>>).toArray().map((step) => String(step.get('id') ?? ''))
}

export const hasFinals = (doc: Y.Doc, exampleId: string) =>
  exampleMap(doc, exampleId)?.get('hasFinals') === true

function findItem(map: YExample, key: 'turns' | 'steps', id: string): Y.Map<unknown> | undefined {
  const items = map.get(key)
  if (!(items instanceof Y.Array)) return undefined
  return (items as Y.Array<Y.Map<unknown>>).toArray().find((item) => item.get('id') === id)
}

const TOP_LEVEL = new Set([
  'prompt',
  'response',
  'responseA',
  'responseB',
  'body',
  'rationale',
  ...EXTRA_FRAGMENTS,
])
const STEP_PARTS = new Set<string>([...STEP_FRAGMENTS, ...STEP_TEXTS])

/**
 * The Y.XmlFragment (or, for a trajectory step's `tool`/`args`, the Y.Text) behind a text path of
 * `shared/rubric/contentFields.ts`: `prompt`, `turns.<id>`, `steps.<id>` (reasoning text),
 * `steps.<id>.thought|tool|args|observation`, `finalA`… Undefined for a path with nothing behind it.
 */
export function contentFragment(
  doc: Y.Doc,
  exampleId: string,
  path: string,
): Y.XmlFragment | Y.Text | undefined {
  const map = exampleMap(doc, exampleId)
  if (!map) return undefined
  const [head, id, part, ...rest] = path.split('.')
  if (rest.length > 0 || head === undefined) return undefined
  let value: unknown
  if (id === undefined) value = TOP_LEVEL.has(head) ? map.get(head) : undefined
  else if (head === 'turns' && part === undefined) value = findItem(map, 'turns', id)?.get('text')
  else if (head === 'steps') {
    const key = part ?? 'text'
    value = STEP_PARTS.has(key) ? findItem(map, 'steps', id)?.get(key) : undefined
  }
  return value instanceof Y.XmlFragment || value instanceof Y.Text ? value : undefined
}

/** The rich text behind a text path (undefined for the plain `tool`/`args` texts or a missing path). */
export function contentRichText(doc: Y.Doc, exampleId: string, path: string): Y.XmlFragment | undefined {
  const value = contentFragment(doc, exampleId, path)
  return value instanceof Y.XmlFragment ? value : undefined
}

/** A trajectory step's tool name or JSON arguments (plain collaborative text). */
export function stepPlainText(
  doc: Y.Doc,
  exampleId: string,
  stepId: string,
  part: 'tool' | 'args',
): Y.Text | undefined {
  const value = contentFragment(doc, exampleId, `steps.${stepId}.${part}`)
  return value instanceof Y.Text ? value : undefined
}
