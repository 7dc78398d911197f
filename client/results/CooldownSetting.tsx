/** The retake cool-down: how long an annotator who failed waits before the next attempt. */
import { useState } from 'react'
import { saveSettings } from '../api/calibration'
import { errorMessage } from '../api/http'

export function CooldownSetting({
  projectId,
  minutes,
  onSaved,
}: {
  projectId: string
  minutes: number
  onSaved: () => void
}) {
  const [value, setValue] = useState(String(minutes))
  const [message, setMessage] = useState<string | null>(null)
  const save = async () => {
    setMessage(null)
    try {
      await saveSettings(projectId, Number(value))
      setMessage('Saved.')
      onSaved()
    } catch (e) {
      setMessage(errorMessage(e))
    }
  }
  const valid = /^\d+$/.test(value)
  return (
    <div className="cooldown">
      <label>
        <span className="field-label">Retake cool-down after a failed attempt (minutes)</span>
        <input
          className="text-input cooldown__input"
          type="number"
          min={0}
          data-testid="cooldown-input"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <button
        type="button"
        className="button button--secondary"
        data-testid="cooldown-save"
        disabled={!valid || Number(value) === minutes}
        onClick={save}
      >
        Save
      </button>
      {message && (
        <span className="muted" role="status">
          {message}
        </span>
      )}
    </div>
  )
}
