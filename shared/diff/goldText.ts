/**
 * Readable gold for the exports (Markdown, print page, CSV): every accepted value of a question in words —
 * N/A, label sets, marked spans with the text they mark, step verdicts by step number — and the questions of
 * an example in rubric order (question slots, so per-response criteria read "Accuracy (response A)").
 */
import { textFields } from '../rubric/contentFields'
import { describeValue } from '../rubric/goldFits'
import { type QuestionSlot, questionSlots, slotTitle } from '../rubric/taskTypes'
import { isLabelSet, isNotApplicable, isSpanSet, isStepVerdicts } from '../rubric/valueShapes'
import type {
  CalibrationExample,
  Criterion,
  ExampleContent,
  GoldEntry,
  GoldValue,
  Rubric,
} from '../schema/rubric'

const quoteText = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return `“${flat.length > 80 ? `${flat.slice(0, 79)}…` : flat}”`
}

/** One accepted value in words, e.g. `unsupported claim: “cures colds” (Response)`, `step 2: incorrect`. */
export function describeGold(criterion: Criterion, value: GoldValue, content: ExampleContent): string {
  if (isNotApplicable(value)) return 'N/A'
  if (isLabelSet(value)) return value.labels.length > 0 ? value.labels.join(', ') : 'none'
  if (isSpanSet(value)) {
    if (value.spans.length === 0) return 'no spans'
    const fields = new Map(textFields(content).map((f) => [f.path, f]))
    return value.spans
      .map((span) => {
        const field = fields.get(span.field)
        const marked = field ? quoteText(field.text.slice(span.start, span.end)) : `${span.start}–${span.end}`
        const note = span.note ? ` — ${span.note}` : ''
        return `${span.label}: ${marked} (${field?.label ?? span.field})${note}`
      })
      .join('; ')
  }
  if (isStepVerdicts(value)) {
    const steps = content.kind === 'reasoning' || content.kind === 'trajectory' ? content.steps : []
    const number = (id: string) => {
      const at = steps.findIndex((s) => s.id === id)
      return at >= 0 ? `step ${at + 1}` : `a deleted step (${id})`
    }
    const verdicts = steps
      .filter((s) => value.steps[s.id] !== undefined)
      .map((s) => `${number(s.id)}: ${value.steps[s.id]}`)
    const first =
      value.firstWrong === undefined
        ? []
        : [`first wrong: ${value.firstWrong === null ? 'none' : number(value.firstWrong)}`]
    return [...verdicts, ...first].join('; ') || 'no verdicts'
  }
  return describeValue(criterion, value) ?? String(value)
}

export interface GoldLine {
  slot: QuestionSlot
  title: string
  gold: GoldEntry
  values: string
}

/**
 * The example's gold as lines in question order; gold under keys no question asks (e.g. written before the
 * criterion left the task type) follows, so an export never hides gold the version holds.
 */
export function goldLines(rubric: Rubric, example: CalibrationExample): GoldLine[] {
  const slots = questionSlots(rubric, example)
  const asked = new Set(slots.map((s) => s.key))
  const extra = rubric.criteria.flatMap((criterion) =>
    [criterion.id, `${criterion.id}@A`, `${criterion.id}@B`]
      .filter((key) => !asked.has(key) && example.gold[key])
      .map(
        (key): QuestionSlot => ({
          key,
          criterion,
          target: key.endsWith('@A') ? 'A' : key.endsWith('@B') ? 'B' : null,
        }),
      ),
  )
  return [...slots, ...extra]
    .filter((slot) => example.gold[slot.key])
    .map((slot) => {
      const gold = example.gold[slot.key]!
      return {
        slot,
        title: slotTitle(slot, example.content),
        gold,
        values: gold.accepted.map((v) => describeGold(slot.criterion, v, example.content)).join(' or '),
      }
    })
}
