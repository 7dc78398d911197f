/**
 * Typed access to the calibration examples inside a draft Y.Doc: each example is a Y.Map with collaborative
 * rich text (Y.XmlFragment) for its texts and rationale, turns/steps as Y.Arrays of Y.Maps, and a gold Y.Map
 * keyed by question slot (criterion id, or `<id>@A`/`<id>@B`); the layout is written down in docs/sync-rules.md.
 */
import * as Y from 'yjs'
import { isSpanSet } from '../rubric/valueShapes'
import {
  type CalibrationExample,
  type ExampleContent,
  type ExampleRole,
  type GoldValue,
  TURN_ROLES,
} from '../schema/rubric'
import { readMediaList } from './exampleMediaDoc'
import { fragmentMarkdown } from './fieldMarkdown'
import { plainTextOf } from './fieldOffsets'
import { appendBlocks, type Block } from './guidelineBuilder'
import { newYId } from './ids'
import { DraftRoot } from './layout'
import { type DraftSpan, exampleTextTypes, idMaps, resolveAnchorIn, type TextType } from './spanAnchors'

export type YExample = Y.Map<unknown>
export type ContentKind = ExampleContent['kind']
export const RICH_FIELDS = ['prompt', 'response', 'responseA', 'responseB', 'body', 'rationale'] as const
export type RichField = (typeof RICH_FIELDS)[number]

export const examplesMap = (doc: Y.Doc) => doc.getMap<YExample>(DraftRoot.examples)

export interface ExampleInit {
  /** A fixed id (seeding); new examples get a random one. */
  id?: string
  title?: string
  contentKind?: ContentKind
  /** Initial rich text per field, as blocks (paragraphs etc.). */
  text?: Partial<Record<RichField, Block[]>>
  difficulty?: CalibrationExample['difficulty']
  sectionId?: string | null
  status?: CalibrationExample['status']
  /** New examples are held-out calibration items unless said otherwise. */
  role?: ExampleRole
  gold?: Record<string, { accepted: GoldValue[]; rationale?: string }>
}

function goldEntry(accepted: DraftGoldValue[], rationale = ''): Y.Map<unknown> {
  const entry = new Y.Map<unknown>()
  entry.set('accepted', accepted)
  const text = new Y.Text()
  if (rationale) text.insert(0, rationale)
  entry.set('rationale', text)
  return entry
}

export function addExample(doc: Y.Doc, init: ExampleInit = {}): string {
  const id = init.id ?? newYId()
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    map.set('id', id)
    const title = new Y.Text()
    if (init.title) title.insert(0, init.title)
    map.set('title', title)
    map.set('contentKind', init.contentKind ?? 'single')
    map.set('difficulty', init.difficulty ?? 'medium')
    map.set('sectionId', init.sectionId ?? null)
    map.set('status', init.status ?? 'draft')
    map.set('role', init.role ?? 'calibration')
    map.set('createdAt', Date.now())
    for (const field of RICH_FIELDS) map.set(field, new Y.XmlFragment())
    const gold = new Y.Map<Y.Map<unknown>>()
    for (const [criterionId, value] of Object.entries(init.gold ?? {})) {
      gold.set(criterionId, goldEntry(value.accepted, value.rationale))
    }
    map.set('gold', gold)
    examplesMap(doc).set(id, map)
    for (const [field, blocks] of Object.entries(init.text ?? {})) {
      appendBlocks(map.get(field) as Y.XmlFragment, blocks)
    }
  })
  return id
}

export function deleteExample(doc: Y.Doc, id: string): void {
  examplesMap(doc).delete(id)
}

export function exampleRichText(doc: Y.Doc, exampleId: string, field: RichField): Y.XmlFragment | undefined {
  return examplesMap(doc).get(exampleId)?.get(field) as Y.XmlFragment | undefined
}

export function exampleTitle(doc: Y.Doc, exampleId: string): Y.Text | undefined {
  return examplesMap(doc).get(exampleId)?.get('title') as Y.Text | undefined
}

type ExampleScalar = 'contentKind' | 'difficulty' | 'sectionId' | 'status' | 'role' | 'taskTypeId'
export function setExampleField(doc: Y.Doc, exampleId: string, field: ExampleScalar, value: unknown): void {
  examplesMap(doc).get(exampleId)?.set(field, value)
}

function goldMap(doc: Y.Doc, exampleId: string): Y.Map<Y.Map<unknown>> | undefined {
  return examplesMap(doc).get(exampleId)?.get('gold') as Y.Map<Y.Map<unknown>> | undefined
}

/** A gold value as the draft stores it: span gold may carry anchors (spanAnchors.ts). */
export type DraftGoldValue = GoldValue | { spans: DraftSpan[] }

/** Sets the accepted gold values of one question (slot key), keeping its rationale text. */
export function setGold(
  doc: Y.Doc,
  exampleId: string,
  criterionId: string,
  accepted: DraftGoldValue[],
): void {
  doc.transact(() => {
    const gold = goldMap(doc, exampleId)
    if (!gold) return
    const entry = gold.get(criterionId)
    if (entry) entry.set('accepted', accepted)
    else gold.set(criterionId, goldEntry(accepted))
  })
}

export function clearGold(doc: Y.Doc, exampleId: string, criterionId: string): void {
  goldMap(doc, exampleId)?.delete(criterionId)
}

/** The accepted gold values of one question slot as the document holds them now (empty when none). */
export function goldAccepted(doc: Y.Doc, exampleId: string, slotKey: string): DraftGoldValue[] {
  const accepted = goldMap(doc, exampleId)?.get(slotKey)?.get('accepted')
  return Array.isArray(accepted) ? (accepted as DraftGoldValue[]) : []
}

export function goldRationale(doc: Y.Doc, exampleId: string, criterionId: string): Y.Text | undefined {
  return goldMap(doc, exampleId)?.get(criterionId)?.get('rationale') as Y.Text | undefined
}

/** Removes a criterion's gold from every example, under each of its slot keys (`id`, `id@A`, `id@B`). */
export function removeGoldForCriterion(doc: Y.Doc, criterionId: string): void {
  for (const example of examplesMap(doc).values()) {
    const gold = example.get('gold') as Y.Map<unknown> | undefined
    for (const key of slotKeysOf(criterionId)) if (gold?.has(key)) gold.delete(key)
  }
}

/** Plain text of a rich-text fragment, reading text deltas (no markup); see fieldOffsets.ts. */
export function fragmentPlainText(fragment: Y.XmlFragment | undefined): string {
  return plainTextOf(fragment)
}

const textOf = (type: TextType | undefined) => plainTextOf(type)
const isRole = (role: unknown): role is (typeof TURN_ROLES)[number] =>
  (TURN_ROLES as readonly unknown[]).includes(role)

/** The plain texts of the example's content kind; finals only when the conversation shows them. */
function readPlainContent(map: YExample): ExampleContent {
  const rich = (field: string) => fragmentPlainText(map.get(field) as Y.XmlFragment | undefined)
  const richIn = (child: Y.Map<unknown>, key: string) => {
    const value = child.get(key)
    return value instanceof Y.XmlFragment || value instanceof Y.Text ? textOf(value) : ''
  }
  switch (map.get('contentKind')) {
    case 'pairwise':
      return {
        kind: 'pairwise',
        prompt: rich('prompt'),
        responseA: rich('responseA'),
        responseB: rich('responseB'),
      }
    case 'free':
      return { kind: 'free', body: rich('body') }
    case 'conversation':
      return {
        kind: 'conversation',
        turns: idMaps(map, 'turns').map(([id, turn]) => ({
          id,
          role: isRole(turn.get('role')) ? (turn.get('role') as (typeof TURN_ROLES)[number]) : 'user',
          text: richIn(turn, 'text'),
        })),
        ...(map.get('hasFinals') === true ? { finalA: rich('finalA'), finalB: rich('finalB') } : {}),
      }
    case 'reasoning':
      return {
        kind: 'reasoning',
        prompt: rich('prompt'),
        steps: idMaps(map, 'steps').map(([id, step]) => ({ id, text: richIn(step, 'text') })),
        answer: rich('answer'),
      }
    case 'trajectory':
      return {
        kind: 'trajectory',
        task: rich('task'),
        steps: idMaps(map, 'steps').map(([id, step]) => ({
          id,
          thought: richIn(step, 'thought'),
          tool: richIn(step, 'tool').trim(),
          args: richIn(step, 'args'),
          observation: richIn(step, 'observation'),
        })),
        outcome: rich('outcome'),
      }
    case 'media':
      return {
        kind: 'media',
        prompt: rich('prompt'),
        media: readMediaList(map, 'media'),
        ...(map.get('hasFinals') === true
          ? { mediaA: readMediaList(map, 'mediaA'), mediaB: readMediaList(map, 'mediaB') }
          : {}),
      }
    default:
      return { kind: 'single', prompt: rich('prompt'), response: rich('response') }
  }
}

/** The content with `markdown` for every rich text that has structure beyond plain paragraphs. */
function readContent(map: YExample): ExampleContent {
  const content = readPlainContent(map)
  const markdown: Record<string, string> = {}
  for (const { path, type } of exampleTextTypes(map)) {
    if (!(type instanceof Y.XmlFragment)) continue
    const text = fragmentMarkdown(type)
    if (text !== null) markdown[path] = text
  }
  return Object.keys(markdown).length > 0 ? { ...content, markdown } : content
}

/** An example's role; examples written before roles existed count as calibration items (held out). */
export function readRole(map: YExample): ExampleRole {
  return map.get('role') === 'teaching' ? 'teaching' : 'calibration'
}

/** Span gold with its anchors resolved to current offsets and the `anchor` key dropped. */
function resolveGoldValue(doc: Y.Doc, texts: Map<string, TextType | undefined>, value: GoldValue): GoldValue {
  if (!isSpanSet(value)) return value
  return {
    spans: (value.spans as DraftSpan[]).map(({ anchor, ...span }) => {
      const type = texts.get(span.field)
      if (!anchor || !type) return span
      return { ...span, ...resolveAnchorIn(doc, type, anchor) }
    }),
  }
}

/** Gold slot keys of a criterion, in reading order (see shared/rubric/taskTypes.ts). */
const slotKeysOf = (criterionId: string) => [criterionId, `${criterionId}@A`, `${criterionId}@B`]

/**
 * Reads the examples as plain data, oldest first, with gold in criterion order (so every replica produces
 * the same JSON). Gold is keyed by question slot; values for criteria that no longer exist are left out (a
 * concurrent delete may leave them behind in the document).
 */
export function readExamples(doc: Y.Doc, criterionIds: readonly string[]): CalibrationExample[] {
  return [...examplesMap(doc).entries()]
    .sort(
      ([a, x], [b, y]) =>
        Number(x.get('createdAt') ?? 0) - Number(y.get('createdAt') ?? 0) || (a < b ? -1 : 1),
    )
    .map(([id, map]) => {
      const gold: CalibrationExample['gold'] = {}
      const goldMap = map.get('gold') as Y.Map<Y.Map<unknown>>
      const texts = new Map(exampleTextTypes(map).map(({ path, type }) => [path, type]))
      for (const key of criterionIds.flatMap(slotKeysOf)) {
        const entry = goldMap.get(key)
        if (!entry) continue
        const accepted = entry.get('accepted')
        if (!Array.isArray(accepted) || accepted.length === 0) continue
        gold[key] = {
          accepted: (accepted as GoldValue[]).map((value) => resolveGoldValue(doc, texts, value)),
          rationale: String(entry.get('rationale') ?? ''),
        }
      }
      const taskTypeId = map.get('taskTypeId')
      return {
        id,
        title: String(map.get('title') ?? ''),
        content: readContent(map),
        gold,
        rationale: fragmentPlainText(map.get('rationale') as Y.XmlFragment | undefined),
        difficulty: (map.get('difficulty') as CalibrationExample['difficulty']) ?? 'medium',
        sectionId: (map.get('sectionId') as string | null) ?? null,
        status: (map.get('status') as CalibrationExample['status']) ?? 'draft',
        role: readRole(map),
        ...(typeof taskTypeId === 'string' && taskTypeId !== '' ? { taskTypeId } : {}),
      }
    })
}
