/**
 * The save-status pill: connecting, offline, saving, or "All changes saved" once the server confirmed it.
 * A connection the server refused for good reads as offline ("Not connected"): edits stay on this device.
 * Reviewers never write the draft (their typing becomes suggestions), so once connected their pill says
 * "Suggesting only" instead.
 */
import type { SaveStatus } from '../sync/saveTracker'

type PillStatus = SaveStatus | 'view-only'

const LABELS: Record<PillStatus, string> = {
  connecting: 'Connecting…',
  offline: 'Offline',
  saving: 'Saving…',
  saved: 'All changes saved',
  notSaved: 'Not saved — retrying',
  'view-only': 'Suggesting only',
}

const HINTS: Record<PillStatus, string> = {
  connecting: 'Connecting to the server',
  offline: 'Your changes are kept on this device and sync when you are back online',
  saving: 'Waiting for the server to confirm your latest changes',
  saved: 'Every change you made is stored on the server',
  notSaved:
    'The server could not store your latest changes. It keeps retrying; they stay on this device meanwhile',
  'view-only':
    'You see this draft live but cannot edit it: what you type becomes a suggestion that a lead accepts or rejects',
}

interface SaveStatusPillProps {
  status: SaveStatus
  refused: boolean
  readOnly: boolean
}

export function SaveStatusPill({ status: liveStatus, refused, readOnly }: SaveStatusPillProps) {
  let status: PillStatus = refused ? 'offline' : liveStatus
  if (readOnly && (status === 'saved' || status === 'saving' || status === 'notSaved')) status = 'view-only'
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
