/**
 * The gold answer for one question slot of one example (a criterion, or a criterion for response/final turn
 * A or B): the control that fits the criterion's kind (choices, label sets, marked spans, step verdicts), N/A
 * where the criterion allows it, what is accepted in words, and the per-slot rationale. Gold is stored under
 * the slot key.
 */
import { contentSteps } from '../../shared/rubric/contentFields'
import { describeValue, goldFits } from '../../shared/rubric/goldFits'
import { type QuestionSlot, slotTitle } from '../../shared/rubric/taskTypes'
import { isLabelSet, isNotApplicable, isSpanSet, isStepVerdicts } from '../../shared/rubric/valueShapes'
import type { Criterion, ExampleContent, GoldEntry, GoldValue } from '../../shared/schema/rubric'
import { clearGold, goldAccepted, goldRationale, setGold } from '../../shared/ydoc/examplesDoc'
import { useDraftData } from '../rubric/draftContext'
import { YTextInput } from '../rubric/YTextInput'
import { SuggestableField } from '../suggestions/SuggestableField'
import { writeLocal } from '../sync/localOrigin'
import { ChoiceGold } from './ChoiceGold'
import { LabelSetGold } from './LabelSetGold'
import { SpanGold } from './SpanGold'
import { StepVerdictGold } from './StepVerdictGold'

/** One accepted value in words (the new shapes here, the choice kinds by describeValue). */
function describe(criterion: Criterion, value: GoldValue, content: ExampleContent): string {
  if (isNotApplicable(value)) return 'N/A'
  if (isLabelSet(value)) return value.labels.length ? value.labels.join(' + ') : 'none apply'
  if (isSpanSet(value)) return value.spans.length === 1 ? '1 span' : `${value.spans.length} spans`
  if (isStepVerdicts(value)) {
    const count = Object.keys(value.steps).length
    const parts = count ? [`${count} step verdict${count === 1 ? '' : 's'}`] : []
    if (value.firstWrong === null) parts.push('no wrong step')
    else if (value.firstWrong !== undefined) {
      const step = contentSteps(content).find((s) => s.id === value.firstWrong)
      parts.push(step ? `first wrong: step ${step.number}` : 'first wrong: a deleted step')
    }
    return parts.join(', ')
  }
  return describeValue(criterion, value)
}

/** Whether N/A is among the accepted values; for the structured kinds it is toggled beside their editor. */
function NaToggle(props: { accepted: GoldValue[]; editable: boolean; write: (next: GoldValue[]) => void }) {
  const on = props.accepted.some(isNotApplicable)
  return (
    <label className="check gold__na" title="N/A counts as a correct answer for this example">
      <input
        type="checkbox"
        checked={on}
        disabled={!props.editable}
        data-testid="gold-na"
        onChange={() =>
          props.write(
            on ? props.accepted.filter((v) => !isNotApplicable(v)) : [...props.accepted, { na: true }],
          )
        }
      />
      N/A is accepted
    </label>
  )
}

interface GoldWidgetProps {
  exampleId: string
  slot: QuestionSlot
  content: ExampleContent
  gold: GoldEntry | undefined
}

export function GoldWidget({ exampleId, slot, content, gold }: GoldWidgetProps) {
  const { doc, editable } = useDraftData()
  const { criterion, key } = slot
  const accepted = gold?.accepted ?? []
  const invalid = accepted.filter((value) => !isNotApplicable(value) && !goldFits(criterion, value))
  const write = (next: GoldValue[]) =>
    writeLocal(doc, () => (next.length ? setGold(doc, exampleId, key, next) : clearGold(doc, exampleId, key)))
  const name = slotTitle(slot, content)
  const common = { accepted, editable, write }
  const structured =
    criterion.kind === 'multiLabel' || criterion.kind === 'span' || criterion.kind === 'stepVerdict'
  return (
    <div
      className={`gold${gold ? '' : ' is-missing'}${invalid.length ? ' is-invalid' : ''}`}
      data-testid="gold"
      data-gold-criterion={criterion.id}
      data-gold-slot={key}
    >
      <div className="gold__head">
        <span className="gold__name">{name}</span>
        {!gold && <span className="gold__missing">gold missing</span>}
        {gold && (
          <span className="gold__summary" data-testid="gold-summary">
            {accepted.map((value) => describe(criterion, value, content)).join(' or ')}
          </span>
        )}
        {editable && gold && structured && (
          <button
            type="button"
            className="link-button gold__clear"
            onClick={() => write([])}
            data-testid="gold-clear"
          >
            Clear
          </button>
        )}
      </div>
      {criterion.kind === 'multiLabel' ? (
        <LabelSetGold labels={criterion.labels.map((l) => l.value)} {...common} />
      ) : criterion.kind === 'span' ? (
        <SpanGold
          exampleId={exampleId}
          labels={criterion.labels.map((l) => l.value)}
          content={content}
          {...common}
        />
      ) : criterion.kind === 'stepVerdict' ? (
        <StepVerdictGold criterion={criterion} content={content} steps={contentSteps(content)} {...common} />
      ) : (
        <ChoiceGold
          criterion={criterion}
          name={name}
          hasGold={gold !== undefined}
          current={() => goldAccepted(doc, exampleId, key) as GoldValue[]}
          {...common}
        />
      )}
      {structured && criterion.allowNA && <NaToggle {...common} />}
      {invalid.length > 0 && (
        <p className="gold__error">
          Not a valid answer any more: {invalid.map((v) => describe(criterion, v, content)).join(', ')}
        </p>
      )}
      {gold && (
        <SuggestableField
          // Suggestions name a gold rationale by criterion: only a criterion's own slot (not A / B) takes them.
          target={
            key === criterion.id ? { kind: 'goldRationale', exampleId, criterionId: criterion.id } : null
          }
          label={`${name} · gold rationale`}
          text={goldRationale(doc, exampleId, key)}
        >
          <YTextInput
            text={goldRationale(doc, exampleId, key)}
            label={`Why, for ${name}`}
            placeholder="Why this is the gold answer (optional)"
            editable={editable}
            className="gold__rationale"
            testId="gold-rationale"
            hideWhenEmptyReadOnly
          />
        </SuggestableField>
      )}
    </div>
  )
}
