/**
 * People in the browser tests: accounts through the HTTP API (add an existing account to a project, make an
 * invite link, check a session), and the page steps of signing up and in; builds on test/helpers/accounts.ts.
 */
import type { BrowserContext, Page } from 'playwright-core'
import type { Role } from '../../shared/auth/permissions'
import { api, apiJson, TEST_PASSWORD, type TestUser } from '../helpers/accounts'

/** `inviter` creates an invite for `role` and `member` (already an account) accepts it while signed in. */
export async function addMember(
  baseUrl: string,
  inviter: TestUser,
  projectId: string,
  member: TestUser,
  role: Role,
): Promise<void> {
  const invite = await apiJson<{ url: string }>(baseUrl, `/api/projects/${projectId}/invites`, {
    user: inviter,
    body: { role },
  })
  const token = new URL(invite.url).hash.slice(1)
  const response = await api(baseUrl, '/api/invites/accept', { user: member, body: { token } })
  if (!response.ok) throw new Error(`accept failed: ${response.status} ${await response.text()}`)
}

/** Creates an invite link as `inviter` and returns its URL (nobody has used it). */
export async function inviteLink(
  baseUrl: string,
  inviter: TestUser,
  projectId: string,
  role: Role,
): Promise<string> {
  const invite = await apiJson<{ url: string }>(baseUrl, `/api/projects/${projectId}/invites`, {
    user: inviter,
    body: { role },
  })
  return invite.url
}

/** True when the session cookie still signs `user` in. */
export async function sessionWorks(baseUrl: string, user: TestUser): Promise<boolean> {
  const response = await api(baseUrl, '/api/auth/me', { user })
  return response.ok
}

/** Signs out every browser (Chrome) session of the user of `from`, as "sign out" on another device would. */
export async function endBrowserSessions(baseUrl: string, from: TestUser): Promise<void> {
  const { sessions } = await apiJson<{ sessions: { id: string; userAgent: string; current: boolean }[] }>(
    baseUrl,
    '/api/auth/sessions',
    { user: from },
  )
  const browsers = sessions.filter((session) => !session.current && session.userAgent.includes('Chrome'))
  if (browsers.length === 0) throw new Error('no browser session to end')
  for (const session of browsers) {
    const response = await api(baseUrl, `/api/auth/sessions/${session.id}`, { method: 'DELETE', user: from })
    if (response.status !== 204) throw new Error(`ending session failed: ${response.status}`)
  }
}

/** Fills the account fields of the setup or invite sign-up form (password: TEST_PASSWORD unless given). */
export async function fillSignUp(
  page: Page,
  account: { name: string; email: string; color: string; password?: string },
): Promise<void> {
  await page.getByTestId('account-name').fill(account.name)
  await page.getByTestId('account-email').fill(account.email)
  await page.getByTestId('account-password').fill(account.password ?? TEST_PASSWORD)
  await page.getByLabel(`Colour ${account.color}`).check()
}

/** Signs in on the sign-in page the browser is on (or is being sent to). */
export async function signInThroughPage(page: Page, email: string, password: string): Promise<void> {
  await page.getByTestId('signin-page').waitFor()
  await page.getByTestId('signin-email').fill(email)
  await page.getByTestId('signin-password').fill(password)
  await page.getByTestId('signin-submit').click()
  await page.getByTestId('signin-page').waitFor({ state: 'detached' })
}

/** The session the browser context holds, as a TestUser for API calls. */
export async function sessionCookieOf(context: BrowserContext, user: TestUser): Promise<TestUser> {
  const cookie = (await context.cookies()).find((c) => c.name === 'ys_session')
  if (!cookie) throw new Error('the browser holds no session cookie')
  return { ...user, cookie: `${cookie.name}=${cookie.value}` }
}

/**
 * Counts the Yjs document updates (sync message 0, update 2) a page sends on its sync sockets — only on the
 * socket of `docName` when given (a reviewer's suggestions go to the comments document, never to the draft) —
 * from now on. Returns a function reading the count.
 */
export function countSentUpdates(page: Page, docName?: string): () => number {
  let count = 0
  page.on('websocket', (socket) => {
    const url = socket.url()
    if (!url.includes('/sync/')) return
    if (docName !== undefined && new URL(url).pathname.split('/').at(-1) !== docName) return
    socket.on('framesent', ({ payload }) => {
      if (typeof payload !== 'string' && payload[0] === 0 && payload[1] === 2) count++
    })
  })
  return () => count
}
