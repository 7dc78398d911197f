/**
 * Which questions a rater is asked about an example, decided once for gold, answers, scoring, problems and
 * statistics. An example belongs to a task type, which names the criteria that apply. A rubric without task
 * types has one implicit task type holding every criterion (documents written before task types read so).
 * Within a task type a criterion is asked only where it makes sense: pairwise criteria on content with
 * alternatives A and B, step verdicts on content with steps. With explicit task types, a per-response
 * criterion (binary, ordinal, points, label, multiLabel) on content with alternatives is asked for A and B
 * separately: its slot keys are `<criterionId>@A` and `<criterionId>@B`; every other slot key is the criterion
 * id, so gold and answers stored before task types keep their keys.
 */
import type {
  CalibrationExample,
  ContentKind,
  Criterion,
  ExampleContent,
  Rubric,
  TaskType,
} from '../schema/rubric'
import { contentSteps, hasAlternatives } from './contentFields'

/** The id of the implicit task type of a rubric that declares none. */
export const IMPLICIT_TASK_TYPE = '_all'

export interface EffectiveTaskType {
  id: string
  name: string
  /** null for the implicit task type: any content kind. */
  contentKind: ContentKind | null
  criterionIds: string[]
  implicit: boolean
}

export function taskTypesOf(rubric: Pick<Rubric, 'criteria' | 'taskTypes'>): EffectiveTaskType[] {
  if (rubric.taskTypes && rubric.taskTypes.length > 0)
    return rubric.taskTypes.map((t: TaskType) => ({ ...t, implicit: false }))
  return [
    {
      id: IMPLICIT_TASK_TYPE,
      name: 'All examples',
      contentKind: null,
      criterionIds: rubric.criteria.map((c) => c.id),
      implicit: true,
    },
  ]
}

/** The example's task type: the one it names, else the only/implicit one; undefined when it names none that exists. */
export function taskTypeOf(
  rubric: Pick<Rubric, 'criteria' | 'taskTypes'>,
  example: Pick<CalibrationExample, 'taskTypeId'>,
): EffectiveTaskType | undefined {
  const types = taskTypesOf(rubric)
  if (types[0]!.implicit) return types[0]
  if (example.taskTypeId === undefined) return types.length === 1 ? types[0] : undefined
  return types.find((t) => t.id === example.taskTypeId)
}

/** Whether a criterion of this kind can be asked about this content at all. */
export function kindFitsContent(kind: Criterion['kind'], content: ExampleContent): boolean {
  if (kind === 'pairwise') return hasAlternatives(content)
  if (kind === 'stepVerdict') return content.kind === 'reasoning' || content.kind === 'trajectory'
  return true
}

const PER_RESPONSE_KINDS: ReadonlySet<Criterion['kind']> = new Set([
  'binary',
  'ordinal',
  'points',
  'label',
  'multiLabel',
])

/** One question asked of a rater: a criterion, for the whole example or for alternative A or B. */
export interface QuestionSlot {
  key: string
  criterion: Criterion
  target: 'A' | 'B' | null
}

export const slotKey = (criterionId: string, target: 'A' | 'B' | null) =>
  target ? `${criterionId}@${target}` : criterionId

/** The criterion id of a slot key. */
export const slotCriterionId = (key: string) => key.replace(/@[AB]$/, '')

/** The questions asked about an example, in rubric order (A before B). */
export function questionSlots(
  rubric: Pick<Rubric, 'criteria' | 'taskTypes'>,
  example: Pick<CalibrationExample, 'taskTypeId' | 'content'>,
): QuestionSlot[] {
  const type = taskTypeOf(rubric, example)
  if (!type) return []
  const applies = new Set(type.criterionIds)
  const split = !type.implicit && hasAlternatives(example.content)
  return rubric.criteria
    .filter((c) => applies.has(c.id) && kindFitsContent(c.kind, example.content))
    .flatMap((criterion) =>
      split && PER_RESPONSE_KINDS.has(criterion.kind)
        ? (['A', 'B'] as const).map(
            (target): QuestionSlot => ({ key: slotKey(criterion.id, target), criterion, target }),
          )
        : [{ key: criterion.id, criterion, target: null } as QuestionSlot],
    )
}

/** "Accuracy (response A)" for a slot, the criterion title alone otherwise. */
export function slotTitle(
  slot: Pick<QuestionSlot, 'criterion' | 'target'>,
  content?: ExampleContent,
): string {
  const title = slot.criterion.title || 'Untitled criterion'
  if (!slot.target) return title
  const what =
    content?.kind === 'conversation' ? 'final turn' : content?.kind === 'media' ? 'output' : 'response'
  return `${title} (${what} ${slot.target})`
}

/** Step ids of the content, for checking step-verdict values (empty when the content has no steps). */
export const stepIdsOf = (content: ExampleContent) => contentSteps(content).map((s) => s.id)
