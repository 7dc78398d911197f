/**
 * Writes plain data (a template, or any guideline + rubric + examples) into a fresh draft Y.Doc, following
 * the draft layout of docs/design issue 15 exactly: the guideline as y-prosemirror shapes it, criteria and task
 * types as ordered Y.Maps, examples with their rich-text fields, turns and steps, and gold keyed by slot key.
 * The readers (`readRubric`, `readExamples`) turn the result back into the same data.
 */
import { generateKeyBetween } from 'fractional-indexing'
import * as Y from 'yjs'
import { isSpanSet } from '../rubric/valueShapes'
import type {
  CalibrationExample,
  Criterion,
  CriterionKind,
  ExampleContent,
  ExampleMedia,
  GoldEntry,
  GoldValue,
  Rubric,
} from '../schema/rubric'
import { MEDIA_LISTS, type MediaList, mediaItemMap } from './exampleMediaDoc'
import { examplesMap } from './examplesDoc'
import { DraftRoot, guidelineFragment } from './layout'
import {
  addCriterion,
  criteriaMap,
  rubricInstructions,
  rubricTitle,
  setAttemptSettings,
  setPassThreshold,
} from './rubricDoc'
import { createSpanAnchor } from './spanAnchors'

/** The TipTap JSON shape this module reads (a subset of `JSONContent`). */
export interface PmJson {
  type?: string
  attrs?: Record<string, unknown>
  content?: PmJson[]
  text?: string
  marks?: { type: string; attrs?: Record<string, unknown> | null }[]
}

export interface DraftData {
  guideline: PmJson | Record<string, unknown>
  rubric: Rubric
  examples: CalibrationExample[]
}

export interface DraftFromDataOptions {
  /** createdAt of the first example (the rest follow 1 ms apart, so readers keep the data's order). */
  now?: number
  /**
   * Makes a span's anchor (design-15: `shared/ydoc/spanAnchors.ts` createSpanAnchor) once the example's texts
   * are in the document; defaults to `createSpanAnchor`, so gold spans follow later edits.
   */
  anchorSpan?: (
    doc: Y.Doc,
    exampleId: string,
    field: string,
    start: number,
    end: number,
  ) => { start: string; end: string } | null
}

// ---- guideline: TipTap JSON → Y.XmlFragment (what y-prosemirror writes) ----

function markAttributes(marks: PmJson['marks']): Record<string, unknown> {
  const attributes: Record<string, unknown> = {}
  for (const mark of marks ?? []) attributes[mark.type] = mark.attrs ?? {}
  return attributes
}

function yChildren(content: PmJson[] | undefined): (Y.XmlElement | Y.XmlText)[] {
  const out: (Y.XmlElement | Y.XmlText)[] = []
  let text: Y.XmlText | null = null
  let offset = 0
  for (const node of content ?? []) {
    if (node.type === 'text') {
      if (!text) {
        text = new Y.XmlText()
        offset = 0
        out.push(text)
      }
      // Explicit (possibly empty) attributes: without them Yjs continues the preceding run's marks.
      text.insert(offset, node.text ?? '', markAttributes(node.marks))
      offset += (node.text ?? '').length
    } else {
      text = null
      out.push(yElement(node))
    }
  }
  return out
}

function yElement(node: PmJson): Y.XmlElement {
  const element = new Y.XmlElement(node.type ?? 'paragraph')
  for (const [key, value] of Object.entries(node.attrs ?? {}))
    if (value !== null && value !== undefined) element.setAttribute(key, value as string)
  element.insert(0, yChildren(node.content))
  return element
}

/** Appends the blocks of a TipTap JSON document to a fragment. */
export function writeGuidelineJson(fragment: Y.XmlFragment, json: PmJson): void {
  fragment.insert(fragment.length, (json.content ?? []).map(yElement))
}

// ---- rubric ----

const text = (value: string) => {
  const t = new Y.Text()
  if (value) t.insert(0, value)
  return t
}

/** Kind settings that `addCriterion` does not know (design-15 scalar keys and `verdicts`). */
function writeKindSettings(map: Y.Map<unknown>, criterion: Criterion): void {
  if (criterion.allowNA !== undefined) map.set('allowNA', criterion.allowNA)
  if (criterion.minAgreement !== undefined && criterion.minAgreement !== null)
    map.set('minAgreement', criterion.minAgreement)
  if (criterion.kind === 'multiLabel') map.set('minJaccard', criterion.minJaccard)
  if (criterion.kind === 'span') {
    map.set('minOverlap', criterion.minOverlap)
    map.set('minF1', criterion.minF1)
  }
  if (criterion.kind === 'stepVerdict') {
    map.set('mode', criterion.mode)
    map.set('minStepAgreement', criterion.minStepAgreement)
    map.set('stepTolerance', criterion.stepTolerance)
    map.set('verdicts', Y.Array.from(criterion.verdicts))
  }
}

function writeCriterion(doc: Y.Doc, criterion: Criterion): void {
  addCriterion(doc, {
    id: criterion.id,
    kind: criterion.kind as CriterionKind,
    title: criterion.title,
    description: criterion.description,
    tags: criterion.tags,
    weight: criterion.weight,
    rationaleRequired: criterion.rationaleRequired,
    ...(criterion.kind === 'ordinal' ? { levels: criterion.levels, tolerance: criterion.tolerance } : {}),
    ...(criterion.kind === 'points' ? { points: criterion.points } : {}),
    ...(criterion.kind === 'pairwise'
      ? { allowTie: criterion.allowTie, strengthRequired: criterion.strengthRequired }
      : {}),
    ...('labels' in criterion ? { labels: criterion.labels } : {}),
    ...(criterion.kind === 'label' ? { passingLabels: criterion.passingLabels } : {}),
  })
  writeKindSettings(criteriaMap(doc).get(criterion.id)!, criterion)
}

function writeTaskTypes(doc: Y.Doc, rubric: Rubric): void {
  const root = doc.getMap<Y.Map<unknown>>(DraftRoot.taskTypes)
  let order: string | null = null
  for (const type of rubric.taskTypes ?? []) {
    order = generateKeyBetween(order, null)
    const map = new Y.Map<unknown>()
    map.set('id', type.id)
    map.set('name', text(type.name))
    map.set('contentKind', type.contentKind)
    map.set('order', order)
    const criteria = new Y.Map<boolean>()
    for (const id of type.criterionIds) criteria.set(id, true)
    map.set('criteria', criteria)
    root.set(type.id, map)
  }
}

export function writeRubric(doc: Y.Doc, rubric: Rubric): void {
  rubricTitle(doc).insert(0, rubric.title)
  rubricInstructions(doc).insert(0, rubric.instructions)
  setPassThreshold(doc, rubric.passThreshold)
  if (rubric.attempt) setAttemptSettings(doc, rubric.attempt)
  for (const criterion of rubric.criteria) writeCriterion(doc, criterion)
  writeTaskTypes(doc, rubric)
}

// ---- examples ----

/** A plain text as the rich-text fragment an editor would hold: one paragraph per blank-line-separated block. */
export function plainFragment(value: string): Y.XmlFragment {
  const fragment = new Y.XmlFragment()
  const paragraphs = value.trim() === '' ? [] : value.trim().split(/\n{2,}/)
  fragment.insert(
    0,
    paragraphs.map((paragraph) => {
      const element = new Y.XmlElement('paragraph')
      const t = new Y.XmlText()
      t.insert(0, paragraph, {})
      element.insert(0, [t])
      return element
    }),
  )
  return fragment
}

type ConversationTurn = { id: string; role: string; text: string }

function turnMap(turn: ConversationTurn): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  map.set('id', turn.id)
  map.set('role', turn.role)
  map.set('text', plainFragment(turn.text))
  return map
}

type AnyStep = {
  id: string
  text?: string
  thought?: string
  tool?: string
  args?: string
  observation?: string
}

/** Every step key is created, whichever kind uses it, so switching kinds never loses data. */
function stepMap(step: AnyStep): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  map.set('id', step.id)
  map.set('text', plainFragment(step.text ?? ''))
  map.set('thought', plainFragment(step.thought ?? ''))
  map.set('tool', text(step.tool ?? ''))
  map.set('args', text(step.args ?? ''))
  map.set('observation', plainFragment(step.observation ?? ''))
  return map
}

/**
 * Every text field and both item arrays are created on every example, whatever its kind (as the editor's
 * `ensureContentFields` does): a later kind switch then never has two peers racing to create the same array.
 */
const CONTENT_FRAGMENTS = [
  'prompt',
  'response',
  'responseA',
  'responseB',
  'body',
  'task',
  'answer',
  'outcome',
  'finalA',
  'finalB',
] as const

function writeContent(map: Y.Map<unknown>, content: ExampleContent): void {
  const values: Partial<Record<(typeof CONTENT_FRAGMENTS)[number], string>> = {}
  let turns: ConversationTurn[] = []
  let steps: AnyStep[] = []
  let media: Partial<Record<MediaList, ExampleMedia[]>> = {}
  switch (content.kind) {
    case 'single':
      Object.assign(values, { prompt: content.prompt, response: content.response })
      break
    case 'pairwise':
      Object.assign(values, {
        prompt: content.prompt,
        responseA: content.responseA,
        responseB: content.responseB,
      })
      break
    case 'free':
      values.body = content.body
      break
    case 'conversation': {
      turns = content.turns
      const hasFinals = content.finalA !== undefined && content.finalB !== undefined
      map.set('hasFinals', hasFinals)
      if (hasFinals) Object.assign(values, { finalA: content.finalA, finalB: content.finalB })
      break
    }
    case 'reasoning':
      Object.assign(values, { prompt: content.prompt, answer: content.answer })
      steps = content.steps
      break
    case 'trajectory':
      Object.assign(values, { task: content.task, outcome: content.outcome })
      steps = content.steps
      break
    case 'media': {
      values.prompt = content.prompt
      const hasFinals = content.mediaA !== undefined && content.mediaB !== undefined
      map.set('hasFinals', hasFinals)
      media = { media: content.media, mediaA: content.mediaA ?? [], mediaB: content.mediaB ?? [] }
      break
    }
  }
  for (const field of CONTENT_FRAGMENTS) map.set(field, plainFragment(values[field] ?? ''))
  map.set('turns', Y.Array.from(turns.map(turnMap)))
  map.set('steps', Y.Array.from(steps.map(stepMap)))
  for (const list of MEDIA_LISTS) map.set(list, Y.Array.from((media[list] ?? []).map(mediaItemMap)))
}

function goldEntry(entry: GoldEntry): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  map.set('accepted', entry.accepted)
  map.set('rationale', text(entry.rationale))
  return map
}

function writeExample(doc: Y.Doc, example: CalibrationExample, createdAt: number): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  map.set('id', example.id)
  map.set('title', text(example.title))
  map.set('contentKind', example.content.kind)
  map.set('difficulty', example.difficulty)
  map.set('sectionId', example.sectionId)
  map.set('status', example.status)
  map.set('role', example.role ?? 'calibration')
  map.set('createdAt', createdAt)
  if (example.taskTypeId !== undefined) map.set('taskTypeId', example.taskTypeId)
  writeContent(map, example.content)
  map.set('rationale', plainFragment(example.rationale))
  const gold = new Y.Map<Y.Map<unknown>>()
  for (const [slotKey, entry] of Object.entries(example.gold)) gold.set(slotKey, goldEntry(entry))
  map.set('gold', gold)
  examplesMap(doc).set(example.id, map)
  return map
}

/** Adds anchors to span gold once the texts are in the document (spans then follow edits). */
function anchorGoldSpans(
  doc: Y.Doc,
  example: CalibrationExample,
  anchor: DraftFromDataOptions['anchorSpan'],
) {
  if (!anchor) return
  const gold = examplesMap(doc).get(example.id)?.get('gold') as Y.Map<Y.Map<unknown>>
  for (const [slotKey, entry] of Object.entries(example.gold)) {
    if (!entry.accepted.some((value) => isSpanSet(value))) continue
    const accepted = entry.accepted.map((value): GoldValue => {
      if (!isSpanSet(value)) return value
      return {
        spans: value.spans.map((span) => {
          const made = anchor(doc, example.id, span.field, span.start, span.end)
          return made ? { ...span, anchor: made } : span
        }),
      } as GoldValue
    })
    gold.get(slotKey)?.set('accepted', accepted)
  }
}

/** Writes the whole draft (guideline, rubric, task types, examples) in one transaction. */
export function writeDraftFromData(doc: Y.Doc, data: DraftData, options: DraftFromDataOptions = {}): void {
  const now = options.now ?? Date.now()
  doc.transact(() => {
    writeGuidelineJson(guidelineFragment(doc), data.guideline as PmJson)
    writeRubric(doc, data.rubric)
    data.examples.forEach((example, index) => {
      writeExample(doc, example, now + index)
    })
    for (const example of data.examples) anchorGoldSpans(doc, example, options.anchorSpan ?? createSpanAnchor)
  })
}
