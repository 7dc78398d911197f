/**
 * Gold for the choice kinds (yes/no, met/not met, a level, a label, A/B/tie with strength) and N/A where the
 * criterion allows it: a click sets the gold value; Shift+click (or "Also accept" on) adds or removes further
 * accepted values.
 */
import { useState } from 'react'
import { STRENGTH_LABEL } from '../../shared/rubric/pairwiseStrength'
import { isNotApplicable, isPairwiseValue } from '../../shared/rubric/valueShapes'
import {
  type Criterion,
  type GoldValue,
  PAIRWISE_STRENGTHS,
  type PairwiseStrength,
  type PairwiseValue,
} from '../../shared/schema/rubric'

interface Option {
  value: GoldValue
  label: string
  title?: string
}

export const NA_OPTION: Option = { value: { na: true }, label: 'N/A', title: 'Not applicable' }

function optionsFor(criterion: Criterion): Option[] {
  switch (criterion.kind) {
    case 'binary':
      return [
        { value: true, label: 'Yes' },
        { value: false, label: 'No' },
      ]
    case 'points':
      return [
        { value: true, label: `Met (${criterion.points > 0 ? '+' : ''}${criterion.points})` },
        { value: false, label: 'Not met' },
      ]
    case 'ordinal':
      return criterion.levels.map((level) => ({
        value: level.value,
        label: String(level.value),
        title: [level.label, level.descriptor].filter(Boolean).join(' — '),
      }))
    case 'label':
      return criterion.labels.map((label) => ({
        value: label.value,
        label: label.value,
        title: label.description,
      }))
    case 'pairwise':
      return [
        { value: { choice: 'A' }, label: 'A better' },
        { value: { choice: 'B' }, label: 'B better' },
        ...(criterion.allowTie ? [{ value: { choice: 'tie' } as GoldValue, label: 'Tie' }] : []),
      ]
    default:
      return []
  }
}

/** Pairwise values compare by side only (the strength is chosen separately); N/A equals N/A. */
export function sameValue(a: GoldValue, b: GoldValue): boolean {
  if (isNotApplicable(a) || isNotApplicable(b)) return isNotApplicable(a) && isNotApplicable(b)
  if (isPairwiseValue(a) || isPairwiseValue(b))
    return isPairwiseValue(a) && isPairwiseValue(b) && a.choice === b.choice
  return a === b
}

interface ChoiceGoldProps {
  criterion: Criterion
  name: string
  accepted: GoldValue[]
  /** The accepted values in the document at this moment (a click acts on them, not on the last render). */
  current: () => GoldValue[]
  editable: boolean
  write: (next: GoldValue[]) => void
  hasGold: boolean
}

export function ChoiceGold({
  criterion,
  name,
  accepted,
  current,
  editable,
  write,
  hasGold,
}: ChoiceGoldProps) {
  const [alsoAccept, setAlsoAccept] = useState(false)
  const options = [...optionsFor(criterion), ...(criterion.allowNA ? [NA_OPTION] : [])]
  const choose = (option: Option, multi: boolean) => {
    const now = current()
    const selected = now.some((value) => sameValue(value, option.value))
    if (multi || alsoAccept)
      write(selected ? now.filter((value) => !sameValue(value, option.value)) : [...now, option.value])
    else if (!(selected && now.length === 1)) write([option.value])
  }
  const setStrength = (choice: 'A' | 'B', strength: PairwiseStrength | '') =>
    write(
      accepted.map((value) =>
        isPairwiseValue(value) && value.choice === choice
          ? strength
            ? { choice, strength }
            : { choice }
          : value,
      ),
    )
  const sides = accepted.filter(
    (v): v is PairwiseValue & { choice: 'A' | 'B' } => isPairwiseValue(v) && v.choice !== 'tie',
  )
  return (
    <>
      <fieldset className="gold__options" disabled={!editable} aria-label={`Gold for ${name}`}>
        {options.map((option) => {
          const selected = accepted.some((value) => sameValue(value, option.value))
          return (
            <button
              key={option.label}
              type="button"
              className={`gold__option${selected ? ' is-selected' : ''}`}
              aria-pressed={selected}
              title={
                option.title ? `${option.title}\nShift+click to also accept` : 'Shift+click to also accept'
              }
              data-testid="gold-option"
              onClick={(event) => choose(option, event.shiftKey)}
            >
              {option.label}
            </button>
          )
        })}
        {optionsFor(criterion).length === 0 && (
          <span className="muted small">
            Add {criterion.kind === 'label' ? 'labels' : 'levels'} to the criterion first.
          </span>
        )}
        {editable && (
          <label className="check gold__also" title="Clicks add further accepted values instead of replacing">
            <input
              type="checkbox"
              checked={alsoAccept}
              onChange={(event) => setAlsoAccept(event.target.checked)}
            />
            Also accept
          </label>
        )}
        {editable && hasGold && (
          <button
            type="button"
            className="link-button gold__clear"
            onClick={() => write([])}
            data-testid="gold-clear"
          >
            Clear
          </button>
        )}
      </fieldset>
      {criterion.kind === 'pairwise' &&
        sides.map((side) => (
          <label key={side.choice} className="mini-field mini-field--inline gold__strength">
            <span>{side.choice} is</span>
            <select
              className="text-input"
              value={side.strength ?? ''}
              disabled={!editable}
              data-testid="gold-strength"
              onChange={(event) => setStrength(side.choice, event.target.value as PairwiseStrength | '')}
            >
              <option value="">{criterion.strengthRequired ? 'choose strength…' : 'any strength'}</option>
              {PAIRWISE_STRENGTHS.map((strength) => (
                <option key={strength} value={strength}>
                  {STRENGTH_LABEL[strength]}
                </option>
              ))}
            </select>
          </label>
        ))}
    </>
  )
}
