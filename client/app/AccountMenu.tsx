/**
 * The signed-in user's avatar in the header, opening a menu with their name and email, the account page and
 * sign out. In the editor it doubles as your own entry of the presence bar, so you appear once, not twice.
 */
import { useEffect, useRef, useState } from 'react'
import { errorMessage } from '../api/http'
import { signOut, useUser } from '../auth/session'
import { Avatar } from '../ui/Avatar'
import { Link } from './Link'

interface AccountMenuProps {
  /** Avatar only (the editor header), or avatar and name (everywhere else). */
  compact?: boolean
  /** Marks the button as your own entry of the presence bar. */
  inPresence?: boolean
}

function useDismiss(open: boolean, close: () => void, root: React.RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) close()
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close()
    }
    document.addEventListener('pointerdown', onPointerDown)
    document.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('pointerdown', onPointerDown)
      document.removeEventListener('keydown', onKeyDown)
    }
  }, [open, close, root])
}

export function AccountMenu({ compact = false, inPresence = false }: AccountMenuProps) {
  const user = useUser()
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const rootRef = useRef<HTMLDivElement>(null)
  const close = useRef(() => setOpen(false)).current
  useDismiss(open, close, rootRef)

  const onSignOut = async () => {
    setError(null)
    try {
      await signOut()
    } catch (caught) {
      setError(errorMessage(caught))
    }
  }

  return (
    <div
      className={`account-menu${inPresence ? ' presence__peer presence__self' : ''}`}
      ref={rootRef}
      data-testid={inPresence ? 'presence-peer' : undefined}
      data-self={inPresence ? 'true' : undefined}
    >
      <button
        type="button"
        className={`account-chip${compact ? ' account-chip--compact' : ''}`}
        data-testid="account-button"
        aria-expanded={open}
        aria-haspopup="menu"
        onClick={() => setOpen((value) => !value)}
      >
        <Avatar
          name={user.name}
          color={user.color}
          size={compact ? 'medium' : 'small'}
          label={inPresence ? `${user.name} (you)` : user.name}
        />
        {!compact && <span className="account-chip__name">{user.name}</span>}
        <span className="account-chip__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className="popover account-popover" role="menu" aria-label="Account" data-testid="account-menu">
          <div className="account-popover__who">
            <Avatar name={user.name} color={user.color} />
            <div className="account-popover__text">
              <strong data-testid="account-menu-name">{user.name}</strong>
              <span className="muted">{user.email}</span>
            </div>
          </div>
          <Link
            href="/account"
            role="menuitem"
            className="menu-item"
            data-testid="menu-account"
            onClick={() => setOpen(false)}
          >
            Account settings
          </Link>
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            data-testid="menu-sign-out"
            onClick={() => void onSignOut()}
          >
            Sign out
          </button>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  )
}
