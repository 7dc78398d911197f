/**
 * Accounts and roles in real Chromium (issue acceptance): the owner sets up through the printed link, invites
 * a lead and an annotator from the Members page, the lead co-edits live and the annotator sees no draft; an
 * invite link used a second time says so, and people with an account sign in and come back to accept.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { createProject, setupOwner, TEST_PASSWORD, type TestUser } from '../helpers/accounts'
import { screenshot, screenshotSideBySide } from '../helpers/browser'
import { waitFor } from '../helpers/clients'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import {
  CARET_LABEL,
  documentBlocks,
  typeAtEnd,
  waitForPresence,
  waitForStatus,
  waitForText,
} from './editorPage'
import { fillSignUp, inviteLink, signInThroughPage } from './people'

const PROJECT = 'Medical QA — helpfulness & safety'
const suite = browserSuite()
/** A server on its first run (nobody set up yet), and one whose owner was set up through the API. */
let fresh: ChildServer
let server: ChildServer
let owner: TestUser

const newUser = () => suite.newUser()
const auditText = async (page: Page) => (await page.getByTestId('audit-log').textContent()) ?? ''

beforeAll(async () => {
  ;[fresh, server] = await Promise.all([spawnServer({ env: SERVER_ENV }), spawnServer({ env: SERVER_ENV })])
  owner = await setupOwner(server)
})

describe('accounts and roles in the browser', () => {
  it('sets up the owner from the printed link; a lead co-edits live, an annotator sees no draft', async () => {
    const setupUrl = fresh.setupUrl
    if (!setupUrl) throw new Error('the fresh server printed no setup link')
    const olivia = await newUser()
    // Before setup, the app sends visitors to sign in, where it points to the printed link.
    await olivia.page.goto(new URL(setupUrl).origin)
    await olivia.page.getByTestId('setup-needed').waitFor()
    expect(new URL(olivia.page.url()).pathname).toBe('/signin')
    await screenshot(olivia.page, 'accounts-00-signin-before-setup')
    await olivia.page.goto(setupUrl)
    await olivia.page.getByTestId('setup-page').waitFor()
    await fillSignUp(olivia.page, { name: 'Olivia Owner', email: 'olivia@example.com', color: '#7c3aed' })
    await screenshot(olivia.page, 'accounts-01-setup')
    await olivia.page.getByTestId('setup-submit').click()
    await olivia.page.getByTestId('projects-empty').waitFor()
    expect(new URL(olivia.page.url()).pathname).toBe('/')
    await olivia.page.getByTestId('account-button').filter({ hasText: 'Olivia Owner' }).waitFor()

    // The link is spent: opening it again explains that and points to sign in.
    const late = await newUser()
    await late.page.goto(setupUrl)
    await late.page.getByTestId('setup-closed').waitFor()
    await late.page.getByTestId('go-signin').click()
    await late.page.getByTestId('signin-page').waitFor()

    await olivia.page.getByTestId('new-project-name').fill(PROJECT)
    await olivia.page.getByTestId('create-project').click()
    // Creating a project opens it.
    await waitForStatus(olivia.page, 'saved')
    const projectPath = new URL(olivia.page.url()).pathname

    // Invite a lead and an annotator from the Members page, reading each link from the page.
    await olivia.page.getByTestId('members-link').click()
    await olivia.page.getByTestId('members-page').waitFor()
    await olivia.page.getByTestId('member-row').filter({ hasText: 'Olivia Owner' }).waitFor()
    const createInvite = async (role: string, previous: string | null) => {
      await olivia.page.getByTestId('invite-role-select').selectOption(role)
      await olivia.page.getByTestId('invite-expiry-select').selectOption({ label: '7 days' })
      await olivia.page.getByTestId('invite-create').click()
      const field = olivia.page.getByTestId('invite-url')
      await waitFor(async () => (await field.count()) > 0 && (await field.inputValue()) !== previous, {
        message: `the ${role} invite link to show`,
      })
      return field.inputValue()
    }
    const leadUrl = await createInvite('lead', null)
    expect(leadUrl).toMatch(/\/invite#[\w-]{20,}$/)
    await olivia.page.getByTestId('invite-row').first().waitFor()
    await screenshot(olivia.page, 'accounts-02-members-invite')
    const annotatorUrl = await createInvite('annotator', leadUrl)
    await waitFor(
      async () =>
        (await olivia.page.locator('[data-testid="invite-row"][data-status="valid"]').count()) === 2,
      {
        message: 'two waiting invite links in the list',
      },
    )

    // The lead signs up from the link and lands in the project.
    const lee = await newUser()
    await lee.page.goto(leadUrl)
    const summary = lee.page.getByTestId('invite-summary')
    await summary.waitFor()
    expect(await summary.textContent()).toContain(`Olivia Owner invited you to ${PROJECT} as a Lead`)
    await fillSignUp(lee.page, { name: 'Lee Lead', email: 'lee@example.com', color: '#c2410c' })
    await screenshot(lee.page, 'accounts-03-invite')
    await lee.page.getByTestId('invite-signup-submit').click()
    await waitForStatus(lee.page, 'saved')
    expect(new URL(lee.page.url()).pathname).toBe(projectPath)
    expect(await lee.page.getByTestId('role-badge').textContent()).toBe('Lead')

    // A lead may invite reviewers and annotators, but not change roles or remove anyone.
    await lee.page.getByTestId('members-link').click()
    await lee.page.getByTestId('member-row').first().waitFor()
    expect(await lee.page.getByTestId('invite-role-select').locator('option').allTextContents()).toEqual([
      'Reviewer',
      'Annotator',
    ])
    expect(await lee.page.getByTestId('member-role').count()).toBe(0)
    expect(await lee.page.getByTestId('member-remove').count()).toBe(0)
    await lee.page.getByTestId('back-to-project').click()
    await waitForStatus(lee.page, 'saved')

    // Owner and lead edit the guideline together.
    await olivia.page.getByTestId('back-to-project').click()
    await waitForStatus(olivia.page, 'saved')
    const oliviaText = 'Judge only the claims the answer makes.'
    await typeAtEnd(olivia.page, oliviaText)
    await waitForText(lee.page, oliviaText, 'Lee')
    await lee.page.locator(CARET_LABEL).filter({ hasText: 'Olivia Owner' }).waitFor()
    const leeText = 'Flag red-flag symptoms before anything else.'
    await typeAtEnd(lee.page, leeText)
    await waitForText(olivia.page, leeText, 'Olivia')
    await olivia.page.locator(CARET_LABEL).filter({ hasText: 'Lee Lead' }).waitFor()
    await waitForPresence(olivia.page, ['Olivia Owner (you)', 'Lee Lead'], 'Olivia')
    await waitForPresence(lee.page, ['Olivia Owner', 'Lee Lead (you)'], 'Lee')
    await Promise.all([waitForStatus(olivia.page, 'saved'), waitForStatus(lee.page, 'saved')])
    expect(await documentBlocks(lee.page)).toEqual(await documentBlocks(olivia.page))
    await screenshotSideBySide(
      [
        { label: 'Olivia Owner (sees Lee’s caret)', page: olivia.page },
        { label: 'Lee Lead (sees Olivia’s caret)', page: lee.page },
      ],
      'accounts-04-coediting',
    )

    // The annotator joins too, but gets no draft — not even a sync socket.
    const ana = await newUser()
    await ana.page.goto(annotatorUrl)
    expect(await ana.page.getByTestId('invite-role').textContent()).toBe('Annotator')
    await fillSignUp(ana.page, { name: 'Ana Annotator', email: 'ana@example.com', color: '#15803d' })
    await ana.page.getByTestId('invite-signup-submit').click()
    const unavailable = ana.page.getByTestId('draft-unavailable')
    await unavailable.waitFor()
    expect(new URL(ana.page.url()).pathname).toBe(projectPath)
    expect(await unavailable.textContent()).toContain(
      'The draft guideline is only visible to leads and reviewers.',
    )
    expect(await ana.page.locator('.ProseMirror').count()).toBe(0)
    expect(await ana.page.getByTestId('save-status').count()).toBe(0)
    expect(ana.sockets.filter((url) => url.includes('/sync'))).toEqual([])
    await screenshot(ana.page, 'accounts-05-annotator')

    // Back on the Members page: three members, both links used, and the activity in sentences.
    await olivia.page.getByTestId('members-link').click()
    await waitFor(async () => (await olivia.page.getByTestId('member-row').count()) === 3, {
      message: 'three members',
    })
    await waitFor(
      async () => (await olivia.page.locator('[data-testid="invite-row"][data-status="used"]').count()) === 2,
      { message: 'both invite links marked used' },
    )
    const log = await auditText(olivia.page)
    expect(log).toContain('Olivia Owner created an invite link for a lead')
    expect(log).toContain('Lee Lead joined as a lead')
    expect(log).toContain('Ana Annotator joined as an annotator')

    // The owner makes Ana a reviewer: the log says so, and Ana now reads the draft, view only.
    const anaRow = olivia.page.getByTestId('member-row').filter({ hasText: 'Ana Annotator' })
    await anaRow.getByTestId('member-role').selectOption('reviewer')
    await waitFor(
      async () =>
        (await auditText(olivia.page)).includes(
          'Olivia Owner changed Ana Annotator’s role from annotator to reviewer',
        ),
      { message: 'the role change in the activity log' },
    )
    await screenshot(olivia.page, 'accounts-06-members', { fullPage: true })
    await ana.page.reload()
    await waitForStatus(ana.page, 'view-only')
    await waitForText(ana.page, leeText, 'Ana')

    // Removing Lee (after confirming) closes the draft Lee has open, with a page that says why.
    await olivia.page
      .getByTestId('member-row')
      .filter({ hasText: 'Lee Lead' })
      .getByTestId('member-remove')
      .click()
    const dialog = olivia.page.getByTestId('confirm-dialog')
    expect(await dialog.textContent()).toContain('Remove Lee Lead?')
    await screenshot(olivia.page, 'accounts-11-remove-confirm')
    await dialog.getByTestId('confirm-dialog-confirm').click()
    await waitFor(async () => (await olivia.page.getByTestId('member-row').count()) === 2, {
      message: 'two members',
    })
    await waitFor(
      async () =>
        (await auditText(olivia.page)).includes('Olivia Owner removed Lee Lead (lead) from the project'),
      { message: 'the removal in the activity log' },
    )
    await lee.page.getByTestId('project-not-found').waitFor()
    expect(await lee.page.locator('h1').textContent()).toBe('You no longer have access to this project')
  })

  it('says an invite link was already used, and brings existing accounts back to the invite after sign in', async () => {
    const projectId = await createProject(server.url, owner, 'Invite check')
    const url = await inviteLink(server.url, owner, projectId, 'reviewer')
    const una = await newUser()
    await una.page.goto(url)
    // Too short is caught on the page; too common, by the server, whose reason is shown.
    await fillSignUp(una.page, {
      name: 'Una Used',
      email: 'una@example.com',
      color: '#0369a1',
      password: 'short',
    })
    await una.page.getByTestId('invite-signup-submit').click()
    expect(await una.page.getByTestId('password-error').textContent()).toBe('Use at least 8 characters.')
    await una.page.getByTestId('account-password').fill('password')
    await una.page.getByTestId('invite-signup-submit').click()
    expect(await una.page.getByTestId('invite-error').textContent()).toBe(
      'This password is one of the most common passwords; choose another.',
    )
    await una.page.getByTestId('account-password').fill(TEST_PASSWORD)
    await una.page.getByTestId('invite-signup-submit').click()
    await waitForStatus(una.page, 'view-only')

    const second = await newUser()
    await second.page.goto(url)
    await second.page.getByTestId('invite-gone').waitFor()
    expect(await second.page.getByTestId('invite-gone-reason').getAttribute('data-reason')).toBe('used')
    expect(await second.page.locator('h1').textContent()).toBe('This invite link has already been used')
    await screenshot(second.page, 'accounts-09-invite-used')
    await second.page.goto(`${new URL(url).origin}/invite#not-a-real-token`)
    await second.page.locator('[data-testid="invite-gone-reason"][data-reason="unknown"]').waitFor()

    // Signing up with an email that has an account says to sign in instead.
    const otherProject = await createProject(server.url, owner, 'Second project')
    const secondUrl = await inviteLink(server.url, owner, otherProject, 'lead')
    await second.page.goto(secondUrl)
    await fillSignUp(second.page, { name: 'Una Again', email: 'una@example.com', color: '#0369a1' })
    await second.page.getByTestId('invite-signup-submit').click()
    expect(await second.page.getByTestId('invite-error').textContent()).toContain(
      'An account with this email already exists',
    )
    await screenshot(second.page, 'accounts-12-email-taken')

    // "I already have an account": sign in, come back to the invite, accept, and open the project.
    await second.page.getByTestId('invite-signin').click()
    await signInThroughPage(second.page, 'una@example.com', TEST_PASSWORD)
    await second.page.getByTestId('invite-accept').waitFor()
    await screenshot(second.page, 'accounts-10-invite-accept')
    await second.page.getByTestId('invite-accept').click()
    await waitForStatus(second.page, 'saved')
    expect(new URL(second.page.url()).pathname).toBe(`/projects/${otherProject}`)
  })
})
