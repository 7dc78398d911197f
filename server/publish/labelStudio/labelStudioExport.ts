/**
 * A published version as a Label Studio project (targets Label Studio 1.x): the labeling config (XML) of one
 * task type, and that task type's examples as tasks in Label Studio's JSON import format, with the gold as a
 * ground-truth annotation when the reader may see gold. No predictions: Yardstick holds no model output.
 */
import {
  type EffectiveTaskType,
  type QuestionSlot,
  questionSlots,
  taskTypeOf,
  taskTypesOf,
} from '../../../shared/rubric/taskTypes'
import type { CalibrationExample, ContentKind, ExampleMedia } from '../../../shared/schema/rubric'
import type { VersionJson } from '../../../shared/schema/version'
import { type Control, RATIONALE, type ResultItem, slotControls } from './controls'
import { type ContentLayout, contentLayout, taskData } from './objects'
import { valueResults } from './results'

export interface LabelStudioTask {
  data: Record<string, unknown>
  annotations?: { result: ResultItem[]; ground_truth: boolean; lead_time?: number }[]
}

const isFull = (e: VersionJson['examples'][number]): e is CalibrationExample => 'gold' in e

/** The examples (as the reader may see them) of a task type. */
function examplesOf(version: VersionJson, type: EffectiveTaskType): CalibrationExample[] {
  return version.examples
    .map((e) => (isFull(e) ? e : ({ ...e, gold: {}, rationale: '' } as CalibrationExample)))
    .filter((e) => taskTypeOf(version.rubric, e)?.id === type.id)
}

/** The content kind a task type's objects are made for (the implicit type: the kind most of its examples have). */
function kindOf(type: EffectiveTaskType, examples: CalibrationExample[]): ContentKind {
  if (type.contentKind) return type.contentKind
  const counts = new Map<ContentKind, number>()
  for (const e of examples) counts.set(e.content.kind, (counts.get(e.content.kind) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'single'
}

interface TypePlan {
  type: EffectiveTaskType
  layout: ContentLayout
  examples: CalibrationExample[]
  /** Controls per slot key, in rubric order. */
  controls: Map<string, { slot: QuestionSlot; controls: Control[] }>
}

/** The task type to export: the one named, else the first. */
export function pickTaskType(
  version: VersionJson,
  taskTypeId: string | undefined,
): EffectiveTaskType | undefined {
  const types = taskTypesOf(version.rubric)
  return taskTypeId === undefined ? types[0] : types.find((t) => t.id === taskTypeId)
}

function plan(version: VersionJson, type: EffectiveTaskType): TypePlan {
  const examples = examplesOf(version, type)
  const kind = kindOf(type, examples)
  const layout = contentLayout(kind, examples)
  const controls = new Map<string, { slot: QuestionSlot; controls: Control[] }>()
  // The questions of every example of the type (A/B slots where content has alternatives), in rubric order.
  const probe = examples.filter((e) => e.content.kind === kind)
  const slots = probe.length > 0 ? probe.flatMap((e) => questionSlots(version.rubric, e)) : []
  const fallback = version.rubric.criteria
    .filter((c) => type.criterionIds.includes(c.id))
    .map((criterion): QuestionSlot => ({ key: criterion.id, criterion, target: null }))
  for (const slot of slots.length > 0 ? slots : fallback) {
    if (!controls.has(slot.key)) controls.set(slot.key, { slot, controls: slotControls(slot, layout) })
  }
  return { type, layout, examples, controls }
}

const escapeAttr = (value: string) =>
  value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, '&#10;')

function tag(
  name: string,
  attrs: Record<string, string | undefined>,
  children: string[] = [],
  indent = '',
): string {
  const attributes = Object.entries(attrs)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('')
  if (children.length === 0) return `${indent}<${name}${attributes}/>`
  return `${indent}<${name}${attributes}>\n${children.join('\n')}\n${indent}</${name}>`
}

/** The labeling config (XML) of a task type. */
export function labelStudioConfig(version: VersionJson, type: EffectiveTaskType): string {
  const { layout, controls } = plan(version, type)
  const objects: string[] = []
  if (layout.header) objects.push(tag('Header', { value: `$${layout.header}`, size: '5' }, [], '    '))
  for (const object of layout.objects) {
    if (object.tag === 'Paragraphs')
      objects.push(
        tag(
          'Paragraphs',
          {
            name: object.name,
            value: `$${object.name}`,
            layout: 'dialogue',
            nameKey: 'author',
            textKey: 'text',
          },
          [],
          '    ',
        ),
      )
    else objects.push(tag(object.tag, { name: object.name, value: `$${object.name}` }, [], '    '))
  }
  const questions: string[] = []
  for (const { controls: group } of controls.values()) {
    for (const control of group) {
      questions.push(tag('Header', { value: control.title || control.name, size: '6' }, [], '    '))
      const option = control.tag === 'Choices' ? 'Choice' : 'Label'
      const children = control.options.map((o) => tag(option, { value: o.value, hint: o.hint }, [], '      '))
      questions.push(
        tag(control.tag, { name: control.name, toName: control.toName, ...control.attrs }, children, '    '),
      )
    }
  }
  questions.push(tag('Header', { value: 'Rationale', size: '6' }, [], '    '))
  questions.push(tag('TextArea', { name: RATIONALE, toName: layout.main, rows: '3' }, [], '    '))
  const comment = `<!-- ${escapeComment(version.project.name)} ${version.version}: ${escapeComment(type.name)} (Yardstick export for Label Studio 1.x) -->`
  return `${comment}\n${tag('View', {}, [tag('View', {}, objects, '  '), tag('View', {}, questions, '  ')])}\n`
}

const escapeComment = (text: string) => text.replace(/--/g, '- -').replace(/[\r\n]+/g, ' ')

/**
 * The task type's examples as Label Studio tasks; with `gold`, each carries the gold (first accepted value per
 * question, and the example's rationale) as one ground-truth annotation.
 */
export function labelStudioTasks(
  version: VersionJson,
  type: EffectiveTaskType,
  { gold, mediaUrl }: { gold: boolean; mediaUrl: (media: ExampleMedia) => string },
): LabelStudioTask[] {
  const { layout, examples, controls } = plan(version, type)
  return examples.map((example) => {
    const task: LabelStudioTask = { data: taskData(example, layout, mediaUrl) }
    if (!gold) return task
    const result: ResultItem[] = []
    for (const slot of questionSlots(version.rubric, example)) {
      const planned = controls.get(slot.key)
      const entry = example.gold[slot.key]
      const value = entry?.accepted[0]
      if (!planned || value === undefined) continue
      result.push(...valueResults(slot, value, planned.controls, example))
    }
    if (example.rationale)
      result.push({
        id: `${example.id}-rationale`,
        from_name: RATIONALE,
        to_name: layout.main,
        type: 'textarea',
        value: { text: [example.rationale] },
        origin: 'manual',
      })
    task.annotations = [{ result, ground_truth: true }]
    return task
  })
}
