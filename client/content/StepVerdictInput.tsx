/**
 * A verdict select for one reasoning or trajectory step (shown beside the step), from the criterion's
 * verdicts; choosing the empty option clears the step's verdict.
 */
export function StepVerdictInput({
  label,
  stepNumber,
  verdicts,
  value,
  onChange,
}: {
  /** What is judged, e.g. the criterion's title. */
  label: string
  stepNumber: number
  verdicts: readonly string[]
  value: string | undefined
  onChange: (verdict: string) => void
}) {
  return (
    <label className="step-verdict">
      <span>{label}</span>
      <select
        className="select"
        data-testid="step-verdict"
        aria-label={`${label}, step ${stepNumber}`}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">Verdict…</option>
        {verdicts.map((verdict) => (
          <option key={verdict} value={verdict}>
            {verdict}
          </option>
        ))}
      </select>
    </label>
  )
}
