/**
 * Structured diff of two rubrics with their examples: criteria added, removed, renamed, re-described,
 * re-kinded, re-weighted, with level and label changes, and gold values and rationales changed per example.
 * Criteria, task types, examples and their turns and steps are matched by id, so a rename is a rename, not a
 * remove and an add. Gold is compared per question slot (`acc`, `acc@A`…).
 */
import { textFields } from '../rubric/contentFields'
import { slotTitle } from '../rubric/taskTypes'
import type {
  CalibrationExample,
  Criterion,
  ExampleContent,
  RubricWithExamples,
  TaskType,
} from '../schema/rubric'
import { describeGold } from './goldText'

export type RubricChange =
  | {
      type: 'rubric_changed'
      field: 'title' | 'instructions' | 'passThreshold'
      before: unknown
      after: unknown
    }
  | { type: 'criterion_added' | 'criterion_removed'; criterionId: string; title: string }
  | { type: 'criterion_renamed'; criterionId: string; before: string; after: string }
  | {
      type: 'criterion_changed'
      criterionId: string
      title: string
      field:
        | 'description'
        | 'kind'
        | 'weight'
        | 'tolerance'
        | 'points'
        | 'tags'
        | 'rationaleRequired'
        | 'allowTie'
        | 'strengthRequired'
        | 'passingLabels'
        | 'allowNA'
        | 'minJaccard'
        | 'minOverlap'
        | 'minF1'
        | 'mode'
        | 'minStepAgreement'
        | 'stepTolerance'
        | 'verdicts'
      before: unknown
      after: unknown
    }
  | {
      type: 'level_added' | 'level_removed'
      criterionId: string
      title: string
      value: number
      label: string
    }
  | {
      type: 'level_changed'
      criterionId: string
      title: string
      value: number
      field: 'label' | 'descriptor'
      before: string
      after: string
    }
  | { type: 'label_added' | 'label_removed'; criterionId: string; title: string; label: string }
  | { type: 'example_added' | 'example_removed'; exampleId: string; title: string }
  | {
      type: 'example_changed'
      exampleId: string
      title: string
      field: 'title' | 'content' | 'status' | 'difficulty' | 'sectionId' | 'rationale' | 'taskTypeId'
      before: unknown
      after: unknown
    }
  | { type: 'task_type_added' | 'task_type_removed'; taskTypeId: string; name: string }
  | {
      type: 'task_type_changed'
      taskTypeId: string
      name: string
      field: 'name' | 'contentKind' | 'criterionIds'
      before: unknown
      after: unknown
    }
  /** A text of a conversation, reasoning or trajectory example (a turn, a step, the answer…). */
  | {
      type: 'example_part_added' | 'example_part_removed' | 'example_part_changed' | 'example_part_moved'
      exampleId: string
      title: string
      /** The part's label in the newer version ("Turn 2 · Assistant", "Step 3 · observation"). */
      part: string
      before: string | null
      after: string | null
    }
  | {
      type: 'gold_changed'
      exampleId: string
      exampleTitle: string
      criterionId: string
      criterionTitle: string
      before: string | null
      after: string | null
    }
  | {
      type: 'gold_rationale_changed'
      exampleId: string
      exampleTitle: string
      criterionId: string
      criterionTitle: string
      before: string
      after: string
    }

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((item) => [item.id, item]))

function criterionChanges(a: Criterion, b: Criterion): RubricChange[] {
  const out: RubricChange[] = []
  const title = b.title
  if (a.title !== b.title)
    out.push({ type: 'criterion_renamed', criterionId: b.id, before: a.title, after: b.title })
  const fields = [
    'description',
    'kind',
    'weight',
    'tags',
    'rationaleRequired',
    'tolerance',
    'points',
    'allowTie',
    'strengthRequired',
    'passingLabels',
    'allowNA',
    'minJaccard',
    'minOverlap',
    'minF1',
    'mode',
    'minStepAgreement',
    'stepTolerance',
    'verdicts',
  ] as const
  for (const field of fields) {
    const before = (a as Record<string, unknown>)[field]
    const after = (b as Record<string, unknown>)[field]
    if (before === undefined && after === undefined) continue
    if (!same(before, after))
      out.push({ type: 'criterion_changed', criterionId: b.id, title, field, before, after })
  }
  if (a.kind === 'ordinal' && b.kind === 'ordinal') {
    const before = new Map(a.levels.map((l) => [l.value, l]))
    const after = new Map(b.levels.map((l) => [l.value, l]))
    for (const [value, level] of after) {
      const old = before.get(value)
      if (!old) out.push({ type: 'level_added', criterionId: b.id, title, value, label: level.label })
      else {
        for (const field of ['label', 'descriptor'] as const) {
          if (old[field] !== level[field])
            out.push({
              type: 'level_changed',
              criterionId: b.id,
              title,
              value,
              field,
              before: old[field],
              after: level[field],
            })
        }
      }
    }
    for (const [value, level] of before)
      if (!after.has(value))
        out.push({ type: 'level_removed', criterionId: b.id, title, value, label: level.label })
  }
  if ('labels' in a && 'labels' in b) {
    const before = new Set(a.labels.map((l) => l.value))
    const after = new Set(b.labels.map((l) => l.value))
    for (const label of after)
      if (!before.has(label)) out.push({ type: 'label_added', criterionId: b.id, title, label })
    for (const label of before)
      if (!after.has(label)) out.push({ type: 'label_removed', criterionId: b.id, title, label })
  }
  return out
}

function exampleChanges(
  a: CalibrationExample,
  b: CalibrationExample,
  criteria: Map<string, Criterion>,
  withGold: boolean,
): RubricChange[] {
  const out: RubricChange[] = []
  const title = b.title
  for (const field of ['title', 'status', 'difficulty', 'sectionId', 'taskTypeId'] as const) {
    if (!same(a[field], b[field]))
      out.push({ type: 'example_changed', exampleId: b.id, title, field, before: a[field], after: b[field] })
  }
  if (!same(a.content, b.content)) {
    const parts = partChanges(a.content, b.content)
    if (parts) out.push(...parts.map((p) => ({ ...p, exampleId: b.id, title })))
    else
      out.push({
        type: 'example_changed',
        exampleId: b.id,
        title,
        field: 'content',
        before: a.content,
        after: b.content,
      })
  }
  if (!withGold) return out
  if (a.rationale !== b.rationale)
    out.push({
      type: 'example_changed',
      exampleId: b.id,
      title,
      field: 'rationale',
      before: a.rationale,
      after: b.rationale,
    })
  for (const [criterionId, criterion] of criteria) {
    for (const target of [null, 'A', 'B'] as const) {
      const key = target ? `${criterionId}@${target}` : criterionId
      const before = a.gold[key]
      const after = b.gold[key]
      const show = (entry: typeof before, content: ExampleContent) =>
        entry ? entry.accepted.map((v) => describeGold(criterion, v, content)).join(' or ') : null
      const criterionTitle = slotTitle({ criterion, target }, b.content)
      if (!same(before?.accepted, after?.accepted)) {
        out.push({
          type: 'gold_changed',
          exampleId: b.id,
          exampleTitle: title,
          criterionId: key,
          criterionTitle,
          before: show(before, a.content),
          after: show(after, b.content),
        })
      }
      if (before && after && before.rationale !== after.rationale) {
        out.push({
          type: 'gold_rationale_changed',
          exampleId: b.id,
          exampleTitle: title,
          criterionId: key,
          criterionTitle,
          before: before.rationale,
          after: after.rationale,
        })
      }
    }
  }
  return out
}

interface PartChange {
  type: 'example_part_added' | 'example_part_removed' | 'example_part_changed' | 'example_part_moved'
  part: string
  before: string | null
  after: string | null
}

/** The id of the turn or step a text path belongs to (`steps.s1.args` → `steps.s1`), or the path itself. */
const unitOf = (path: string) => path.split('.').slice(0, 2).join('.')

/**
 * Per-part changes of conversation, reasoning and trajectory content of the same kind: texts matched by
 * path (turn and step ids), so an edit is an edit and a reordering is a move. Null for other content.
 */
function partChanges(a: ExampleContent, b: ExampleContent): PartChange[] | null {
  if (a.kind === 'media' && b.kind === 'media') return mediaPartChanges(a, b)
  const structured = ['conversation', 'reasoning', 'trajectory']
  if (a.kind !== b.kind || !structured.includes(b.kind)) return null
  const before = textFields(a)
  const after = textFields(b)
  const old = new Map(before.map((f) => [f.path, f]))
  const now = new Map(after.map((f) => [f.path, f]))
  const out: PartChange[] = []
  const markdown = (content: ExampleContent, path: string) => content.markdown?.[path]
  const units = (fields: typeof before) => [...new Set(fields.map((f) => unitOf(f.path)))]
  const oldUnits = units(before).filter((u) => u.includes('.'))
  const newUnits = units(after).filter((u) => u.includes('.'))
  const kept = newUnits.filter((u) => oldUnits.includes(u))
  const oldOrder = oldUnits.filter((u) => kept.includes(u))
  for (const field of after) {
    const previous = old.get(field.path)
    if (!previous) {
      out.push({ type: 'example_part_added', part: field.label, before: null, after: field.text })
      continue
    }
    if (previous.text !== field.text || markdown(a, field.path) !== markdown(b, field.path))
      out.push({ type: 'example_part_changed', part: field.label, before: previous.text, after: field.text })
  }
  for (const field of before)
    if (!now.has(field.path))
      out.push({ type: 'example_part_removed', part: field.label, before: field.text, after: null })
  const stay = longestInOrder(kept.map((unit) => oldOrder.indexOf(unit)))
  kept.forEach((unit, i) => {
    if (stay.has(i)) return
    const first = after.find((f) => unitOf(f.path) === unit)!
    out.push({ type: 'example_part_moved', part: first.label.split(' · ')[0]!, before: null, after: null })
  })
  // The trajectory tool is not a text path: a changed tool shows as a changed step label.
  return out
}

type MediaContent = Extract<ExampleContent, { kind: 'media' }>
const MEDIA_LIST_LABELS = { media: 'Media', mediaA: 'Media A', mediaB: 'Media B' } as const

/**
 * Changes of media content: the prompt, and per list the items added or removed (matched by blob hash, so a
 * re-uploaded identical file is no change) and changed alt texts. A part is shown as "Media A · image" with
 * its alt text (or the start of its hash) as the text.
 */
function mediaPartChanges(a: MediaContent, b: MediaContent): PartChange[] {
  const out: PartChange[] = []
  if (a.prompt !== b.prompt || a.markdown?.prompt !== b.markdown?.prompt)
    out.push({ type: 'example_part_changed', part: 'Prompt', before: a.prompt, after: b.prompt })
  const shown = (item: MediaContent['media'][number]) => item.alt || item.hash.slice(0, 12)
  for (const list of ['media', 'mediaA', 'mediaB'] as const) {
    const old = new Map((a[list] ?? []).map((item) => [item.hash, item]))
    const now = new Map((b[list] ?? []).map((item) => [item.hash, item]))
    const part = (item: MediaContent['media'][number]) => `${MEDIA_LIST_LABELS[list]} · ${item.kind}`
    for (const [hash, item] of now) {
      const previous = old.get(hash)
      if (!previous)
        out.push({ type: 'example_part_added', part: part(item), before: null, after: shown(item) })
      else if ((previous.alt ?? '') !== (item.alt ?? ''))
        out.push({
          type: 'example_part_changed',
          part: part(item),
          before: previous.alt ?? '',
          after: item.alt ?? '',
        })
    }
    for (const [hash, item] of old)
      if (!now.has(hash))
        out.push({ type: 'example_part_removed', part: part(item), before: shown(item), after: null })
  }
  return out
}

/** Indexes of a longest increasing subsequence: the parts that kept their relative order (the rest moved). */
function longestInOrder(values: number[]): Set<number> {
  const length = values.map(() => 1)
  const previous = values.map(() => -1)
  for (let i = 0; i < values.length; i++)
    for (let j = 0; j < i; j++)
      if (values[j]! < values[i]! && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1
        previous[i] = j
      }
  let at = length.indexOf(Math.max(0, ...length))
  const out = new Set<number>()
  while (at >= 0) {
    out.add(at)
    at = previous[at]!
  }
  return out
}

function taskTypeChanges(a: TaskType[], b: TaskType[]): RubricChange[] {
  const out: RubricChange[] = []
  const old = byId(a)
  const now = byId(b)
  for (const type of b) {
    const previous = old.get(type.id)
    if (!previous) {
      out.push({ type: 'task_type_added', taskTypeId: type.id, name: type.name })
      continue
    }
    for (const field of ['name', 'contentKind', 'criterionIds'] as const) {
      if (!same(previous[field], type[field]))
        out.push({
          type: 'task_type_changed',
          taskTypeId: type.id,
          name: type.name,
          field,
          before: previous[field],
          after: type[field],
        })
    }
  }
  for (const type of a)
    if (!now.has(type.id)) out.push({ type: 'task_type_removed', taskTypeId: type.id, name: type.name })
  return out
}

/** Changes from `before` to `after`; gold values and rationales only when `withGold`. */
export function diffRubrics(
  before: RubricWithExamples,
  after: RubricWithExamples,
  withGold: boolean,
): RubricChange[] {
  const out: RubricChange[] = []
  for (const field of ['title', 'instructions', 'passThreshold'] as const) {
    if (before.rubric[field] !== after.rubric[field])
      out.push({ type: 'rubric_changed', field, before: before.rubric[field], after: after.rubric[field] })
  }
  const oldCriteria = byId(before.rubric.criteria)
  const newCriteria = byId(after.rubric.criteria)
  for (const criterion of after.rubric.criteria) {
    const old = oldCriteria.get(criterion.id)
    if (!old) out.push({ type: 'criterion_added', criterionId: criterion.id, title: criterion.title })
    else out.push(...criterionChanges(old, criterion))
  }
  for (const criterion of before.rubric.criteria) {
    if (!newCriteria.has(criterion.id))
      out.push({ type: 'criterion_removed', criterionId: criterion.id, title: criterion.title })
  }
  out.push(...taskTypeChanges(before.rubric.taskTypes ?? [], after.rubric.taskTypes ?? []))
  // Gold is compared for criteria present on both sides (added/removed criteria are reported above).
  const shared = new Map([...newCriteria].filter(([id]) => oldCriteria.has(id)))
  const oldExamples = byId(before.examples)
  const newExamples = byId(after.examples)
  for (const example of after.examples) {
    const old = oldExamples.get(example.id)
    if (!old) out.push({ type: 'example_added', exampleId: example.id, title: example.title })
    else out.push(...exampleChanges(old, example, shared, withGold))
  }
  for (const example of before.examples) {
    if (!newExamples.has(example.id))
      out.push({ type: 'example_removed', exampleId: example.id, title: example.title })
  }
  return out
}
