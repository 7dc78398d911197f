/** The top bar of the project list: brand on the left, your identity on the right. */
import { IdentityMenu } from '../identity/IdentityMenu'
import { Link } from './Link'

export function AppHeader() {
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        <span className="brand__mark" aria-hidden="true">
          Y
        </span>
        Yardstick
      </Link>
      <IdentityMenu />
    </header>
  )
}
