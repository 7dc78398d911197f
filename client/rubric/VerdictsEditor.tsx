/** The verdicts a rater chooses from per step (step-verdict criteria): a shared list, add and remove. */
import { useState } from 'react'
import { addVerdict, removeVerdict } from '../../shared/ydoc/criterionSettingsDoc'
import { writeLocal } from '../sync/localOrigin'
import { InlineAdd } from '../ui/InlineAdd'
import { useDraftData } from './draftContext'

export function VerdictsEditor({ criterionId, verdicts }: { criterionId: string; verdicts: string[] }) {
  const { doc, editable } = useDraftData()
  const [draft, setDraft] = useState('')
  const add = () => {
    if (writeLocal(doc, () => addVerdict(doc, criterionId, draft))) setDraft('')
  }
  return (
    <fieldset className="labels" data-testid="verdicts">
      <legend className="field-label">Verdicts per step</legend>
      {verdicts.length === 0 && <p className="muted small">No verdicts yet.</p>}
      <ul className="chips">
        {verdicts.map((verdict) => (
          <li key={verdict} className="chip">
            {verdict}
            {editable && (
              <button
                type="button"
                className="chip__remove"
                aria-label={`Remove verdict ${verdict}`}
                onClick={() => writeLocal(doc, () => removeVerdict(doc, criterionId, verdict))}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <InlineAdd
          label="New verdict"
          value={draft}
          onChange={setDraft}
          onAdd={add}
          maxLength={40}
          testId="verdict-new"
        />
      )}
    </fieldset>
  )
}
