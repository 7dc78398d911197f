/** One toolbar button: keeps the editor's selection on press and reports its on/off state to assistive tech. */
import type { ReactNode } from 'react'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** Renders `Mod-Shift-z` style shortcuts for the current platform. */
export function shortcutLabel(shortcut: string): string {
  return shortcut
    .replace('Mod', isMac ? '⌘' : 'Ctrl')
    .replace('Alt', isMac ? '⌥' : 'Alt')
    .replace('Shift', isMac ? '⇧' : 'Shift')
    .replaceAll('-', isMac ? '' : '+')
}

interface ToolbarButtonProps {
  label: string
  testId: string
  onClick: () => void
  children: ReactNode
  shortcut?: string
  active?: boolean
  disabled?: boolean
  toggle?: boolean
}

export function ToolbarButton(props: ToolbarButtonProps) {
  const {
    label,
    testId,
    onClick,
    children,
    shortcut,
    active = false,
    disabled = false,
    toggle = true,
  } = props
  const title = shortcut ? `${label} (${shortcutLabel(shortcut)})` : label
  return (
    <button
      type="button"
      className={`toolbar__button${active ? ' is-active' : ''}`}
      data-testid={testId}
      aria-label={label}
      aria-pressed={toggle ? active : undefined}
      title={title}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  )
}
