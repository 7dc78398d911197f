/** Whether the annotator's answers have reached the server: Saved, Saving…, or Offline (kept here, retrying). */
import type { SaveState } from './useAnswerSaver'

export function SaveIndicator({ state }: { state: SaveState }) {
  const text =
    state.status === 'saved'
      ? 'All answers saved'
      : state.status === 'saving' || state.status === 'unsaved'
        ? 'Saving…'
        : state.status === 'offline'
          ? 'Offline — answers kept on this device, retrying'
          : `Not saved: ${'message' in state ? state.message : ''} Retrying…`
  return (
    <span
      className={`save-indicator save-indicator--${state.status}`}
      data-testid="answers-save-status"
      data-status={state.status}
      role="status"
    >
      {text}
    </span>
  )
}
