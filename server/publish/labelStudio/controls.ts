/**
 * Label Studio control tags for a rubric's questions, and a gold value as Label Studio result items of those
 * controls. binary, label, multiLabel and points (met / not met) are `Choices`; ordinal is `Rating` when its
 * levels are 1..k, else `Number`; pairwise is `Pairwise` (A = left) plus `Choices` for a tie and for the
 * strength; span is `Labels` over each judged `Text` and `ParagraphLabels` over turns/steps; stepVerdict is
 * `ParagraphLabels` over the steps (a region covering a step carries its verdict) and a `Number` for the
 * first wrong step (0 = none). The mapping is documented in docs/import-export.md.
 */
import type { QuestionSlot } from '../../../shared/rubric/taskTypes'
import {
  isLabelSet,
  isNotApplicable,
  isPairwiseValue,
  isSpanSet,
  isStepVerdicts,
} from '../../../shared/rubric/valueShapes'
import type { CalibrationExample, Criterion, GoldValue } from '../../../shared/schema/rubric'
import { PAIRWISE_STRENGTHS } from '../../../shared/schema/rubric'
import { type ContentLayout, paragraphsOf } from './objects'

export interface ControlOption {
  value: string
  hint?: string
}
export interface Control {
  tag: 'Choices' | 'Rating' | 'Number' | 'Pairwise' | 'Labels' | 'ParagraphLabels'
  name: string
  toName: string
  attrs: Record<string, string>
  options: ControlOption[]
  /** Shown above the control. */
  title: string
}

/** A Label Studio result item of a task's annotation. */
export interface ResultItem {
  id: string
  from_name: string
  to_name: string
  type: string
  value: Record<string, unknown>
  origin: 'manual'
}

export const YES = 'Yes'
export const NO = 'No'
export const MET = 'Met'
export const NOT_MET = 'Not met'
export const NOT_APPLICABLE = 'N/A'
export const TIE = 'Tie'

/** A control name from a slot key: Label Studio names are plain words, so other characters become `_`. */
export const controlName = (key: string, suffix = '') =>
  `${key.replace(/@/g, '_').replace(/[^A-Za-z0-9_-]/g, '_')}${suffix}`

const naOption = (criterion: Criterion): ControlOption[] =>
  criterion.allowNA ? [{ value: NOT_APPLICABLE, hint: 'Not applicable' }] : []

/** Levels 1..k in order: Label Studio's star rating says the same. */
const isStarScale = (levels: { value: number }[]) =>
  levels.length > 0 && levels.every((level, i) => level.value === i + 1)

/** The controls asking one question (slot) about objects laid out as `layout`. */
export function slotControls(slot: QuestionSlot, layout: ContentLayout): Control[] {
  const { criterion } = slot
  const base = controlName(slot.key)
  const target = slot.target && layout.alternatives ? layout.alternatives[slot.target] : layout.main
  const title = slot.target ? `${criterion.title} (${slot.target})` : criterion.title
  const choices = (
    options: ControlOption[],
    choice: 'single-radio' | 'multiple' = 'single-radio',
  ): Control => ({
    tag: 'Choices',
    name: base,
    toName: target,
    attrs: { choice },
    options: [...options, ...naOption(criterion)],
    title,
  })
  switch (criterion.kind) {
    case 'binary':
      return [choices([{ value: YES }, { value: NO }])]
    case 'points':
      return [
        choices([
          { value: MET, hint: `${criterion.points > 0 ? '+' : ''}${criterion.points} points` },
          { value: NOT_MET },
        ]),
      ]
    case 'label':
      return [choices(criterion.labels.map((l) => ({ value: l.value, hint: l.description || undefined })))]
    case 'multiLabel':
      return [
        choices(
          criterion.labels.map((l) => ({ value: l.value, hint: l.description || undefined })),
          'multiple',
        ),
      ]
    case 'ordinal': {
      const values = criterion.levels.map((l) => l.value)
      const numeric: Control = isStarScale(criterion.levels)
        ? {
            tag: 'Rating',
            name: base,
            toName: target,
            attrs: { maxRating: String(values.length) },
            options: [],
            title,
          }
        : {
            tag: 'Number',
            name: base,
            toName: target,
            attrs: { min: String(Math.min(0, ...values)), max: String(Math.max(0, ...values)) },
            options: [],
            title,
          }
      return criterion.allowNA ? [numeric, naChoices(base, target, title)] : [numeric]
    }
    case 'pairwise': {
      const alt = layout.alternatives ?? { A: layout.main, B: layout.main }
      const controls: Control[] = [
        { tag: 'Pairwise', name: base, toName: `${alt.A},${alt.B}`, attrs: {}, options: [], title },
      ]
      if (criterion.allowTie)
        controls.push({
          tag: 'Choices',
          name: `${base}_tie`,
          toName: alt.A,
          attrs: { choice: 'single' },
          options: [{ value: TIE }],
          title: `${title}: tie`,
        })
      controls.push({
        tag: 'Choices',
        name: `${base}_strength`,
        toName: alt.A,
        attrs: { choice: 'single-radio' },
        options: PAIRWISE_STRENGTHS.map((s) => ({ value: s })),
        title: `${title}: by how much`,
      })
      return controls
    }
    case 'span': {
      const options = criterion.labels.map((l) => ({ value: l.value, hint: l.description || undefined }))
      const texts = layout.objects.filter((o) => o.tag === 'Text')
      const controls: Control[] = texts.map((o) => ({
        tag: 'Labels',
        name: `${base}__${o.name}`,
        toName: o.name,
        attrs: {},
        options,
        title: `${title} (${o.name})`,
      }))
      if (layout.paragraphs)
        controls.push({
          tag: 'ParagraphLabels',
          name: `${base}__${layout.paragraphs}`,
          toName: layout.paragraphs,
          attrs: {},
          options,
          title,
        })
      return controls
    }
    case 'stepVerdict': {
      const steps = layout.paragraphs ?? layout.main
      const controls: Control[] = []
      if (criterion.mode !== 'firstWrong')
        controls.push({
          tag: 'ParagraphLabels',
          name: `${base}__steps`,
          toName: steps,
          attrs: {},
          options: criterion.verdicts.map((v) => ({ value: v })),
          title: `${title}: verdict per step`,
        })
      if (criterion.mode !== 'perStep')
        controls.push({
          tag: 'Number',
          name: `${base}__first_wrong`,
          toName: steps,
          attrs: { min: '0' },
          options: [],
          title: `${title}: first wrong step (0 = none)`,
        })
      return controls
    }
  }
}

function naChoices(base: string, target: string, title: string): Control {
  return {
    tag: 'Choices',
    name: `${base}_na`,
    toName: target,
    attrs: { choice: 'single' },
    options: [{ value: NOT_APPLICABLE }],
    title: `${title}: not applicable`,
  }
}

/**
 * The result items saying `value` for one slot (the first accepted gold value: a Label Studio annotation has
 * one answer per control). Parts Label Studio cannot hold (spans on a prompt shown as a Header) are left out.
 */
export function valueResults(
  slot: QuestionSlot,
  value: GoldValue,
  controls: Control[],
  example: CalibrationExample,
): ResultItem[] {
  const { criterion } = slot
  const results: ResultItem[] = []
  const add = (control: Control | undefined, type: string, v: Record<string, unknown>, toName?: string) => {
    if (control)
      results.push({
        id: `${example.id}-${control.name}-${results.length}`.slice(0, 120),
        from_name: control.name,
        to_name: toName ?? control.toName.split(',')[0]!,
        type,
        value: v,
        origin: 'manual',
      })
  }
  const [first] = controls
  if (isNotApplicable(value)) {
    const na = controls.find((c) => c.tag === 'Choices' && c.options.some((o) => o.value === NOT_APPLICABLE))
    add(na, 'choices', { choices: [NOT_APPLICABLE] })
    return results
  }
  switch (criterion.kind) {
    case 'binary':
      if (typeof value === 'boolean') add(first, 'choices', { choices: [value ? YES : NO] })
      break
    case 'points':
      if (typeof value === 'boolean') add(first, 'choices', { choices: [value ? MET : NOT_MET] })
      break
    case 'label':
      if (typeof value === 'string') add(first, 'choices', { choices: [value] })
      break
    case 'multiLabel':
      // "None apply" is no choice at all in Label Studio: no result.
      if (isLabelSet(value) && value.labels.length > 0) add(first, 'choices', { choices: value.labels })
      break
    case 'ordinal':
      if (typeof value === 'number')
        add(
          first,
          first?.tag === 'Rating' ? 'rating' : 'number',
          first?.tag === 'Rating' ? { rating: value } : { number: value },
        )
      break
    case 'pairwise':
      if (!isPairwiseValue(value)) break
      if (value.choice === 'tie')
        add(
          controls.find((c) => c.name.endsWith('_tie')),
          'choices',
          { choices: [TIE] },
        )
      else add(first, 'pairwise', { selected: value.choice === 'A' ? 'left' : 'right' })
      if (value.strength)
        add(
          controls.find((c) => c.name.endsWith('_strength')),
          'choices',
          { choices: [value.strength] },
        )
      break
    case 'span':
      if (isSpanSet(value)) spanResults(value.spans, controls, example, add)
      break
    case 'stepVerdict':
      if (isStepVerdicts(value)) stepResults(value, controls, example, add)
      break
  }
  return results
}

type Add = (control: Control | undefined, type: string, v: Record<string, unknown>, toName?: string) => void

function spanResults(
  spans: { field: string; start: number; end: number; label: string }[],
  controls: Control[],
  example: CalibrationExample,
  add: Add,
): void {
  const paragraphs = paragraphsOf(example.content)
  for (const span of spans) {
    const paragraph = paragraphs.findIndex((p) => p.path === span.field)
    if (paragraph >= 0) {
      const control = controls.find((c) => c.tag === 'ParagraphLabels')
      const text = paragraphs[paragraph]!.text.slice(span.start, span.end)
      add(control, 'paragraphlabels', {
        start: paragraph,
        end: paragraph,
        startOffset: span.start,
        endOffset: span.end,
        text,
        paragraphlabels: [span.label],
      })
      continue
    }
    const control = controls.find((c) => c.tag === 'Labels' && c.toName === span.field)
    const texts = textOf(example, span.field)
    if (control && texts !== undefined)
      add(control, 'labels', {
        start: span.start,
        end: span.end,
        text: texts.slice(span.start, span.end),
        labels: [span.label],
      })
  }
}

function textOf(example: CalibrationExample, path: string): string | undefined {
  const content = example.content as Record<string, unknown>
  const text = content[path]
  return typeof text === 'string' ? text : undefined
}

function stepResults(
  value: { steps: Record<string, string>; firstWrong?: string | null },
  controls: Control[],
  example: CalibrationExample,
  add: Add,
) {
  const paragraphs = paragraphsOf(example.content)
  const content = example.content
  const stepIds =
    content.kind === 'reasoning' || content.kind === 'trajectory' ? content.steps.map((s) => s.id) : []
  const perStep = controls.find((c) => c.tag === 'ParagraphLabels')
  for (const [stepId, verdict] of Object.entries(value.steps)) {
    // A step's region covers every paragraph of that step (a trajectory step is thought, action, observation).
    const indexes = paragraphs.flatMap((p, i) =>
      p.path === `steps.${stepId}` || p.path.startsWith(`steps.${stepId}.`) ? [i] : [],
    )
    if (indexes.length === 0) continue
    const start = indexes[0]!
    const end = indexes[indexes.length - 1]!
    const text = paragraphs
      .slice(start, end + 1)
      .map((p) => p.text)
      .join('\n')
    add(perStep, 'paragraphlabels', {
      start,
      end,
      startOffset: 0,
      endOffset: paragraphs[end]!.text.length,
      text,
      paragraphlabels: [verdict],
    })
  }
  const firstWrong = controls.find((c) => c.tag === 'Number')
  if (value.firstWrong !== undefined) {
    const position = value.firstWrong === null ? 0 : stepIds.indexOf(value.firstWrong) + 1
    if (value.firstWrong === null || position > 0) add(firstWrong, 'number', { number: position })
  }
}
