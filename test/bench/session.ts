/**
 * Yardstick requires an account: the bench creates the owner from the one-time setup link the server prints
 * (or signs in again after a restart) and carries the session cookie with the sync URL that travels to the
 * client processes, as `ws://…/sync|<cookie>`. `splitSyncUrl` takes it apart where sockets are opened.
 */
export const BENCH_OWNER = {
  email: 'bench@example.com',
  password: 'benchmark passphrase 2026',
  name: 'Bench Owner',
}

const SEPARATOR = '|'

export function syncUrlWithSession(syncUrl: string, cookie: string | null): string {
  return cookie ? `${syncUrl}${SEPARATOR}${cookie}` : syncUrl
}

/** The real sync URL and the headers to open it with. */
export function splitSyncUrl(url: string): { url: string; headers: Record<string, string> } {
  const at = url.indexOf(SEPARATOR)
  if (at === -1) return { url, headers: {} }
  return { url: url.slice(0, at), headers: { cookie: url.slice(at + 1) } }
}

function cookieOf(response: Response): string {
  const match = /ys_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')
  if (!match) throw new Error(`no session cookie (${response.status})`)
  return match[0]
}

/** Creates the owner with the printed setup link, or signs in when the data directory already has it. */
export async function benchSession(baseUrl: string, setupUrl: string | null): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  if (setupUrl) {
    const token = new URL(setupUrl).hash.slice(1)
    const response = await post('/api/setup', { token, ...BENCH_OWNER })
    if (response.status !== 201) throw new Error(`setup failed: ${response.status} ${await response.text()}`)
    return cookieOf(response)
  }
  const response = await post('/api/auth/login', { email: BENCH_OWNER.email, password: BENCH_OWNER.password })
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`)
  return cookieOf(response)
}
