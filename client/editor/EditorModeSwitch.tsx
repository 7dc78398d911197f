/**
 * The Editing / Suggesting switch of the guideline editor (owners and leads), and the "Suggesting" bar shown
 * instead of the formatting toolbar while suggesting — for reviewers always — with the latest notice about an
 * edit that could not be suggested.
 */
import type { SuggestingUi } from '../suggestions/suggestingContext'
import type { EditorMode } from '../suggestions/suggestingMode'
import { ariaKeyShortcut, SHORTCUTS, shortcutLabel } from './shortcuts'
import '../styles/suggestingMode.css'

const MODES: { mode: EditorMode; label: string; shortcut: string; testId: string }[] = [
  { mode: 'editing', label: 'Editing', shortcut: SHORTCUTS.editing.keys, testId: 'mode-editing' },
  { mode: 'suggesting', label: 'Suggesting', shortcut: SHORTCUTS.suggesting.keys, testId: 'mode-suggesting' },
]

export function EditorModeSwitch({ ui }: { ui: SuggestingUi }) {
  return (
    <fieldset className="mode-switch" data-testid="mode-switch" aria-label="Editing mode">
      {MODES.map(({ mode, label, shortcut, testId }) => (
        <button
          key={mode}
          type="button"
          className={`mode-switch__button${ui.mode === mode ? ' is-active' : ''}`}
          data-testid={testId}
          aria-pressed={ui.mode === mode}
          title={`${label} (${shortcutLabel(shortcut)})`}
          aria-keyshortcuts={ariaKeyShortcut(shortcut)}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => ui.setMode(mode)}
        >
          {label}
        </button>
      ))}
    </fieldset>
  )
}

export function SuggestingBar({ ui }: { ui: SuggestingUi }) {
  return (
    <div className="suggesting-bar" data-testid="suggesting-bar" role="note">
      <span className="suggesting-bar__badge" data-testid="suggesting-badge">
        Suggesting
      </span>
      <span className="suggesting-bar__text">
        {ui.canEdit
          ? 'Your typing becomes suggestions; the draft does not change until one is accepted.'
          : 'Select text and type to suggest a change, or press Comment. A lead accepts or rejects it.'}
      </span>
      {ui.notice && (
        <span className="suggesting-bar__notice" role="status" data-testid="suggesting-notice">
          {ui.notice}
        </span>
      )}
    </div>
  )
}
