/**
 * A gold value as Label Studio result items of the controls `controls.ts` made for its question: choices,
 * rating, number, pairwise left/right, text spans with offsets and the text they select, paragraph regions
 * for spans in turns/steps and for step verdicts.
 */
import type { QuestionSlot } from '../../../shared/rubric/taskTypes'
import {
  isLabelSet,
  isNotApplicable,
  isPairwiseValue,
  isSpanSet,
  isStepVerdicts,
} from '../../../shared/rubric/valueShapes'
import type { CalibrationExample, GoldValue } from '../../../shared/schema/rubric'
import { type Control, NO, NOT_APPLICABLE, type ResultItem, TIE, YES } from './controls'
import { paragraphsOf } from './objects'

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
      if (typeof value === 'boolean') add(first, 'number', { number: value ? criterion.points : 0 })
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
