/**
 * One-click fixes for the Checks list: for a problem, what the fix does (a button label) and how, written
 * through the Yjs rubric helpers (shared/ydoc/rubricDoc.ts) so co-editors see it live. Problems without a
 * safe mechanical fix (missing text, missing gold) have none: a click on them goes to the field instead.
 */
import type * as Y from 'yjs'
import type { ExampleContent, GoldValue } from '../schema/rubric'
import { readRubricWithExamples } from '../ydoc/draftDoc'
import { clearGold, examplesMap, setExampleField } from '../ydoc/examplesDoc'
import { DraftRoot } from '../ydoc/layout'
import {
  criteriaMap,
  DEFAULT_PASS_THRESHOLD,
  labelEntries,
  levelEntries,
  orderedCriteria,
  removeLabel,
  setCriterionField,
  setLabelField,
  setLevelValue,
  setPassThreshold,
} from '../ydoc/rubricDoc'
import { textAt } from './contentFields'
import { labelKey, ordinalRange, suggestedTolerance } from './meaningChecks'
import type { Problem } from './problems'
import { slotCriterionId, stepIdsOf } from './taskTypes'
import { isSpanSet, isStepVerdicts } from './valueShapes'

export interface ProblemFix {
  label: string
  apply: (doc: Y.Doc) => void
}

export function fixFor(doc: Y.Doc, problem: Problem): ProblemFix | null {
  const id = problem.criterionId
  switch (problem.code) {
    case 'pass_threshold_zero':
      return {
        label: `Set the pass threshold to ${Math.round(DEFAULT_PASS_THRESHOLD * 100)} %`,
        apply: (d) => setPassThreshold(d, DEFAULT_PASS_THRESHOLD),
      }
    case 'ordinal_tolerance_too_wide': {
      const range = id ? ordinalRange(levelEntries(doc, id)) : null
      if (range === null) return null
      const tolerance = suggestedTolerance(range)
      return {
        label: `Set the tolerance to ${tolerance}`,
        apply: (d) => setCriterionField(d, id!, 'tolerance', tolerance),
      }
    }
    case 'ordinal_duplicate_level':
      return id ? { label: 'Renumber the repeated level', apply: (d) => renumberLevels(d, id) } : null
    case 'label_duplicate':
      return id ? { label: 'Remove the repeated label', apply: (d) => dedupeLabels(d, id) } : null
    case 'weights_all_zero':
      return { label: 'Give every criterion weight 1', apply: weighAll }
    case 'pass_unreachable':
      return { label: 'Give weight 1 to the criteria with gold', apply: weighCriteriaWithGold }
    case 'gold_step_missing':
      return goldFix(problem, 'Remove the verdicts of deleted steps', dropStaleVerdicts)
    case 'gold_span_outside_text':
    case 'gold_span_missing_field':
      return goldFix(problem, 'Remove the spans whose text is gone', dropBrokenSpans)
    case 'gold_not_asked':
      return problem.exampleId && problem.slotKey
        ? {
            label: 'Remove this gold',
            apply: (d) => clearGold(d, problem.exampleId!, problem.slotKey!),
          }
        : null
    case 'example_no_task_type':
      return assignTaskType(doc, problem)
    case 'task_type_criterion_unfit':
      return problem.taskTypeId && id
        ? {
            label: 'Stop asking it in this task type',
            apply: (d) => taskTypeCriteria(d, problem.taskTypeId!)?.delete(id),
          }
        : null
    default:
      return null
  }
}

/** Later levels that repeat a value move to the next free value above the scale (no text is lost). */
function renumberLevels(doc: Y.Doc, criterionId: string): void {
  const levels = levelEntries(doc, criterionId)
  const seen = new Set<number>()
  let next = Math.max(...levels.map((l) => l.value)) + 1
  for (const level of levels) {
    if (seen.has(level.value)) {
      setLevelValue(doc, criterionId, level.id, next)
      seen.add(next++)
    } else seen.add(level.value)
  }
}

/** Later labels that repeat an earlier one (trimmed, any case) go; the kept one stays passing if either was. */
function dedupeLabels(doc: Y.Doc, criterionId: string): void {
  const kept = new Map<string, { id: string; passing: boolean }>()
  for (const label of labelEntries(doc, criterionId)) {
    const key = labelKey(label.value)
    const first = key ? kept.get(key) : undefined
    if (!first) {
      if (key) kept.set(key, label)
      continue
    }
    if (label.passing && !first.passing) setLabelField(doc, criterionId, first.id, 'passing', true)
    removeLabel(doc, criterionId, label.id)
  }
}

/** A fix that rewrites one gold entry's accepted values, given the example's current plain content. */
function goldFix(
  problem: Problem,
  label: string,
  rewrite: (values: Pair[], content: ExampleContent) => GoldValue[],
): ProblemFix | null {
  const { exampleId, slotKey } = problem
  if (!exampleId || !slotKey) return null
  return {
    label,
    apply(doc) {
      const example = readRubricWithExamples(doc).examples.find((e) => e.id === exampleId)
      const entry = (examplesMap(doc).get(exampleId)?.get('gold') as Y.Map<Y.Map<unknown>> | undefined)?.get(
        slotKey,
      )
      const raw = entry?.get('accepted')
      if (!example || !entry || !Array.isArray(raw)) return
      // Resolved values (current span offsets) sit at the same indexes as the stored ones.
      const resolved = example.gold[slotKey]?.accepted ?? []
      const next = rewrite(
        raw.map((value, i) => ({ raw: value as GoldValue, resolved: resolved[i] ?? (value as GoldValue) })),
        example.content,
      )
      entry.set('accepted', next)
    },
  }
}

interface Pair {
  raw: GoldValue
  resolved: GoldValue
}

/** Verdicts for steps the content no longer has go (their ids can never come back). */
function dropStaleVerdicts(pairs: Pair[], content: ExampleContent): GoldValue[] {
  const ids = new Set(stepIdsOf(content))
  return pairs.map(({ raw }) => {
    if (!isStepVerdicts(raw)) return raw
    const steps = Object.fromEntries(Object.entries(raw.steps).filter(([id]) => ids.has(id)))
    return { ...raw, steps }
  })
}

/** Spans whose text is gone (deleted field, collapsed or out-of-range offsets) go; the others keep anchors. */
function dropBrokenSpans(pairs: Pair[], content: ExampleContent): GoldValue[] {
  return pairs.map(({ raw, resolved }) => {
    if (!isSpanSet(raw) || !isSpanSet(resolved)) return raw
    return {
      spans: raw.spans.filter((_, i) => {
        const span = resolved.spans[i]
        const text = span ? textAt(content, span.field) : undefined
        return span !== undefined && text !== undefined && span.end > span.start && span.end <= text.length
      }),
    }
  })
}

const taskTypeCriteria = (doc: Y.Doc, taskTypeId: string) =>
  doc.getMap<Y.Map<unknown>>(DraftRoot.taskTypes).get(taskTypeId)?.get('criteria') as
    | Y.Map<unknown>
    | undefined

/** An example without a task type joins the only task type for its content kind, when there is exactly one. */
function assignTaskType(doc: Y.Doc, problem: Problem): ProblemFix | null {
  const exampleId = problem.exampleId
  if (!exampleId) return null
  const { rubric, examples } = readRubricWithExamples(doc)
  const example = examples.find((e) => e.id === exampleId)
  const fitting = (rubric.taskTypes ?? []).filter((t) => t.contentKind === example?.content.kind)
  if (fitting.length !== 1) return null
  const type = fitting[0]!
  return {
    label: `Make it a “${type.name.trim() || 'untitled'}” task`,
    apply: (d) => setExampleField(d, exampleId, 'taskTypeId', type.id),
  }
}

function weighAll(doc: Y.Doc): void {
  for (const [id] of orderedCriteria(doc)) setCriterionField(doc, id, 'weight', 1)
}

function weighCriteriaWithGold(doc: Y.Doc): void {
  const { rubric, examples } = readRubricWithExamples(doc)
  for (const c of rubric.criteria) {
    const hasGold = examples.some((e) =>
      Object.entries(e.gold).some(
        ([key, entry]) => slotCriterionId(key) === c.id && entry.accepted.length > 0,
      ),
    )
    if (c.weight === 0 && hasGold && criteriaMap(doc).has(c.id)) setCriterionField(doc, c.id, 'weight', 1)
  }
}
