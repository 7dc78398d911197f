/** The verdicts a rater chooses from per step (step-verdict criteria): a shared list, add and remove. */
import { useState } from 'react'
import { addVerdict, removeVerdict } from '../../shared/ydoc/criterionSettingsDoc'
import { writeLocal } from '../sync/localOrigin'
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
        <div className="inline-add">
          <input
            className="text-input"
            aria-label="New verdict"
            placeholder="New verdict"
            maxLength={40}
            value={draft}
            data-testid="verdict-new"
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault()
                add()
              }
            }}
          />
          <button type="button" className="button button--secondary button--small" onClick={add}>
            Add
          </button>
        </div>
      )}
    </fieldset>
  )
}
