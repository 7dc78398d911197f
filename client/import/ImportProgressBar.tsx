/** The import's current step and percent, with a Cancel button. */
import type { ImportProgress } from './importDocument'

export function ImportProgressBar({
  progress,
  onCancel,
}: {
  progress: ImportProgress
  onCancel: () => void
}) {
  return (
    <div className="import-progress" data-testid="import-progress">
      <progress
        className="import-progress__bar"
        max={100}
        value={progress.percent}
        aria-label="Import progress"
        data-percent={progress.percent}
      />
      <span className="import-progress__step" role="status">
        {progress.step} {progress.percent}%
      </span>
      <button type="button" className="button button--ghost" data-testid="import-cancel" onClick={onCancel}>
        Cancel
      </button>
    </div>
  )
}
