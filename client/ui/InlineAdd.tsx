/** A one-line "new item" input with an Add button; Enter adds too (labels, verdicts). */
interface InlineAddProps {
  /** The input's accessible name and placeholder ("New label"). */
  label: string
  value: string
  onChange: (value: string) => void
  onAdd: () => void
  maxLength?: number
  testId?: string
}

export function InlineAdd({ label, value, onChange, onAdd, maxLength, testId }: InlineAddProps) {
  return (
    <div className="inline-add">
      <input
        className="text-input"
        aria-label={label}
        placeholder={label}
        maxLength={maxLength}
        value={value}
        data-testid={testId}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault()
            onAdd()
          }
        }}
      />
      <button type="button" className="button button--secondary button--small" onClick={onAdd}>
        Add
      </button>
    </div>
  )
}
