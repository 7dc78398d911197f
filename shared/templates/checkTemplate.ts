/**
 * Checks that a template is complete and self-consistent before it is offered: schema, task types, a gold
 * value for exactly the questions each example asks (question slots), values that fit their criterion and
 * content (spans inside their text, step verdicts for existing steps), and a guideline that embeds every
 * example once under an existing section. Returns readable messages; empty means the template is sound.
 */
import { textAt } from '../rubric/contentFields'
import { questionSlots, stepIdsOf, taskTypeOf } from '../rubric/taskTypes'
import {
  isLabelSet,
  isNotApplicable,
  isPairwiseValue,
  isSpanSet,
  isStepVerdicts,
} from '../rubric/valueShapes'
import type { Criterion, ExampleContent, GoldValue } from '../schema/rubric'
import { EXAMPLE_ID_ATTR, EXAMPLE_NODE, SECTION_ID_ATTR } from '../ydoc/layout'
import { TemplateJson } from './templateSchema'

const labelsOf = (criterion: Criterion) => ('labels' in criterion ? criterion.labels.map((l) => l.value) : [])

/** Why a value is not a valid gold answer for this criterion on this content, or null when it is. */
export function valueProblem(criterion: Criterion, value: GoldValue, content: ExampleContent): string | null {
  if (isNotApplicable(value)) return criterion.allowNA ? null : 'N/A, but the criterion does not allow N/A'
  switch (criterion.kind) {
    case 'binary':
    case 'points':
      return typeof value === 'boolean' ? null : 'not true/false'
    case 'ordinal':
      return typeof value === 'number' && criterion.levels.some((l) => l.value === value)
        ? null
        : 'not one of the levels'
    case 'label':
      return typeof value === 'string' && labelsOf(criterion).includes(value) ? null : 'not one of the labels'
    case 'pairwise':
      if (!isPairwiseValue(value)) return 'not a preference'
      if (value.choice === 'tie')
        return criterion.allowTie ? null : 'a tie, which the criterion does not allow'
      return criterion.strengthRequired && !value.strength ? 'a preference without its strength' : null
    case 'multiLabel':
      if (!isLabelSet(value)) return 'not a set of labels'
      return value.labels.every((l) => labelsOf(criterion).includes(l)) ? null : 'a label the criterion lacks'
    case 'span': {
      if (!isSpanSet(value)) return 'not a set of spans'
      for (const span of value.spans) {
        const text = textAt(content, span.field)
        if (text === undefined) return `a span on “${span.field}”, which the content lacks`
        if (span.start < 0 || span.end <= span.start || span.end > text.length)
          return `a span ${span.start}–${span.end} outside its text (length ${text.length})`
        if (!labelsOf(criterion).includes(span.label)) return `a span labelled “${span.label}”, not a label`
      }
      return null
    }
    case 'stepVerdict': {
      if (!isStepVerdicts(value)) return 'not step verdicts'
      const ids = stepIdsOf(content)
      for (const [id, verdict] of Object.entries(value.steps)) {
        if (!ids.includes(id)) return `a verdict for step “${id}”, which the content lacks`
        if (!criterion.verdicts.includes(verdict)) return `the verdict “${verdict}”, not one of the verdicts`
      }
      if (criterion.mode !== 'firstWrong' && ids.some((id) => !(id in value.steps)))
        return 'no verdict for some steps'
      if (criterion.mode !== 'perStep') {
        if (value.firstWrong === undefined) return 'no first wrong step (use null for none)'
        if (value.firstWrong !== null && !ids.includes(value.firstWrong))
          return `first wrong step “${value.firstWrong}”, which the content lacks`
      }
      return null
    }
  }
}

interface Node {
  type?: string
  attrs?: Record<string, unknown>
  content?: Node[]
}

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node)
  for (const child of node.content ?? []) walk(child, visit)
}

export function checkTemplate(input: unknown): string[] {
  const parsed = TemplateJson.safeParse(input)
  if (!parsed.success)
    return parsed.error.issues.map((issue) => `schema: ${issue.path.join('.')}: ${issue.message}`)
  const { rubric, examples, guideline } = parsed.data
  const issues: string[] = []
  const criterionIds = new Set(rubric.criteria.map((c) => c.id))
  if (criterionIds.size !== rubric.criteria.length) issues.push('two criteria share an id')
  if (new Set(examples.map((e) => e.id)).size !== examples.length) issues.push('two examples share an id')
  if (!rubric.taskTypes?.length) issues.push('the rubric declares no task types')
  for (const type of rubric.taskTypes ?? [])
    for (const id of type.criterionIds)
      if (!criterionIds.has(id)) issues.push(`task type “${type.name}” names a missing criterion “${id}”`)

  for (const example of examples) {
    const at = `example “${example.id}”`
    const type = taskTypeOf(rubric, example)
    if (!type) issues.push(`${at} has no valid task type`)
    else if (type.contentKind !== example.content.kind)
      issues.push(`${at} is ${example.content.kind} content in a ${type.contentKind} task type`)
    const slots = questionSlots(rubric, example)
    if (slots.length === 0) issues.push(`${at} asks no questions`)
    for (const slot of slots) {
      const entry = example.gold[slot.key]
      if (!entry) {
        issues.push(`${at} has no gold for “${slot.key}”`)
        continue
      }
      if (!entry.rationale.trim()) issues.push(`${at}: gold for “${slot.key}” has no rationale`)
      for (const value of entry.accepted) {
        const problem = valueProblem(slot.criterion, value, example.content)
        if (problem) issues.push(`${at}: gold for “${slot.key}” is ${problem}`)
      }
    }
    const keys = new Set(slots.map((s) => s.key))
    for (const key of Object.keys(example.gold))
      if (!keys.has(key)) issues.push(`${at} has gold for “${key}”, which it does not ask`)
    if (!example.rationale.trim()) issues.push(`${at} has no overall rationale`)
  }

  const sections = new Set<string>()
  const embedded: string[] = []
  walk(guideline as Node, (node) => {
    if (node.type === 'heading' && typeof node.attrs?.[SECTION_ID_ATTR] === 'string')
      sections.add(node.attrs[SECTION_ID_ATTR] as string)
    if (node.type === EXAMPLE_NODE) embedded.push(String(node.attrs?.[EXAMPLE_ID_ATTR]))
  })
  for (const example of examples) {
    const times = embedded.filter((id) => id === example.id).length
    if (times !== 1) issues.push(`example “${example.id}” is embedded ${times} times in the guideline`)
    if (example.sectionId !== null && !sections.has(example.sectionId))
      issues.push(`example “${example.id}” names a missing section “${example.sectionId}”`)
  }
  for (const id of embedded)
    if (!examples.some((e) => e.id === id)) issues.push(`the guideline embeds a missing example “${id}”`)
  return issues
}
