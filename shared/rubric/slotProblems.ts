/**
 * The checks that depend on task types and content (problems.ts adds them to the live Checks list): which
 * task type an example belongs to, whether its content is complete, and whether each asked question's gold
 * fits both the criterion and the example's current texts and steps (spans inside their text, step verdicts
 * for steps that exist). Gold is required only where `questionSlots` says a question is asked.
 */
import type { CalibrationExample, Criterion, ExampleContent, GoldValue, Rubric } from '../schema/rubric'
import { contentSteps, textFields } from './contentFields'
import { goldFits, whyNotFits } from './goldFits'
import type { Problem } from './problems'
import { questionSlots, slotCriterionId, slotTitle, taskTypeOf } from './taskTypes'
import { isLabelSet, isNotApplicable, isSpanSet, isStepVerdicts } from './valueShapes'

type Add = (p: Problem) => void
type Issue = Pick<Problem, 'code' | 'message'>

const isBlank = (text: string) => text.trim().length === 0
const quote = (text: string) => `“${text}”`

/** Whether a criterion of this kind can ever be asked on content of this kind. */
export function kindFitsContentKind(kind: Criterion['kind'], contentKind: ExampleContent['kind']): boolean {
  if (kind === 'pairwise')
    return contentKind === 'pairwise' || contentKind === 'conversation' || contentKind === 'media'
  if (kind === 'stepVerdict') return contentKind === 'reasoning' || contentKind === 'trajectory'
  return true
}

/**
 * What is wrong with one accepted gold value of a question, against the criterion and the example's current
 * content; null when it fits. The first issue found is reported: the specific ones (with their own codes and
 * one-click fixes) first, then anything else the answer check (`whyNotFits`) refuses, so gold a rater could
 * not give is always reported.
 */
export function goldValueIssue(
  criterion: Criterion,
  value: GoldValue,
  content: ExampleContent,
): Issue | null {
  const specific = specificIssue(criterion, value, content)
  if (specific) return specific
  const why = whyNotFits(criterion, value, content)
  return why ? { code: 'gold_out_of_scale', message: `is not a valid answer for it (${why})` } : null
}

function specificIssue(criterion: Criterion, value: GoldValue, content: ExampleContent): Issue | null {
  const outOfScale: Issue = { code: 'gold_out_of_scale', message: 'is not a valid answer for it' }
  if (isNotApplicable(value)) return criterion.allowNA ? null : outOfScale
  switch (criterion.kind) {
    case 'multiLabel': {
      if (!isLabelSet(value)) return outOfScale
      const known = new Set(criterion.labels.map((l) => l.value))
      return value.labels.every((l) => known.has(l)) ? null : outOfScale
    }
    case 'span':
      return isSpanSet(value) ? spanIssue(criterion, value.spans, content) : outOfScale
    case 'stepVerdict':
      return isStepVerdicts(value) ? stepIssue(criterion, value, content) : outOfScale
    default:
      return goldFits(criterion, value) ? null : outOfScale
  }
}

function spanIssue(
  criterion: Extract<Criterion, { kind: 'span' }>,
  spans: { field: string; start: number; end: number; label: string }[],
  content: ExampleContent,
): Issue | null {
  const texts = new Map(textFields(content).map((f) => [f.path, f]))
  const labels = new Set(criterion.labels.map((l) => l.value))
  for (const span of spans) {
    const field = texts.get(span.field)
    if (!field)
      return {
        code: 'gold_span_missing_field',
        message: `marks a span in a text the example no longer has (${span.field})`,
      }
    if (span.end <= span.start || span.end > field.text.length)
      return {
        code: 'gold_span_outside_text',
        message: `has a gold span outside its text (${field.label}: ${span.start}–${span.end}, the text has ${field.text.length} characters; was the marked text deleted?)`,
      }
    if (!labels.has(span.label))
      return {
        code: 'gold_span_unknown_label',
        message: `marks a span with the label ${quote(span.label)}, which the criterion does not list`,
      }
  }
  return null
}

function stepIssue(
  criterion: Extract<Criterion, { kind: 'stepVerdict' }>,
  value: { steps: Record<string, string>; firstWrong?: string | null },
  content: ExampleContent,
): Issue | null {
  const steps = contentSteps(content)
  const ids = new Set(steps.map((s) => s.id))
  const verdicts = new Set(criterion.verdicts)
  const stale = Object.keys(value.steps).filter((id) => !ids.has(id))
  if (stale.length > 0)
    return {
      code: 'gold_step_missing',
      message: `has a step verdict for a step that no longer exists (${stale.length} ${stale.length === 1 ? 'verdict' : 'verdicts'})`,
    }
  if (Object.values(value.steps).some((v) => !verdicts.has(v)))
    return { code: 'gold_out_of_scale', message: 'uses a step verdict the criterion does not list' }
  const firstWrong = value.firstWrong ?? null
  if (criterion.mode !== 'perStep') {
    if (value.firstWrong === undefined)
      return { code: 'gold_first_wrong_unset', message: 'does not say which step is the first wrong one' }
    if (firstWrong !== null && !ids.has(firstWrong))
      return { code: 'gold_first_wrong_missing', message: 'names a first wrong step that no longer exists' }
  }
  if (criterion.mode !== 'firstWrong') {
    const missing = steps.filter((s) => value.steps[s.id] === undefined)
    if (missing.length > 0)
      return {
        code: 'gold_step_verdict_missing',
        message: `has no verdict for step ${missing.map((s) => s.number).join(', ')}`,
      }
  }
  return null
}

/** Content that cannot be judged: empty texts, no turns or steps, action arguments that are not JSON. */
export function contentProblems(example: CalibrationExample, name: string, add: Add): void {
  const at = { exampleId: example.id }
  const content = example.content
  const fields = textFields(content)
  if (content.kind === 'media') {
    mediaProblems(content, name, add, at)
    return
  }
  const empty =
    content.kind === 'single'
      ? isBlank(content.prompt) && isBlank(content.response)
      : content.kind === 'pairwise'
        ? isBlank(content.prompt) || (isBlank(content.responseA) && isBlank(content.responseB))
        : fields.every((f) => isBlank(f.text))
  if (empty) {
    add({ severity: 'error', code: 'example_no_content', message: `${name} has no content.`, ...at })
    return
  }
  if (content.kind === 'conversation' && content.turns.length === 0)
    add({ severity: 'error', code: 'example_no_turns', message: `${name} has no turns.`, ...at })
  if ((content.kind === 'reasoning' || content.kind === 'trajectory') && content.steps.length === 0)
    add({ severity: 'error', code: 'example_no_steps', message: `${name} has no steps.`, ...at })
  if (content.kind === 'conversation') {
    content.turns.forEach((turn, i) => {
      if (isBlank(turn.text))
        add({
          severity: 'warning',
          code: 'content_part_empty',
          message: `${name}: turn ${i + 1} is empty.`,
          ...at,
        })
    })
  }
  if (content.kind === 'reasoning') {
    content.steps.forEach((step, i) => {
      if (isBlank(step.text))
        add({
          severity: 'warning',
          code: 'content_part_empty',
          message: `${name}: step ${i + 1} is empty.`,
          ...at,
        })
    })
  }
  if (content.kind === 'trajectory') {
    content.steps.forEach((step, i) => {
      if (isBlank(step.thought) && isBlank(step.tool) && isBlank(step.observation))
        add({
          severity: 'warning',
          code: 'content_part_empty',
          message: `${name}: step ${i + 1} is empty.`,
          ...at,
        })
      if (!isBlank(step.args) && !isJson(step.args))
        add({
          severity: 'warning',
          code: 'trajectory_args_invalid',
          message: `${name}: the arguments of step ${i + 1} are not valid JSON.`,
          ...at,
        })
    })
  }
}

/**
 * A media example needs something to judge: its media, or with alternatives both media A and media B. An
 * empty prompt is only a warning (unconditional generation exists).
 */
function mediaProblems(
  content: Extract<ExampleContent, { kind: 'media' }>,
  name: string,
  add: Add,
  at: { exampleId: string },
): void {
  const pairwise = content.mediaA !== undefined && content.mediaB !== undefined
  const missing = pairwise
    ? [content.mediaA!.length === 0 && 'A', content.mediaB!.length === 0 && 'B'].filter(Boolean)
    : content.media.length === 0
      ? ['']
      : []
  if (missing.length > 0)
    add({
      severity: 'error',
      code: 'example_no_media',
      message: pairwise
        ? `${name} has no media ${missing.join(' and ')}.`
        : `${name} has no image, video or audio.`,
      ...at,
    })
  if (isBlank(content.prompt))
    add({
      severity: 'warning',
      code: 'content_part_empty',
      message: `${name}: the prompt is empty.`,
      ...at,
    })
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** The example's task type, then gold for every asked question (and only those). */
export function exampleSlotProblems(
  rubric: Rubric,
  example: CalibrationExample,
  name: string,
  add: Add,
): void {
  const at = { exampleId: example.id }
  const explicit = (rubric.taskTypes?.length ?? 0) > 0
  const type = taskTypeOf(rubric, example)
  if (explicit && !type) {
    add({
      severity: 'error',
      code: 'example_no_task_type',
      message:
        example.taskTypeId === undefined
          ? `${name} has no task type.`
          : `${name} belongs to a task type that no longer exists.`,
      ...at,
    })
    return
  }
  if (type && type.contentKind !== null && type.contentKind !== example.content.kind) {
    add({
      severity: 'error',
      code: 'example_kind_mismatch',
      message: `${name} is ${example.content.kind} content, but its task type ${quote(type.name)} expects ${type.contentKind}.`,
      ...at,
    })
  }
  const slots = questionSlots(rubric, example)
  const asked = new Set(slots.map((slot) => slot.key))
  for (const key of Object.keys(example.gold)) {
    if (asked.has(key)) continue
    add({
      severity: 'warning',
      code: 'gold_not_asked',
      message: `${name} has gold for a question it no longer asks (${key}); it is not scored.`,
      ...at,
      criterionId: slotCriterionId(key),
      slotKey: key,
    })
  }
  for (const slot of slots) {
    const label = isBlank(slot.criterion.title)
      ? 'an untitled criterion'
      : quote(
          slotTitle(
            { ...slot, criterion: { ...slot.criterion, title: slot.criterion.title.trim() } },
            example.content,
          ),
        )
    const where = { ...at, criterionId: slot.criterion.id, slotKey: slot.key }
    const gold = example.gold[slot.key]
    if (!gold) {
      add({
        severity: 'error',
        code: 'gold_missing',
        message: `${name} has no gold value for ${label}.`,
        ...where,
      })
      continue
    }
    for (const value of gold.accepted) {
      const issue = goldValueIssue(slot.criterion, value, example.content)
      if (!issue) continue
      add({
        severity: 'error',
        code: issue.code,
        message: `${name}: the gold value for ${label} ${issue.message}.`,
        ...where,
      })
      break
    }
  }
}

/** Task types: criteria that can never be asked on their content kind, and task types that ask nothing. */
export function taskTypeProblems(rubric: Rubric, add: Add): void {
  const byId = new Map(rubric.criteria.map((c) => [c.id, c]))
  for (const type of rubric.taskTypes ?? []) {
    const name = isBlank(type.name) ? 'A task type' : `Task type ${quote(type.name.trim())}`
    const asked = type.criterionIds.map((id) => byId.get(id)).filter((c) => c !== undefined)
    if (asked.length === 0)
      add({
        severity: 'warning',
        code: 'task_type_no_criteria',
        message: `${name} asks no criteria.`,
        taskTypeId: type.id,
      })
    for (const criterion of asked) {
      if (kindFitsContentKind(criterion.kind, type.contentKind)) continue
      add({
        severity: 'warning',
        code: 'task_type_criterion_unfit',
        message: `${name}: ${quote(criterion.title.trim() || 'an untitled criterion')} (${criterion.kind}) cannot be asked on ${type.contentKind} content, so it is never asked.`,
        criterionId: criterion.id,
        taskTypeId: type.id,
      })
    }
  }
}
