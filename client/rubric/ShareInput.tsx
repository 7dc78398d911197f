/** A number input for a share (0..1) shown as a percentage, for criterion thresholds. */
import '../styles/exampleEditor.css'

interface ShareInputProps {
  label: string
  value: number
  editable: boolean
  /** Smallest share allowed (e.g. 0.01 for an overlap). */
  min?: number
  title?: string
  testId?: string
  onChange: (share: number) => void
}

export function ShareInput({ label, value, editable, min = 0, title, testId, onChange }: ShareInputProps) {
  return (
    <label className="mini-field share-input" title={title}>
      <span>{label}</span>
      <input
        type="number"
        className="text-input"
        min={Math.round(min * 100)}
        max={100}
        step={5}
        value={Math.round(value * 100)}
        readOnly={!editable}
        data-testid={testId}
        onChange={(event) => {
          const percent = Number(event.target.value)
          if (event.target.value !== '' && Number.isFinite(percent))
            onChange(Math.max(min, Math.min(1, percent / 100)))
        }}
      />
    </label>
  )
}
