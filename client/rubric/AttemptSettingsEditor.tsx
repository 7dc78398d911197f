/**
 * The rubric's calibration settings, co-edited in the draft and published with the version: how many items
 * an attempt draws (blank: all), the minimum per guideline section, whether the runner shows each item's
 * section — and, live, what that means for the current pool.
 */
import { describePool } from '../../shared/rubric/calibrationPool'
import type { AttemptSettings } from '../../shared/schema/rubric'
import { setAttemptSettings } from '../../shared/ydoc/rubricDoc'
import { writeLocal } from '../sync/localOrigin'
import { useLivePool } from '../versions/useLivePool'
import { useDraftData } from './draftContext'

const DEFAULTS: AttemptSettings = { itemsPerAttempt: null, minPerSection: 0, showSectionHint: false }

export function AttemptSettingsEditor() {
  const { doc, editable, rubric } = useDraftData()
  const settings = rubric.attempt ?? DEFAULTS
  const pool = useLivePool(doc)
  const set = (patch: Partial<AttemptSettings>) => writeLocal(doc, () => setAttemptSettings(doc, patch))
  return (
    <fieldset className="attempt-settings" data-testid="attempt-settings">
      <legend className="section-title">Calibration attempts</legend>
      <label className="mini-field mini-field--inline">
        <span>Items per attempt</span>
        <input
          type="number"
          className="text-input"
          min={1}
          max={1000}
          placeholder="all"
          value={settings.itemsPerAttempt ?? ''}
          readOnly={!editable}
          data-testid="attempt-items"
          onChange={(event) => {
            const raw = event.target.value
            const value = Number(raw)
            if (raw === '') set({ itemsPerAttempt: null })
            else if (Number.isInteger(value) && value >= 1 && value <= 1000) set({ itemsPerAttempt: value })
          }}
        />
      </label>
      <label className="mini-field mini-field--inline">
        <span>At least per section</span>
        <input
          type="number"
          className="text-input"
          min={0}
          max={100}
          value={settings.minPerSection}
          readOnly={!editable}
          data-testid="attempt-min-per-section"
          onChange={(event) => {
            const value = Number(event.target.value)
            if (Number.isInteger(value) && value >= 0 && value <= 100) set({ minPerSection: value })
          }}
        />
      </label>
      <label className="mini-field mini-field--inline">
        <input
          type="checkbox"
          checked={settings.showSectionHint}
          disabled={!editable}
          data-testid="attempt-section-hint"
          onChange={(event) => set({ showSectionHint: event.target.checked })}
        />
        <span>Show each item's guideline section during the attempt</span>
      </label>
      {pool && (
        <p className="muted attempt-settings__pool" data-testid="attempt-settings-pool">
          {describePool(pool)} Items are drawn round-robin across sections and difficulties, unseen ones
          first.
        </p>
      )}
    </fieldset>
  )
}
