/**
 * The gold answer for one criterion of one example, with the control that fits the criterion's kind: yes/no,
 * met/not met, one button per level, A/B/tie with strength, or one button per label. A click sets the gold
 * value; Shift+click (or "Also accept" on) adds or removes further accepted values.
 */
import { useState } from 'react'
import { describeValue, goldFits } from '../../shared/rubric/goldFits'
import { STRENGTH_LABEL } from '../../shared/rubric/pairwiseStrength'
import {
  type Criterion,
  type GoldEntry,
  type GoldValue,
  PAIRWISE_STRENGTHS,
  type PairwiseStrength,
} from '../../shared/schema/rubric'
import { clearGold, goldRationale, setGold } from '../../shared/ydoc/examplesDoc'
import { useDraftData } from '../rubric/draftContext'
import { YTextInput } from '../rubric/YTextInput'
import { writeLocal } from '../sync/localOrigin'

interface Option {
  value: GoldValue
  label: string
  title?: string
}

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
  }
}

/** Pairwise values compare by side only (the strength is chosen separately). */
const sameValue = (a: GoldValue, b: GoldValue) =>
  typeof a === 'object' && typeof b === 'object' && a !== null && b !== null ? a.choice === b.choice : a === b

interface GoldWidgetProps {
  exampleId: string
  criterion: Criterion
  gold: GoldEntry | undefined
}

export function GoldWidget({ exampleId, criterion, gold }: GoldWidgetProps) {
  const { doc, editable } = useDraftData()
  const [alsoAccept, setAlsoAccept] = useState(false)
  const accepted = gold?.accepted ?? []
  const invalid = accepted.filter((value) => !goldFits(criterion, value))
  const write = (next: GoldValue[]) =>
    writeLocal(doc, () =>
      next.length ? setGold(doc, exampleId, criterion.id, next) : clearGold(doc, exampleId, criterion.id),
    )

  const choose = (option: Option, multi: boolean) => {
    const selected = accepted.some((value) => sameValue(value, option.value))
    if (multi || alsoAccept) {
      write(
        selected ? accepted.filter((value) => !sameValue(value, option.value)) : [...accepted, option.value],
      )
    } else if (!(selected && accepted.length === 1)) {
      write([option.value])
    }
  }
  const setStrength = (choice: 'A' | 'B', strength: PairwiseStrength | '') =>
    write(
      accepted.map((value) =>
        typeof value === 'object' && value !== null && value.choice === choice
          ? strength
            ? { choice, strength }
            : { choice }
          : value,
      ),
    )

  const name = criterion.title.trim() || 'Untitled criterion'
  const sides = accepted.filter(
    (v): v is { choice: 'A' | 'B'; strength?: PairwiseStrength } =>
      typeof v === 'object' && v !== null && v.choice !== 'tie',
  )
  return (
    <div
      className={`gold${gold ? '' : ' is-missing'}${invalid.length ? ' is-invalid' : ''}`}
      data-testid="gold"
      data-gold-criterion={criterion.id}
    >
      <div className="gold__head">
        <span className="gold__name">{name}</span>
        {!gold && <span className="gold__missing">gold missing</span>}
        {gold && (
          <span className="gold__summary" data-testid="gold-summary">
            {accepted.map((value) => describeValue(criterion, value)).join(' or ')}
          </span>
        )}
      </div>
      <fieldset className="gold__options" disabled={!editable} aria-label={`Gold for ${name}`}>
        {optionsFor(criterion).map((option) => {
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
        {editable && gold && (
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
      {invalid.length > 0 && (
        <p className="gold__error">
          Not a valid answer any more: {invalid.map((v) => describeValue(criterion, v)).join(', ')}
        </p>
      )}
      {gold && (
        <YTextInput
          text={goldRationale(doc, exampleId, criterion.id)}
          label={`Why, for ${name}`}
          placeholder="Why this is the gold answer (optional)"
          editable={editable}
          className="gold__rationale"
          testId="gold-rationale"
          hideWhenEmptyReadOnly
        />
      )}
    </div>
  )
}
