/** A modal "are you sure?" built on <dialog>: Escape or Cancel closes it; the confirm button shows progress. */
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../api/http'

interface ConfirmDialogProps {
  title: string
  children: ReactNode
  confirmLabel: string
  onConfirm: () => Promise<void>
  onClose: () => void
}

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  const confirm = async () => {
    setPending(true)
    setError(null)
    try {
      await onConfirm()
      onClose()
    } catch (caught) {
      setError(errorMessage(caught))
      setPending(false)
    }
  }

  return (
    <dialog ref={ref} className="dialog" data-testid="confirm-dialog" aria-label={title} onClose={onClose}>
      <h2 className="dialog__title">{title}</h2>
      <div className="dialog__body">{children}</div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose} disabled={pending}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--danger"
          data-testid="confirm-dialog-confirm"
          onClick={() => void confirm()}
          disabled={pending}
        >
          {pending ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  )
}
