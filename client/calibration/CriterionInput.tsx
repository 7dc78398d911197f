/**
 * One criterion of the rubric as the annotator answers it: yes/no, met/not met (with its points), Likert
 * levels with their labels and descriptors, A/B/tie with strength, or a label; plus the rationale field.
 */

import type { CriterionAnswer } from '../../shared/schema/calibration'
import { type Criterion, type GoldValue, PAIRWISE_STRENGTHS } from '../../shared/schema/rubric'
import { MISSING_TEXT, missingPart, STRENGTH_LABELS } from './answerState'

interface Props {
  criterion: Criterion
  answer: CriterionAnswer | undefined
  onChange: (answer: CriterionAnswer) => void
}

function Choice({
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
  set: (v: GoldValue) => void
}) {
  switch (criterion.kind) {
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
      const current = value && typeof value === 'object' ? value : null
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

export function CriterionInput({ criterion, answer, onChange }: Props) {
  const value = answer?.value ?? null
  const missing = missingPart(criterion, answer)
  return (
    <fieldset
      className="answer-criterion"
      data-testid="answer-criterion"
      data-criterion-id={criterion.id}
      data-complete={missing === null}
    >
      <legend className="answer-criterion__title">
        {criterion.title}
        {missing === null ? (
          <span className="answer-criterion__done" title="Answered">
            ✓<span className="visually-hidden"> answered</span>
          </span>
        ) : null}
      </legend>
      {criterion.description && <p className="answer-criterion__description">{criterion.description}</p>}
      <ValueInput
        criterion={criterion}
        value={value}
        set={(v) =>
          onChange({ value: v, ...(answer?.rationale !== undefined ? { rationale: answer.rationale } : {}) })
        }
      />
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
