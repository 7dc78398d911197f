/** Readable sentences for the structured rubric diff ("Criterion “Accuracy” was renamed to “Factual accuracy”."). */
import type { RubricChange } from '../../shared/diff/rubricDiff'

const FIELD_NAMES: Record<string, string> = {
  description: 'description',
  kind: 'kind',
  weight: 'weight',
  tolerance: 'tolerance',
  points: 'points',
  tags: 'tags',
  rationaleRequired: 'rationale requirement',
  allowTie: '“tie allowed” setting',
  strengthRequired: '“strength required” setting',
  passingLabels: 'passing labels',
  title: 'title',
  instructions: 'instructions',
  passThreshold: 'pass threshold',
  content: 'content',
  status: 'status',
  difficulty: 'difficulty',
  sectionId: 'linked section',
  rationale: 'gold rationale',
}

/** A short, quoted rendering of a before/after value; long text is only called "edited". */
function show(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return '(none)'
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '(none)'
  if (typeof value === 'string') return value.length > 80 ? null : `“${value}”`
  return null
}

function fromTo(before: unknown, after: unknown, field: string): string {
  if (field === 'passThreshold' && typeof before === 'number' && typeof after === 'number')
    return ` from ${Math.round(before * 100)} % to ${Math.round(after * 100)} %`
  const a = show(before)
  const b = show(after)
  return a !== null && b !== null ? ` from ${a} to ${b}` : ''
}

const quoteAnswer = (answer: string | null) => (answer === null ? 'none' : `“${answer}”`)

export type ChangeTone = 'added' | 'removed' | 'changed' | 'gold'

export function changeTone(change: RubricChange): ChangeTone {
  if (change.type.endsWith('_added')) return 'added'
  if (change.type.endsWith('_removed')) return 'removed'
  if (change.type.startsWith('gold')) return 'gold'
  return 'changed'
}

export function describeChange(change: RubricChange): string {
  switch (change.type) {
    case 'rubric_changed':
      return `The rubric's ${FIELD_NAMES[change.field]} changed${fromTo(change.before, change.after, change.field)}.`
    case 'criterion_added':
      return `Criterion “${change.title}” was added.`
    case 'criterion_removed':
      return `Criterion “${change.title}” was removed.`
    case 'criterion_renamed':
      return `Criterion “${change.before}” was renamed to “${change.after}”.`
    case 'criterion_changed':
      return `“${change.title}”: ${FIELD_NAMES[change.field] ?? change.field} changed${fromTo(change.before, change.after, change.field)}.`
    case 'level_added':
      return `“${change.title}”: level ${change.value}${change.label ? ` (${change.label})` : ''} was added.`
    case 'level_removed':
      return `“${change.title}”: level ${change.value}${change.label ? ` (${change.label})` : ''} was removed.`
    case 'level_changed':
      return `“${change.title}”: the ${change.field} of level ${change.value} changed${fromTo(change.before, change.after, change.field)}.`
    case 'label_added':
      return `“${change.title}”: label “${change.label}” was added.`
    case 'label_removed':
      return `“${change.title}”: label “${change.label}” was removed.`
    case 'example_added':
      return `Example “${change.title}” was added.`
    case 'example_removed':
      return `Example “${change.title}” was removed.`
    case 'example_changed':
      return `Example “${change.title}”: ${FIELD_NAMES[change.field] ?? change.field} changed${change.field === 'content' ? '' : fromTo(change.before, change.after, change.field)}.`
    case 'gold_changed':
      return `Example “${change.exampleTitle}”: the gold answer for “${change.criterionTitle}” changed from ${quoteAnswer(change.before)} to ${quoteAnswer(change.after)}.`
    case 'gold_rationale_changed':
      return `Example “${change.exampleTitle}”: the gold rationale for “${change.criterionTitle}” was edited.`
    case 'task_type_added':
      return `Task type “${change.name}” was added.`
    case 'task_type_removed':
      return `Task type “${change.name}” was removed.`
    case 'task_type_changed':
      return change.field === 'criterionIds'
        ? `Task type “${change.name}”: the criteria that apply changed.`
        : `Task type “${change.name}”: ${change.field === 'contentKind' ? 'content kind' : 'name'} changed${fromTo(change.before, change.after, change.field)}.`
    case 'example_part_added':
      return `Example “${change.title}”: ${change.part} was added.`
    case 'example_part_removed':
      return `Example “${change.title}”: ${change.part} was removed.`
    case 'example_part_changed':
      return `Example “${change.title}”: ${change.part} was edited.`
    case 'example_part_moved':
      return `Example “${change.title}”: the order of ${change.part.toLowerCase()}s changed.`
  }
}
