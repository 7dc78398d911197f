/**
 * The live checks that make a rubric unusable (errors) or doubtful (warnings). The rubric panel lists them,
 * inline marks point at them, and publishing is refused while any error remains. Checks that depend on task
 * types, content and question slots live in slotProblems.ts.
 */
import type { RubricWithExamples } from '../schema/rubric'
import { unsafeCharacterMessage } from '../schema/safeText'
import { meaningProblems } from './meaningChecks'
import { contentProblems, exampleSlotProblems, taskTypeProblems } from './slotProblems'

export interface Problem {
  severity: 'error' | 'warning'
  code:
    | 'criterion_untitled'
    | 'criterion_no_description'
    | 'criterion_duplicate_title'
    | 'ordinal_too_few_levels'
    | 'ordinal_duplicate_level'
    | 'ordinal_level_no_descriptor'
    | 'label_no_labels'
    | 'points_zero'
    | 'weight_zero'
    | 'weights_all_zero'
    | 'rubric_no_criteria'
    | 'example_no_content'
    | 'example_untitled'
    | 'gold_missing'
    | 'gold_out_of_scale'
    | 'unsafe_characters'
    | 'pass_threshold_zero'
    | 'ordinal_tolerance_too_wide'
    | 'label_duplicate'
    | 'pass_unreachable'
    | 'step_verdicts_missing'
    | 'example_no_task_type'
    | 'example_kind_mismatch'
    | 'example_no_turns'
    | 'example_no_steps'
    | 'example_no_media'
    | 'content_part_empty'
    | 'trajectory_args_invalid'
    | 'task_type_no_criteria'
    | 'task_type_criterion_unfit'
    | 'gold_span_missing_field'
    | 'gold_span_outside_text'
    | 'gold_span_unknown_label'
    | 'gold_step_missing'
    | 'gold_step_verdict_missing'
    | 'gold_first_wrong_missing'
    | 'gold_first_wrong_unset'
    | 'gold_not_asked'
  message: string
  criterionId?: string
  exampleId?: string
  /** The question (slot key, shared/rubric/taskTypes.ts) a gold problem is about. */
  slotKey?: string
  taskTypeId?: string
}

const isBlank = (text: string) => text.trim().length === 0

export function findProblems({ rubric, examples }: RubricWithExamples): Problem[] {
  const problems: Problem[] = []
  const add = (p: Problem) => problems.push(p)
  if (rubric.criteria.length === 0) {
    add({ severity: 'error', code: 'rubric_no_criteria', message: 'The rubric has no criteria yet.' })
  }
  if (rubric.criteria.length > 0 && rubric.criteria.every((c) => c.weight === 0)) {
    // The score is the weighted share of agreeing answers: with no weight at all, every attempt would fail.
    add({
      severity: 'error',
      code: 'weights_all_zero',
      message:
        'Every criterion has weight 0, so no attempt could score anything. Give at least one a weight.',
    })
  }
  const seenTitles = new Map<string, string>()
  rubric.criteria.forEach((c, index) => {
    const name = isBlank(c.title) ? `Criterion ${index + 1}` : `“${c.title.trim()}”`
    const at = { criterionId: c.id }
    if (isBlank(c.title))
      add({ severity: 'error', code: 'criterion_untitled', message: `${name} has no title.`, ...at })
    if (isBlank(c.description)) {
      add({
        severity: 'error',
        code: 'criterion_no_description',
        message: `${name} has no description.`,
        ...at,
      })
    }
    const key = c.title.trim().toLowerCase()
    if (key && seenTitles.has(key)) {
      add({
        severity: 'error',
        code: 'criterion_duplicate_title',
        message: `Two criteria are titled ${name}.`,
        ...at,
      })
    }
    if (key) seenTitles.set(key, c.id)
    if (c.weight === 0)
      add({ severity: 'warning', code: 'weight_zero', message: `${name} has weight 0.`, ...at })
    if (c.kind === 'ordinal') {
      if (c.levels.length < 2) {
        add({
          severity: 'error',
          code: 'ordinal_too_few_levels',
          message: `${name} needs at least two levels.`,
          ...at,
        })
      }
      const values = c.levels.map((l) => l.value)
      if (new Set(values).size !== values.length) {
        add({
          severity: 'error',
          code: 'ordinal_duplicate_level',
          message: `${name} has two levels with the same value.`,
          ...at,
        })
      }
      for (const level of c.levels) {
        if (isBlank(level.descriptor)) {
          add({
            severity: 'error',
            code: 'ordinal_level_no_descriptor',
            message: `${name}: level ${level.value} has no descriptor.`,
            ...at,
          })
        }
      }
    }
    if ((c.kind === 'label' || c.kind === 'multiLabel' || c.kind === 'span') && c.labels.length === 0) {
      add({
        severity: 'error',
        code: 'label_no_labels',
        message: `${name} has no labels to choose from.`,
        ...at,
      })
    }
    if (c.kind === 'stepVerdict' && c.verdicts.length === 0) {
      add({
        severity: 'error',
        code: 'step_verdicts_missing',
        message: `${name} has no step verdicts to choose from.`,
        ...at,
      })
    }
    if (c.kind === 'points' && c.points === 0) {
      add({ severity: 'warning', code: 'points_zero', message: `${name} awards 0 points.`, ...at })
    }
  })

  examples.forEach((example, index) => {
    const name = isBlank(example.title) ? `Example ${index + 1}` : `Example “${example.title.trim()}”`
    const at = { exampleId: example.id }
    if (isBlank(example.title))
      add({ severity: 'warning', code: 'example_untitled', message: `${name} has no title.`, ...at })
    contentProblems(example, name, add)
    exampleSlotProblems(rubric, example, name, add)
  })
  taskTypeProblems(rubric, add)
  unsafeNames({ rubric, examples }, add)
  for (const p of meaningProblems({ rubric, examples })) add(p)
  return problems
}

/** Titles, labels and tags with control characters or text-direction overrides (shared/schema/safeText.ts). */
function unsafeNames({ rubric, examples }: RubricWithExamples, add: (p: Problem) => void) {
  const check = (text: string, what: string, at: Partial<Problem>) => {
    const message = unsafeCharacterMessage(text)
    if (message) add({ severity: 'error', code: 'unsafe_characters', message: `${what} ${message}.`, ...at })
  }
  check(rubric.title, 'The rubric title', {})
  rubric.criteria.forEach((c, index) => {
    const at = { criterionId: c.id }
    const what = `Criterion ${index + 1}`
    check(c.title, `${what}: the title`, at)
    for (const tag of c.tags) check(tag, `${what}: a tag`, at)
    if (c.kind === 'ordinal')
      for (const l of c.levels) check(l.label, `${what}: level ${l.value}'s label`, at)
    if (c.kind === 'label' || c.kind === 'multiLabel' || c.kind === 'span')
      for (const l of c.labels) check(l.value, `${what}: a label`, at)
    if (c.kind === 'stepVerdict') for (const v of c.verdicts) check(v, `${what}: a step verdict`, at)
  })
  for (const [index, e] of examples.entries()) {
    check(e.title, `Example ${index + 1}: the title`, { exampleId: e.id })
  }
  for (const [index, t] of (rubric.taskTypes ?? []).entries()) {
    check(t.name, `Task type ${index + 1}: the name`, { taskTypeId: t.id })
  }
}

export const hasErrors = (problems: Problem[]) => problems.some((p) => p.severity === 'error')
