/**
 * Gold for a multiLabel criterion: one or more accepted label sets (an empty set means "none apply"), each a
 * row of checkboxes; "Add another accepted set" for answers that are also right. Other accepted values
 * (N/A) are kept as they are.
 */
import { isLabelSet } from '../../shared/rubric/valueShapes'
import type { GoldValue, LabelSetValue } from '../../shared/schema/rubric'

interface LabelSetGoldProps {
  labels: string[]
  accepted: GoldValue[]
  editable: boolean
  write: (next: GoldValue[]) => void
}

export function LabelSetGold({ labels, accepted, editable, write }: LabelSetGoldProps) {
  const sets = accepted.filter(isLabelSet)
  const others = accepted.filter((value) => !isLabelSet(value))
  // Without gold, one empty row to tick into (not stored until something is chosen).
  const shown: LabelSetValue[] = sets.length > 0 ? sets : [{ labels: [] }]
  const writeSets = (next: LabelSetValue[]) => write([...next, ...others])
  const toggle = (index: number, label: string, on: boolean) =>
    writeSets(
      shown.map((set, i) =>
        i !== index ? set : { labels: labels.filter((l) => (l === label ? on : set.labels.includes(l))) },
      ),
    )
  if (labels.length === 0) return <p className="muted small">Add labels to the criterion first.</p>
  return (
    <div className="label-sets" data-testid="gold-label-sets">
      {shown.map((set, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: sets have no identity beyond their position
        <fieldset key={index} className="label-set" disabled={!editable}>
          <legend className="label-set__legend">
            {shown.length > 1 ? `Accepted set ${index + 1}` : 'Gold labels'}
            {sets.length > 0 && set.labels.length === 0 && <span className="muted"> — none apply</span>}
          </legend>
          {labels.map((label) => (
            <label key={label} className="check">
              <input
                type="checkbox"
                checked={set.labels.includes(label)}
                data-testid="gold-label"
                onChange={(event) => toggle(index, label, event.target.checked)}
              />
              {label}
            </label>
          ))}
          {editable && sets.length > 1 && (
            <button
              type="button"
              className="link-button"
              onClick={() => writeSets(sets.filter((_, i) => i !== index))}
            >
              Remove this set
            </button>
          )}
        </fieldset>
      ))}
      {editable && (
        <div className="item-add">
          {sets.length === 0 && (
            <button
              type="button"
              className="button button--ghost button--small"
              data-testid="gold-none-apply"
              onClick={() => writeSets([{ labels: [] }])}
            >
              None apply
            </button>
          )}
          {sets.length > 0 && (
            <button
              type="button"
              className="button button--ghost button--small"
              data-testid="gold-add-set"
              onClick={() => writeSets([...sets, { labels: [] }])}
            >
              + Add another accepted set
            </button>
          )}
        </div>
      )}
    </div>
  )
}
