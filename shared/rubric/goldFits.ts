/**
 * Whether a gold (or rater) value is a valid answer for a criterion, by kind, and how to show one. N/A
 * (`{na: true}`) fits only where the criterion allows it. Span and step-verdict values refer to the example's
 * texts and steps: given the content, spans must lie inside an existing text and verdicts name existing steps;
 * without it only the shape is checked. `whyNotFits` says what is wrong, for 4xx messages.
 */
import type { Criterion, ExampleContent, GoldValue } from '../schema/rubric'
import { textAt } from './contentFields'
import { describePreference, isPairwiseStrength } from './pairwiseStrength'
import { stepIdsOf } from './taskTypes'
import { isLabelSet, isNotApplicable, isPairwiseValue, isSpanSet, isStepVerdicts } from './valueShapes'

/** `whyNotFits`'s answer for a preferred side without the strength the criterion requires. */
export const STRENGTH_REQUIRED = 'strength is required'

/**
 * Why a value does not fit the criterion (and content), or null when it does. `partial`: an answer being
 * saved while the rater works — parts the criterion requires may still be missing (pairwise strength, a
 * verdict per step, the first wrong step), but nothing present may be invalid.
 */
export function whyNotFits(
  criterion: Criterion,
  value: GoldValue,
  content?: ExampleContent,
  { partial = false }: { partial?: boolean } = {},
): string | null {
  if (isNotApplicable(value)) return criterion.allowNA ? null : 'N/A is not allowed for this criterion'
  const labelOk = (label: string) =>
    'labels' in criterion && criterion.labels.some((option) => option.value === label)
  switch (criterion.kind) {
    case 'binary':
    case 'points':
      return typeof value === 'boolean' ? null : 'expected yes or no'
    case 'ordinal':
      return typeof value === 'number' && criterion.levels.some((level) => level.value === value)
        ? null
        : 'not one of the levels'
    case 'label':
      return typeof value === 'string' && labelOk(value) ? null : 'not one of the labels'
    case 'pairwise':
      if (!isPairwiseValue(value)) return 'expected a choice of A, B or tie'
      if (!(value.choice === 'A' || value.choice === 'B' || (value.choice === 'tie' && criterion.allowTie)))
        return `choice ${String(value.choice)} is not allowed`
      if (value.strength !== undefined && !isPairwiseStrength(value.strength)) return 'unknown strength'
      if (!partial && criterion.strengthRequired && value.choice !== 'tie' && value.strength === undefined)
        return STRENGTH_REQUIRED
      return null
    case 'multiLabel': {
      if (!isLabelSet(value)) return 'expected a set of labels'
      const unknown = value.labels.find((l) => !labelOk(l))
      if (unknown !== undefined) return `unknown label "${unknown}"`
      if (new Set(value.labels).size !== value.labels.length) return 'a label is chosen twice'
      return null
    }
    case 'span': {
      if (!isSpanSet(value)) return 'expected a set of spans'
      for (const span of value.spans) {
        if (!labelOk(span.label)) return `unknown label "${span.label}"`
        if (span.end <= span.start) return `span ${span.start}–${span.end} is empty or reversed`
        if (content) {
          const text = textAt(content, span.field)
          if (text === undefined) return `no text "${span.field}" in this example`
          if (span.end > text.length)
            return `span ${span.start}–${span.end} is outside the text of ${span.field}`
        }
      }
      return null
    }
    case 'stepVerdict': {
      if (!isStepVerdicts(value)) return 'expected step verdicts'
      const steps = content ? stepIdsOf(content) : null
      for (const [stepId, verdict] of Object.entries(value.steps)) {
        if (!criterion.verdicts.includes(verdict)) return `unknown verdict "${verdict}"`
        if (steps && !steps.includes(stepId)) return `no step "${stepId}" in this example`
      }
      if (value.firstWrong && steps && !steps.includes(value.firstWrong))
        return `no step "${value.firstWrong}" in this example`
      if (partial) return null
      if (criterion.mode !== 'firstWrong' && steps) {
        const missing = steps.find((id) => value.steps[id] === undefined)
        if (missing !== undefined) return `no verdict for step ${steps.indexOf(missing) + 1}`
      }
      if (criterion.mode !== 'perStep') {
        if (value.firstWrong === undefined) return 'the first wrong step is required (or none)'
      }
      return null
    }
  }
}

export function goldFits(criterion: Criterion, value: GoldValue, content?: ExampleContent): boolean {
  return whyNotFits(criterion, value, content) === null
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** A readable form of a value for a criterion (e.g. "4 — Mostly helpful", "A, clearly better"). */
export function describeValue(criterion: Criterion, value: GoldValue): string {
  if (isNotApplicable(value)) return 'N/A'
  switch (criterion.kind) {
    case 'binary':
      return value === true ? 'Yes' : value === false ? 'No' : String(value)
    case 'points':
      return value === true ? 'Met' : value === false ? 'Not met' : String(value)
    case 'ordinal': {
      const level = criterion.levels.find((l) => l.value === value)
      return level?.label ? `${level.value} — ${level.label}` : String(value)
    }
    case 'label':
      return String(value)
    case 'pairwise':
      return isPairwiseValue(value) ? describePreference(value.choice, value.strength) : String(value)
    case 'multiLabel':
      if (!isLabelSet(value)) return JSON.stringify(value)
      return value.labels.length === 0 ? 'None' : value.labels.join(', ')
    case 'span': {
      if (!isSpanSet(value)) return JSON.stringify(value)
      if (value.spans.length === 0) return 'No spans'
      const byLabel = new Map<string, number>()
      for (const s of value.spans) byLabel.set(s.label, (byLabel.get(s.label) ?? 0) + 1)
      return [...byLabel].map(([label, n]) => `${label} ×${n}`).join(', ')
    }
    case 'stepVerdict': {
      if (!isStepVerdicts(value)) return JSON.stringify(value)
      const parts: string[] = []
      const verdicts = Object.values(value.steps)
      if (verdicts.length > 0) {
        const counts = new Map<string, number>()
        for (const v of verdicts) counts.set(v, (counts.get(v) ?? 0) + 1)
        parts.push([...counts].map(([v, n]) => `${v} ${n}`).join(', '))
      }
      if (value.firstWrong === null) parts.push('no wrong step')
      else if (value.firstWrong !== undefined) parts.push(`first wrong: ${value.firstWrong}`)
      return parts.length === 0 ? plural(0, 'verdict') : parts.join('; ')
    }
  }
}
