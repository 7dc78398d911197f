/**
 * Where to send the user after they sign in: the page they were on when their session ended, or the invite
 * they were about to accept. Kept in this tab's sessionStorage, never in a URL (invite tokens are secrets).
 */
const KEY = 'yardstick.returnTo'

/** Only paths on this site: no `//host` or `scheme:` tricks, and never back to the sign-in page itself. */
function isSafeReturn(path: string): boolean {
  return (
    path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') && !path.startsWith('/signin')
  )
}

export function rememberReturn(path: string): void {
  if (!isSafeReturn(path)) return
  try {
    window.sessionStorage.setItem(KEY, path)
  } catch {
    // Without storage the user lands on the project list after signing in; nothing breaks.
  }
}

/** The remembered path (and forgets it), or `/`. */
export function takeReturn(): string {
  try {
    const path = window.sessionStorage.getItem(KEY)
    window.sessionStorage.removeItem(KEY)
    return path && isSafeReturn(path) ? path : '/'
  } catch {
    return '/'
  }
}
