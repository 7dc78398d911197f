/** A slim, dismissible note in the editor telling a first-time visitor which name co-editors see. */
import { useState } from 'react'
import { IdentityForm } from './IdentityForm'
import { saveIdentity, useIdentity } from './useIdentity'

export function IdentityNudge() {
  const identity = useIdentity()
  const [choosing, setChoosing] = useState(false)
  if (identity.confirmed) return null
  return (
    <div className="banner banner--info" data-testid="identity-nudge">
      {choosing ? (
        <IdentityForm submitLabel="Save" autoFocus />
      ) : (
        <>
          <span>
            Co-editors see you as <strong style={{ color: identity.color }}>{identity.name}</strong>.
          </span>
          <span className="banner__actions">
            <button type="button" className="button button--secondary" onClick={() => setChoosing(true)}>
              Choose a name
            </button>
            <button
              type="button"
              className="button button--ghost"
              onClick={() => saveIdentity(identity.name, identity.color)}
            >
              Keep it
            </button>
          </span>
        </>
      )}
    </div>
  )
}
