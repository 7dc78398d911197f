/**
 * One-click fixes for the Checks list: for a problem, what the fix does (a button label) and how, written
 * through the Yjs rubric helpers (shared/ydoc/rubricDoc.ts) so co-editors see it live. Problems without a
 * safe mechanical fix (missing text, missing gold) have none: a click on them goes to the field instead.
 */
import type * as Y from 'yjs'
import { readRubricWithExamples } from '../ydoc/draftDoc'
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
import { labelKey, ordinalRange, suggestedTolerance } from './meaningChecks'
import type { Problem } from './problems'

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

function weighAll(doc: Y.Doc): void {
  for (const [id] of orderedCriteria(doc)) setCriterionField(doc, id, 'weight', 1)
}

function weighCriteriaWithGold(doc: Y.Doc): void {
  const { rubric, examples } = readRubricWithExamples(doc)
  for (const c of rubric.criteria) {
    const hasGold = examples.some((e) => (e.gold[c.id]?.accepted.length ?? 0) > 0)
    if (c.weight === 0 && hasGold && criteriaMap(doc).has(c.id)) setCriterionField(doc, c.id, 'weight', 1)
  }
}
