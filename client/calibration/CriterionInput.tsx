/**
 * One question slot as the annotator answers it (a criterion, or a criterion for response A or B): yes/no,
 * met/not met (with its points), Likert levels with their descriptors, A/B/tie with strength, a label, a set
 * of labels, marked spans or step verdicts; "N/A" where the criterion allows it; plus the rationale field.
 */
import type { QuestionSlot } from '../../shared/rubric/taskTypes'
import { slotTitle } from '../../shared/rubric/taskTypes'
import { isLabelSet, isNotApplicable, isPairwiseValue } from '../../shared/rubric/valueShapes'
import type { CriterionAnswer } from '../../shared/schema/calibration'
import {
  type Criterion,
  type ExampleContent,
  type GoldValue,
  PAIRWISE_STRENGTHS,
} from '../../shared/schema/rubric'
import { MISSING_TEXT, missingPart, STRENGTH_LABELS } from './answerState'
import { toggleLabel } from './answerValues'
import { SpanAnswerPanel } from './SpanAnswerPanel'
import { StepVerdictPanel } from './StepVerdictPanel'

interface Props {
  slot: QuestionSlot
  content: ExampleContent
  answer: CriterionAnswer | undefined
  onChange: (answer: CriterionAnswer) => void
  /** Span slots: the label new spans get and whether the texts currently mark for this slot. */
  marking?: { active: boolean; label: string; onPick: (label: string) => void }
}

export function Choice({
  selected,
  onSelect,
  children,
  title,
  testId,
}: {
  selected: boolean
  onSelect: () => void
  children: React.ReactNode
  title?: string
  testId?: string
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a segmented choice of buttons, announced as a radio group
    <button
      type="button"
      role="radio"
      aria-checked={selected}
      className={`choice${selected ? ' choice--selected' : ''}`}
      onClick={onSelect}
      title={title}
      data-testid={testId}
    >
      {children}
    </button>
  )
}

function ValueInput({
  criterion,
  value,
  set,
}: {
  criterion: Criterion
  value: GoldValue | null
  set: (v: GoldValue | null) => void
}) {
  switch (criterion.kind) {
    case 'multiLabel': {
      const chosen = isLabelSet(value) ? value.labels : null
      const order = criterion.labels.map((l) => l.value)
      return (
        <fieldset className="checks">
          <legend className="visually-hidden">{criterion.title}</legend>
          {criterion.labels.map((label) => (
            <label key={label.value} className="check" title={label.description || undefined}>
              <input
                type="checkbox"
                data-testid="label-check"
                value={label.value}
                checked={chosen?.includes(label.value) ?? false}
                onChange={(e) => set(toggleLabel(value, label.value, e.target.checked, order))}
              />
              <span>
                {label.value}
                {label.description && <span className="check__sub">{label.description}</span>}
              </span>
            </label>
          ))}
          <label className="check check--none">
            <input
              type="checkbox"
              data-testid="label-none"
              checked={chosen !== null && chosen.length === 0}
              onChange={(e) => set(e.target.checked ? { labels: [] } : null)}
            />
            <span>None of these</span>
          </label>
        </fieldset>
      )
    }
    case 'span':
    case 'stepVerdict':
      return null
    case 'binary':
    case 'points': {
      const [yes, no] = criterion.kind === 'binary' ? ['Yes', 'No'] : ['Met', 'Not met']
      return (
        <div className="choices" role="radiogroup" aria-label={criterion.title}>
          <Choice selected={value === true} onSelect={() => set(true)} testId="choice-true">
            {yes}
            {criterion.kind === 'points' && (
              <span className="choice__sub">
                {criterion.points > 0 ? '+' : ''}
                {criterion.points} pts
              </span>
            )}
          </Choice>
          <Choice selected={value === false} onSelect={() => set(false)} testId="choice-false">
            {no}
          </Choice>
        </div>
      )
    }
    case 'ordinal': {
      const chosen = criterion.levels.find((l) => l.value === value)
      return (
        <>
          <div className="choices choices--levels" role="radiogroup" aria-label={criterion.title}>
            {criterion.levels.map((level) => (
              <Choice
                key={level.value}
                selected={value === level.value}
                onSelect={() => set(level.value)}
                title={level.descriptor}
                testId={`choice-${level.value}`}
              >
                <span className="choice__value">{level.value}</span>
                {level.label && <span className="choice__sub">{level.label}</span>}
              </Choice>
            ))}
          </div>
          <p className="answer-criterion__descriptor" data-testid="level-descriptor">
            {chosen
              ? chosen.descriptor || chosen.label
              : 'Hover a level to read its descriptor; pick the one that fits best.'}
          </p>
        </>
      )
    }
    case 'label': {
      const chosen = criterion.labels.find((l) => l.value === value)
      return (
        <>
          <select
            className="select"
            aria-label={criterion.title}
            data-testid="label-select"
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => e.target.value && set(e.target.value)}
          >
            <option value="">Choose a label…</option>
            {criterion.labels.map((label) => (
              <option key={label.value} value={label.value}>
                {label.value}
              </option>
            ))}
          </select>
          {chosen?.description && <p className="answer-criterion__descriptor">{chosen.description}</p>}
        </>
      )
    }
    case 'pairwise': {
      const current = isPairwiseValue(value) ? value : null
      const sides = criterion.allowTie ? (['A', 'tie', 'B'] as const) : (['A', 'B'] as const)
      return (
        <>
          <div
            className="choices"
            role="radiogroup"
            aria-label={`${criterion.title}: which response is better`}
          >
            {sides.map((side) => (
              <Choice
                key={side}
                selected={current?.choice === side}
                onSelect={() =>
                  set(
                    side === 'tie'
                      ? { choice: 'tie' }
                      : {
                          choice: side,
                          ...(current?.strength && current.choice !== 'tie'
                            ? { strength: current.strength }
                            : {}),
                        },
                  )
                }
                testId={`choice-${side}`}
              >
                {side === 'tie' ? 'Tie' : `${side} is better`}
              </Choice>
            ))}
          </div>
          {current && current.choice !== 'tie' && (
            <div className="choices choices--strength" role="radiogroup" aria-label="By how much">
              {PAIRWISE_STRENGTHS.map((strength) => (
                <Choice
                  key={strength}
                  selected={current.strength === strength}
                  onSelect={() => set({ choice: current.choice, strength })}
                  testId={`strength-${strength}`}
                >
                  {STRENGTH_LABELS[strength]}
                </Choice>
              ))}
            </div>
          )}
        </>
      )
    }
  }
}

export function CriterionInput({ slot, content, answer, onChange, marking }: Props) {
  const { criterion } = slot
  const value = answer?.value ?? null
  const missing = missingPart(criterion, answer)
  const na = isNotApplicable(value)
  const title = slotTitle(slot, content)
  const set = (v: GoldValue | null) =>
    onChange({ value: v, ...(answer?.rationale !== undefined ? { rationale: answer.rationale } : {}) })
  return (
    <fieldset
      className="answer-criterion"
      data-testid="answer-criterion"
      data-criterion-id={criterion.id}
      data-slot-key={slot.key}
      data-kind={criterion.kind}
      data-complete={missing === null}
    >
      <legend className="answer-criterion__title">
        {title}
        {missing === null ? (
          <span className="answer-criterion__done" title="Answered">
            ✓<span className="visually-hidden"> answered</span>
          </span>
        ) : null}
      </legend>
      {criterion.description && <p className="answer-criterion__description">{criterion.description}</p>}
      {criterion.kind === 'span' ? (
        <SpanAnswerPanel
          criterion={criterion}
          content={content}
          value={na ? null : value}
          set={set}
          marking={marking}
        />
      ) : criterion.kind === 'stepVerdict' ? (
        <StepVerdictPanel criterion={criterion} content={content} value={na ? null : value} set={set} />
      ) : (
        <ValueInput criterion={criterion} value={na ? null : value} set={set} />
      )}
      {criterion.allowNA && (
        <div className="choices choices--na" role="radiogroup" aria-label={`${title}: not applicable`}>
          <Choice selected={na} onSelect={() => set(na ? null : { na: true })} testId="choice-na">
            N/A — does not apply
          </Choice>
        </div>
      )}
      <label className="answer-criterion__rationale">
        <span className="field-label">
          Rationale{' '}
          {criterion.rationaleRequired ? (
            <strong>(required)</strong>
          ) : (
            <span className="muted">(optional)</span>
          )}
        </span>
        <textarea
          className="text-input"
          rows={2}
          data-testid="rationale"
          value={answer?.rationale ?? ''}
          placeholder={
            criterion.rationaleRequired ? 'Why this answer? Point to the guideline.' : 'Anything worth noting'
          }
          onChange={(e) => onChange({ value, rationale: e.target.value })}
        />
      </label>
      {missing === 'strength' && <p className="answer-criterion__missing">{MISSING_TEXT.strength}</p>}
    </fieldset>
  )
}
