/** The top bar of pages outside the editor: brand (home) on the left, your account menu on the right. */
import { AccountMenu } from './AccountMenu'
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
      <AccountMenu />
    </header>
  )
}
