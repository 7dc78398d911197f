/** First-visit invitation to pick the name collaborators will see; it never blocks the page. */
import { Avatar } from '../ui/Avatar'
import { IdentityForm } from './IdentityForm'
import { saveIdentity, useIdentity } from './useIdentity'

export function WelcomeCard() {
  const identity = useIdentity()
  if (identity.confirmed) return null
  return (
    <section className="welcome-card" data-testid="welcome" aria-labelledby="welcome-title">
      <div className="welcome-card__intro">
        <Avatar name={identity.name} color={identity.color} />
        <div>
          <h2 id="welcome-title">Welcome to Yardstick</h2>
          <p>
            Co-editors see your name next to your cursor. For now you are <strong>{identity.name}</strong> —
            pick a name and a colour, or{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => saveIdentity(identity.name, identity.color)}
            >
              keep this one
            </button>
            .
          </p>
        </div>
      </div>
      <IdentityForm submitLabel="Save" />
    </section>
  )
}
