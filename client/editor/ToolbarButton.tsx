/**
 * One toolbar button: keeps the editor's selection on press, reports its on/off state to assistive tech, and
 * shows its keyboard shortcut in the tooltip and `aria-keyshortcuts`.
 */
import type { ReactNode } from 'react'
import { ariaKeyShortcut, shortcutLabel } from './shortcuts'

export { shortcutLabel }

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
      aria-keyshortcuts={shortcut ? ariaKeyShortcut(shortcut) : undefined}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  )
}
