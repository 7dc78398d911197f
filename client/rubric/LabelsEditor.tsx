/**
 * The labels of a label, multiLabel or span criterion, each with a description and (label criteria only)
 * whether choosing it counts as a pass.
 */
import { useState } from 'react'
import {
  addLabel,
  labelDescription,
  labelEntries,
  removeLabel,
  setLabelField,
} from '../../shared/ydoc/rubricDoc'
import { writeLocal } from '../sync/localOrigin'
import { InlineAdd } from '../ui/InlineAdd'
import { useDraftData } from './draftContext'
import { YTextInput } from './YTextInput'

export function LabelsEditor({ criterionId, passing = true }: { criterionId: string; passing?: boolean }) {
  const { doc, editable } = useDraftData()
  const labels = labelEntries(doc, criterionId)
  const [draft, setDraft] = useState('')
  const add = () => {
    const value = draft.trim()
    if (!value || labels.some((l) => l.value === value)) return
    writeLocal(doc, () => addLabel(doc, criterionId, { value, description: '' }))
    setDraft('')
  }
  return (
    <fieldset className="labels" data-testid="labels">
      <legend className="field-label">Labels</legend>
      {labels.length === 0 && <p className="muted small">No labels yet.</p>}
      <ul className="labels__list">
        {labels.map((label) => (
          <li key={label.id} className="labels__item">
            <input
              className="text-input labels__value"
              aria-label="Label"
              value={label.value}
              readOnly={!editable}
              onChange={(event) =>
                writeLocal(doc, () => setLabelField(doc, criterionId, label.id, 'value', event.target.value))
              }
            />
            {passing && (
              <label className="check">
                <input
                  type="checkbox"
                  checked={label.passing}
                  disabled={!editable}
                  onChange={(event) =>
                    writeLocal(doc, () =>
                      setLabelField(doc, criterionId, label.id, 'passing', event.target.checked),
                    )
                  }
                />
                Passing
              </label>
            )}
            {editable && (
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove label ${label.value}`}
                onClick={() => writeLocal(doc, () => removeLabel(doc, criterionId, label.id))}
              >
                ×
              </button>
            )}
            <YTextInput
              text={labelDescription(doc, criterionId, label.id)}
              label={`Description of ${label.value}`}
              placeholder="When to choose this label"
              editable={editable}
              className="labels__description"
            />
          </li>
        ))}
      </ul>
      {editable && <InlineAdd label="New label" value={draft} onChange={setDraft} onAdd={add} />}
    </fieldset>
  )
}
