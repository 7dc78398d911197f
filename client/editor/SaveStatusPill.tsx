/**
 * The save-status pill: connecting, offline, saving, or "All changes saved" once the server confirmed it.
 * A connection the server refused for good reads as offline ("Not connected"): edits stay on this device.
 */
import type { SaveStatus } from '../sync/saveTracker'

const LABELS: Record<SaveStatus, string> = {
  connecting: 'Connecting…',
  offline: 'Offline',
  saving: 'Saving…',
  saved: 'All changes saved',
}

const HINTS: Record<SaveStatus, string> = {
  connecting: 'Connecting to the server',
  offline: 'Your changes are kept on this device and sync when you are back online',
  saving: 'Waiting for the server to confirm your latest changes',
  saved: 'Every change you made is stored on the server',
}

export function SaveStatusPill({ status: liveStatus, refused }: { status: SaveStatus; refused: boolean }) {
  const status: SaveStatus = refused ? 'offline' : liveStatus
  return (
    <span
      className={`status-pill status-pill--${status}`}
      data-testid="save-status"
      data-status={status}
      title={HINTS[status]}
      role="status"
      aria-live="polite"
    >
      <span className="status-pill__dot" aria-hidden="true" />
      {refused ? 'Not connected' : LABELS[status]}
    </span>
  )
}
