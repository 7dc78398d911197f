/** A message pinned to the bottom of the window with optional actions (e.g. "Undo restore"); closes itself after a while unless told not to. */
import { type ReactNode, useEffect } from 'react'

interface ToastProps {
  children: ReactNode
  actions?: ReactNode
  onClose: () => void
  /** Milliseconds before it closes by itself; null keeps it until closed. */
  timeout?: number | null
  tone?: 'success' | 'info' | 'error'
  testId?: string
}

export function Toast({
  children,
  actions,
  onClose,
  timeout = 8000,
  tone = 'success',
  testId = 'toast',
}: ToastProps) {
  useEffect(() => {
    if (timeout === null) return
    const timer = setTimeout(onClose, timeout)
    return () => clearTimeout(timer)
  }, [timeout, onClose])
  return (
    <div className={`toast toast--${tone}`} role="status" data-testid={testId}>
      <div className="toast__body">{children}</div>
      {actions && <div className="toast__actions">{actions}</div>}
      <button type="button" className="toast__close" aria-label="Dismiss" onClick={onClose}>
        ×
      </button>
    </div>
  )
}
