/**
 * Structured diff of two rubrics with their examples: criteria added, removed, renamed, re-described,
 * re-kinded, re-weighted, with level and label changes, and gold values and rationales changed per example.
 * Criteria and examples are matched by id, so a rename is a rename, not a remove and an add.
 */
import { describeValue } from '../rubric/goldFits'
import type { CalibrationExample, Criterion, RubricWithExamples } from '../schema/rubric'

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
      field: 'title' | 'content' | 'status' | 'difficulty' | 'sectionId' | 'rationale'
      before: unknown
      after: unknown
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
  if (a.kind === 'label' && b.kind === 'label') {
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
  for (const field of ['title', 'content', 'status', 'difficulty', 'sectionId'] as const) {
    if (!same(a[field], b[field]))
      out.push({ type: 'example_changed', exampleId: b.id, title, field, before: a[field], after: b[field] })
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
    const before = a.gold[criterionId]
    const after = b.gold[criterionId]
    const show = (entry: typeof before) =>
      entry ? entry.accepted.map((v) => describeValue(criterion, v)).join(' or ') : null
    if (!same(before?.accepted, after?.accepted)) {
      out.push({
        type: 'gold_changed',
        exampleId: b.id,
        exampleTitle: title,
        criterionId,
        criterionTitle: criterion.title,
        before: show(before),
        after: show(after),
      })
    }
    if (before && after && before.rationale !== after.rationale) {
      out.push({
        type: 'gold_rationale_changed',
        exampleId: b.id,
        exampleTitle: title,
        criterionId,
        criterionTitle: criterion.title,
        before: before.rationale,
        after: after.rationale,
      })
    }
  }
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
