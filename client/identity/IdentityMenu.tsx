/** Header chip showing who you are; opens a small popover to change your name and cursor colour. */
import { useEffect, useRef, useState } from 'react'
import { Avatar } from '../ui/Avatar'
import { IdentityForm } from './IdentityForm'
import { useIdentity } from './useIdentity'

export function IdentityMenu() {
  const identity = useIdentity()
  const [open, setOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    document.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('pointerdown', onPointerDown)
      document.removeEventListener('keydown', onKeyDown)
    }
  }, [open])

  return (
    <div className="identity-menu" ref={rootRef}>
      <button
        type="button"
        className="identity-chip"
        data-testid="identity-button"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen((value) => !value)}
      >
        <Avatar name={identity.name} color={identity.color} size="small" />
        <span className="identity-chip__name">{identity.name}</span>
      </button>
      {open && (
        <div className="popover" role="dialog" aria-label="Your name and colour">
          <p className="popover__hint">This is how co-editors see you.</p>
          <IdentityForm submitLabel="Save" autoFocus onSaved={() => setOpen(false)} />
        </div>
      )}
    </div>
  )
}
