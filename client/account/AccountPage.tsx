/** `/account`: your name and colour, your password, and the devices where you are signed in. */
import { useEffect } from 'react'
import { AppHeader } from '../app/AppHeader'
import { useUser } from '../auth/session'
import { PasswordForm } from './PasswordForm'
import { ProfileForm } from './ProfileForm'
import { SessionList } from './SessionList'

export default function AccountPage() {
  const user = useUser()
  useEffect(() => {
    document.title = 'Account — Yardstick'
  }, [])
  return (
    <div className="page">
      <AppHeader />
      <main className="members-page" data-testid="account-page">
        <div className="members-page__heading">
          <h1>Your account</h1>
          <p className="muted">Signed in as {user.email}</p>
        </div>
        <section className="panel" aria-labelledby="profile-title">
          <header className="panel__header">
            <h2 id="profile-title">Profile</h2>
            <p className="muted">How co-editors see you in the editor and in member lists.</p>
          </header>
          <ProfileForm user={user} />
        </section>
        <section className="panel" aria-labelledby="password-title">
          <header className="panel__header">
            <h2 id="password-title">Password</h2>
          </header>
          <PasswordForm />
        </section>
        <section className="panel" data-testid="sessions-section" aria-labelledby="sessions-title">
          <header className="panel__header">
            <h2 id="sessions-title">Where you’re signed in</h2>
            <p className="muted">Sign out of devices you no longer use or don’t recognise.</p>
          </header>
          <SessionList />
        </section>
      </main>
    </div>
  )
}
