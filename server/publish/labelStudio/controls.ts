/**
 * Label Studio control tags for a rubric's questions (`results.ts` turns gold into their result items). binary, label and multiLabel are `Choices`; points is a `Number` (the criterion's points if met, 0 if not); ordinal is `Rating` when its
 * levels are 1..k, else `Number`; pairwise is `Pairwise` (A = left) plus `Choices` for a tie and for the
 * strength; span is `Labels` over each judged `Text` and `ParagraphLabels` over turns/steps; stepVerdict is
 * `ParagraphLabels` over the steps (a region covering a step carries its verdict) and a `Number` for the
 * first wrong step (0 = none). The mapping is documented in docs/import-export.md.
 */
import type { QuestionSlot } from '../../../shared/rubric/taskTypes'
import type { Criterion } from '../../../shared/schema/rubric'
import { PAIRWISE_STRENGTHS } from '../../../shared/schema/rubric'
import type { ContentLayout } from './objects'

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
export const NOT_APPLICABLE = 'N/A'
export const TIE = 'Tie'
/** The name of the free-text box for the rationale that ends every config. */
export const RATIONALE = 'rationale'

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
  const key = controlName(slot.key)
  // A criterion whose id is an object's name (`response`) or the rationale box's gets a suffix: names are unique.
  const taken = key === RATIONALE || layout.objects.some((o) => o.name === key) || layout.header === key
  const base = taken ? `${key}_criterion` : key
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
    case 'points': {
      // The rater awards the criterion's points or none (HealthBench: a negative criterion subtracts).
      const awarded: Control = {
        tag: 'Number',
        name: base,
        toName: target,
        attrs: {
          min: String(Math.min(0, criterion.points)),
          max: String(Math.max(0, criterion.points)),
          step: String(Math.abs(criterion.points) || 1),
        },
        options: [],
        title: `${title} (${criterion.points > 0 ? '+' : ''}${criterion.points} points if met, 0 if not)`,
      }
      return criterion.allowNA ? [awarded, naChoices(base, target, title)] : [awarded]
    }
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
