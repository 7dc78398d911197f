/**
 * Access in real Chromium: reviewers read the live draft but cannot change it — their typing becomes a
 * suggestion — and never see "Saving…"; sign
 * in returns people to where they were; the account page renames, changes the password and ends sessions;
 * signing out (here or elsewhere) ends the session; too many sign-in attempts say how long to wait.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  createProject,
  inviteUser,
  login,
  setupOwner,
  TEST_PASSWORD,
  type TestUser,
} from '../helpers/accounts'
import { screenshot, screenshotSideBySide } from '../helpers/browser'
import { waitFor } from '../helpers/clients'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, CLIENT_DIR, SERVER_ENV } from './browserSuite'
import {
  documentContains,
  PROSEMIRROR,
  recordedStatuses,
  recordStatuses,
  typeAtEnd,
  waitForStatus,
  waitForText,
} from './editorPage'
import {
  countSentUpdates,
  endBrowserSessions,
  sessionCookieOf,
  sessionWorks,
  signInThroughPage,
} from './people'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser

const newUser = (account?: TestUser) => suite.newUser(server.url, account)

beforeAll(async () => {
  server = await spawnServer({ env: SERVER_ENV })
  owner = await setupOwner(server)
})

describe('roles and sessions in the browser', () => {
  it('shows reviewers the live draft in Suggesting mode: their typing becomes a suggestion, the draft never changes, and they never see "Saving…"', async () => {
    const projectId = await createProject(server.url, owner, 'Reviewer check')
    const ritaAccount = await inviteUser(server.url, owner, projectId, 'reviewer', 'Rita Reviewer')
    const olivia = await newUser(owner)
    const rita = await newUser(ritaAccount)
    const sentUpdates = countSentUpdates(rita.page, projectId)
    await olivia.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(olivia.page, 'saved')
    await rita.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(rita.page, 'view-only')
    await recordStatuses(rita.page)

    // Editable only so that typing can become suggestions; no toolbar, no Editing switch, a Suggesting badge.
    expect(await rita.page.locator(PROSEMIRROR).getAttribute('contenteditable')).toBe('true')
    expect(await rita.page.getByTestId('toolbar').count()).toBe(0)
    expect(await rita.page.getByTestId('mode-switch').count()).toBe(0)
    expect(await rita.page.getByTestId('suggesting-badge').textContent()).toBe('Suggesting')
    expect(await rita.page.getByTestId('suggesting-bar').textContent()).toContain(
      'Select text and type to suggest a change, or press Comment.',
    )
    expect(await rita.page.getByTestId('role-badge').textContent()).toBe('Reviewer')
    expect(await rita.page.getByTestId('members-link').count()).toBe(0)

    const ownerText = 'Written by the owner while Rita reads along.'
    await typeAtEnd(olivia.page, ownerText)
    await waitForText(rita.page, ownerText, 'Rita')

    const ritaText = 'Rita tries to change the guideline.'
    await rita.page.locator(PROSEMIRROR).click()
    await rita.page.keyboard.press('Control+End')
    await rita.page.keyboard.press('Enter')
    await rita.page.keyboard.type(ritaText)
    // Her Enter cannot be suggested (a notice says so); her text became a suggestion the owner sees underlined.
    expect(await rita.page.getByTestId('suggesting-notice').textContent()).toContain(
      'Suggest within one paragraph at a time',
    )
    await olivia.page.locator('.suggestion-insert', { hasText: ritaText }).waitFor()
    // A later edit of the owner reaching Rita shows the connection is live; the draft has none of Rita's text.
    const marker = 'The owner wrote this after Rita typed.'
    await typeAtEnd(olivia.page, marker)
    await waitForText(rita.page, marker, 'Rita')
    await waitForStatus(olivia.page, 'saved')
    expect(await documentContains(rita.page, ritaText)).toBe(false)
    expect(await documentContains(olivia.page, ritaText)).toBe(false)
    expect(sentUpdates(), 'draft updates sent by the reviewer’s page').toBe(0)
    const statuses = await recordedStatuses(rita.page)
    expect(statuses, `Rita's statuses ${statuses.join(' → ')}`).not.toContain('saving')
    expect(statuses.at(-1)).toBe('view-only')
    await screenshotSideBySide(
      [
        { label: 'Olivia Owner (edits)', page: olivia.page },
        { label: 'Rita Reviewer (suggesting)', page: rita.page },
      ],
      'accounts-07-reviewer',
    )
  })

  it('signs in and comes back, manages the account and sessions, and signing out ends the session', async () => {
    const projectId = await createProject(server.url, owner, 'Sign-out check')
    const sam = await inviteUser(server.url, owner, projectId, 'lead', 'Sam Signout')
    const elsewhere = await login(server.url, sam)
    const browserUser = await newUser()
    const { page } = browserUser

    // A signed-out visit to the project goes through sign in and back to the project.
    await page.goto(`${server.url}/projects/${projectId}`)
    await page.getByTestId('signin-page').waitFor()
    expect(new URL(page.url()).pathname).toBe('/signin')
    await page.getByTestId('signin-email').fill(sam.email)
    await page.getByTestId('signin-password').fill('wrong password!')
    await page.getByTestId('signin-submit').click()
    expect(await page.getByTestId('signin-error').textContent()).toBe('Email or password is wrong.')
    await signInThroughPage(page, sam.email, TEST_PASSWORD)
    await waitForStatus(page, 'saved')
    expect(new URL(page.url()).pathname).toBe(`/projects/${projectId}`)

    // The account page: rename, change the password, and end the other sessions.
    await page.getByTestId('account-button').click()
    await page.getByTestId('menu-account').click()
    await page.getByTestId('account-page').waitFor()
    await page.getByTestId('profile-name').fill('Sam Renamed')
    await page.getByTestId('profile-save').click()
    await page.getByTestId('account-button').filter({ hasText: 'Sam Renamed' }).waitFor()
    const newPassword = 'a fresh passphrase for Sam'
    await page.getByTestId('password-current').fill(TEST_PASSWORD)
    await page.getByTestId('password-new').fill(newPassword)
    await page.getByTestId('password-repeat').fill(newPassword)
    await page.getByTestId('password-save').click()
    expect(await page.getByTestId('password-message').textContent()).toBe('Password changed.')
    await waitFor(async () => (await page.getByTestId('session-row').count()) === 3, {
      message: 'three sessions',
    })
    expect(await page.getByTestId('this-device').count()).toBe(1)
    expect(await page.locator('[data-current="true"]').getByTestId('this-device').count()).toBe(1)
    await screenshot(page, 'accounts-08-account', { fullPage: true })
    for (let left = 2; left > 0; left--) {
      await page.getByTestId('session-sign-out').first().click()
      await waitFor(async () => (await page.getByTestId('session-row').count()) === left, {
        message: `${left} session(s) left`,
      })
    }
    expect(await sessionWorks(server.url, sam)).toBe(false)
    expect(await sessionWorks(server.url, elsewhere)).toBe(false)

    // Signing out returns to the sign-in page and the browser's session no longer works.
    const browserSession = await sessionCookieOf(browserUser.context, sam)
    expect(await sessionWorks(server.url, browserSession)).toBe(true)
    await page.getByTestId('account-button').click()
    await page.getByTestId('menu-sign-out').click()
    await page.getByTestId('signin-page').waitFor()
    expect(new URL(page.url()).pathname).toBe('/signin')
    expect(await sessionWorks(server.url, browserSession)).toBe(false)
    await page.goto(`${server.url}/projects/${projectId}`)
    await page.getByTestId('signin-page').waitFor()
    await signInThroughPage(page, sam.email, newPassword)
    await waitForStatus(page, 'saved')

    // The session ends elsewhere while the page is open: the server closes its socket at once (4401), which
    // brings Sam to sign in and back to the project.
    const phone = await login(server.url, { ...sam, password: newPassword })
    await endBrowserSessions(server.url, phone)
    await page.getByTestId('signin-page').waitFor()
    await signInThroughPage(page, sam.email, newPassword)
    await waitForStatus(page, 'saved')
    expect(new URL(page.url()).pathname).toBe(`/projects/${projectId}`)
  })

  it('tells people who try too many passwords how long to wait', async () => {
    // Three attempts a minute: setting up the owner spends one, two wrong passwords the rest.
    const strict = await spawnServer({ env: { CLIENT_DIR, AUTH_ATTEMPTS_PER_MINUTE: '3' } })
    const strictOwner = await setupOwner(strict)
    const visitor = await newUser()
    await visitor.page.goto(`${strict.url}/signin`)
    await visitor.page.getByTestId('signin-page').waitFor()
    const error = visitor.page.getByTestId('signin-error')
    const attempt = async (password: string) => {
      await visitor.page.getByTestId('signin-email').fill(strictOwner.email)
      await visitor.page.getByTestId('signin-password').fill(password)
      // Playwright waits for the button to be enabled again, so attempts never overlap.
      await visitor.page.getByTestId('signin-submit').click()
    }
    await attempt('wrong password one')
    await visitor.page
      .getByTestId('signin-error')
      .filter({ hasText: 'Email or password is wrong.' })
      .waitFor()
    await attempt('wrong password two')
    await attempt(TEST_PASSWORD)
    await waitFor(
      async () => /^Too many attempts, try again in \d+ s\.$/.test((await error.textContent()) ?? ''),
      {
        message: 'the rate-limit message',
      },
    )
    expect(new URL(visitor.page.url()).pathname).toBe('/signin')
    await strict.stop()
  })
})
