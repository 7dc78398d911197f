/**
 * Issue 22, things that change under people — in real Chromium: a session ended elsewhere says why on the
 * sign-in page and edits typed meanwhile survive; removed access says so; the open editor tells who changed
 * your role, restored the draft or published (and when); creating a project opens it and long names are said
 * in the field; invite notes; the activity log; downloads; and no 401/404 noise on public or annotator pages.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  api,
  apiJson,
  createProject,
  inviteUser,
  login,
  setupOwner,
  type TestUser,
} from '../helpers/accounts'
import { screenshot } from '../helpers/browser'
import { waitFor } from '../helpers/clients'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import { typeAtEnd, waitForStatus, waitForText } from './editorPage'
import { endBrowserSessions, signInThroughPage } from './people'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser
let exampleId: string

beforeAll(async () => {
  server = await spawnServer({ env: { ...SERVER_ENV, SEED_EXAMPLE: 'true' } })
  owner = await setupOwner(server)
  const { projects } = await apiJson<{ projects: { id: string; name: string }[] }>(
    server.url,
    '/api/projects',
    {
      user: owner,
    },
  )
  exampleId = projects.find((p) => p.name.startsWith('Medical QA'))?.id ?? ''
})

/** Records console errors and failed responses (status ≥ 400) of a page. */
function recordNoise(page: Page): string[] {
  const noise: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') noise.push(`console: ${message.text()}`)
  })
  page.on('response', (response) => {
    if (response.status() >= 400) noise.push(`${response.status()} ${new URL(response.url()).pathname}`)
  })
  return noise
}

const noticeTexts = (page: Page) => page.getByTestId('editor-notice').allTextContents()

describe('telling people what changed', () => {
  it('says why the session ended, and keeps what was typed meanwhile', async () => {
    const projectId = await createProject(server.url, owner, 'Session ends')
    const sam = await inviteUser(server.url, owner, projectId, 'lead', 'Sam Signout')
    const { page, context } = await suite.newUser()
    await page.goto(`${server.url}/projects/${projectId}`)
    await signInThroughPage(page, sam.email, sam.password)
    await waitForStatus(page, 'saved')

    // Signed out from another device while the editor is open.
    await endBrowserSessions(server.url, await login(server.url, sam))
    const reason = page.getByTestId('signin-reason')
    await reason.waitFor()
    expect(await reason.textContent()).toBe(
      'You were signed out from another device. Sign in again to continue where you were.',
    )
    await screenshot(page, 'notices-01-signed-out-elsewhere')
    await signInThroughPage(page, sam.email, sam.password)
    await waitForStatus(page, 'saved')

    // Offline edits, then the session ends meanwhile: after signing in again they are saved, for everyone.
    await context.setOffline(true)
    await waitForStatus(page, 'offline')
    const offlineText = 'Typed offline while the session was ended elsewhere.'
    await typeAtEnd(page, offlineText)
    await endBrowserSessions(server.url, await login(server.url, sam))
    await context.setOffline(false)
    await reason.waitFor()
    expect(await reason.textContent()).toMatch(
      /^(Your session has ended|You were signed out from another device)\./,
    )
    await signInThroughPage(page, sam.email, sam.password)
    await waitForStatus(page, 'saved')
    await waitForText(page, offlineText, 'Sam after signing in again')
    const olivia = await suite.newUser(server.url, owner)
    await olivia.page.goto(`${server.url}/projects/${projectId}`)
    await waitForText(olivia.page, offlineText, 'the owner')
  })

  it('shows who changed your role, restored or published, and says when access was removed', async () => {
    const lee = await inviteUser(server.url, owner, exampleId, 'lead', 'Lee Lead')
    const leeUser = await suite.newUser(server.url, lee)
    const olivia = await suite.newUser(server.url, owner)
    await leeUser.page.goto(`${server.url}/projects/${exampleId}`)
    await waitForStatus(leeUser.page, 'saved')

    // A publish by the owner (from her versions page's API), then a restore of it from her browser.
    const published = await api(server.url, `/api/projects/${exampleId}/versions`, {
      user: owner,
      body: { bump: 'major', changelog: 'First release' },
    })
    expect(published.status).toBe(201)
    const { version } = (await published.json()) as { version: string }
    await waitFor(
      async () => (await noticeTexts(leeUser.page)).some((t) => t.includes(`published version ${version}`)),
      {
        message: 'the publish notice',
        timeout: 20_000,
      },
    )
    await olivia.page.goto(`${server.url}/projects/${exampleId}/versions`)
    await olivia.page
      .locator(`[data-testid="version-row"][data-version="${version}"]`)
      .getByTestId('version-restore')
      .click()
    await olivia.page.getByTestId('confirm-dialog-confirm').click()
    await olivia.page.getByTestId('restore-toast').waitFor()
    await waitFor(async () => (await noticeTexts(leeUser.page)).some((t) => t.includes('restored version')), {
      message: 'the restore notice',
      timeout: 20_000,
    })

    // Demoted to reviewer: the notice comes at once (the socket reconnects with the new role).
    await olivia.page.goto(`${server.url}/projects/${exampleId}/members`)
    await olivia.page
      .getByTestId('member-row')
      .filter({ hasText: 'Lee Lead' })
      .locator('select')
      .selectOption('reviewer')
    await waitForStatus(leeUser.page, 'view-only')
    await waitFor(
      async () => (await noticeTexts(leeUser.page)).some((t) => t.includes('changed your role')),
      {
        message: 'the role notice',
      },
    )
    const texts = await noticeTexts(leeUser.page)
    expect(texts.find((t) => t.includes('published'))).toMatch(`Olivia Owner published version ${version}.`)
    expect(texts.find((t) => t.includes('restored'))).toMatch(
      `Olivia Owner restored version ${version} into the draft`,
    )
    expect(texts.find((t) => t.includes('role'))).toMatch(
      /^Olivia Owner changed your role from lead to reviewer: you are now a reviewer\. (just now|\d+ minutes? ago)/,
    )
    await screenshot(leeUser.page, 'notices-02-editor-notices')
    await leeUser.page.getByTestId('editor-notice-dismiss').first().click()
    await waitFor(async () => (await noticeTexts(leeUser.page)).length === texts.length - 1, {
      message: 'one dismissed',
    })

    // The activity log names the restore and the version number of the publish.
    await olivia.page.reload()
    const audit = olivia.page.getByTestId('audit-log')
    await audit.waitFor()
    const log = (await audit.textContent()) ?? ''
    expect(log).toContain(`Olivia Owner published version ${version}`)
    expect(log).toContain(`Olivia Owner restored version ${version} into the draft`)

    // Removed while the editor is open: the page says so.
    await olivia.page
      .getByTestId('member-row')
      .filter({ hasText: 'Lee Lead' })
      .getByTestId('member-remove')
      .click()
    await olivia.page.getByTestId('confirm-dialog-confirm').click()
    await leeUser.page.getByTestId('project-not-found').waitFor()
    expect(await leeUser.page.getByTestId('project-not-found').textContent()).toContain(
      'Your access to this project was removed',
    )
  })
})

describe('small things', () => {
  it('opens a new project, says when a name is too long, notes who an invite is for, and offers downloads', async () => {
    const { page } = await suite.newUser(server.url, owner)
    await page.goto(server.url)
    const name = page.getByTestId('new-project-name')
    await name.fill('x'.repeat(125))
    expect(await page.getByTestId('new-project-name-length').textContent()).toBe(
      'Names can be up to 120 characters; this one is 125 (5 too many).',
    )
    expect(await page.getByTestId('create-project').isDisabled()).toBe(true)
    expect(await name.inputValue()).toHaveLength(125)
    await screenshot(page, 'notices-03-name-too-long')
    await name.fill('Opened at once')
    await page.getByTestId('create-project').click()
    await waitForStatus(page, 'saved')
    expect(new URL(page.url()).pathname).toMatch(/^\/projects\/[^/]+$/)
    expect(await page.getByTestId('project-name').textContent()).toBe('Opened at once')

    await page.getByTestId('members-link').click()
    await page.getByTestId('invite-note').fill('Ana Annotator <ana@example.com>')
    await page.getByTestId('invite-create').click()
    await page
      .getByTestId('invite-note-text')
      .filter({ hasText: 'for Ana Annotator <ana@example.com>' })
      .waitFor()
    expect(await page.getByTestId('invite-created').textContent()).toContain(
      'Invite link for Ana Annotator <ana@example.com> (annotator)',
    )
    await page.getByTestId('invite-note').fill('y'.repeat(121))
    await page.getByTestId('invite-note-error').waitFor()
    expect(await page.getByTestId('invite-create').isDisabled()).toBe(true)
    await screenshot(page, 'notices-04-invite-note', { fullPage: true })

    await page.goto(`${server.url}/projects/${exampleId}/versions`)
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-json').first().click(),
    ])
    expect(json.suggestedFilename()).toMatch(/^version-\d+\.\d+\.\d+\.json$/)
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-gold-csv').first().click(),
    ])
    expect(csv.suggestedFilename()).toMatch(/-gold\.csv$/)
  })

  it('makes no 401 or 404 noise for signed-out visitors or annotators before anything is published', async () => {
    const projectId = await createProject(server.url, owner, 'Nothing published')
    const annAccount = await inviteUser(server.url, owner, projectId, 'annotator', 'Ann Annotator')
    const visitor = await suite.newUser()
    const visitorNoise = recordNoise(visitor.page)
    await visitor.page.goto(`${server.url}/projects/${projectId}`)
    await visitor.page.getByTestId('signin-page').waitFor()
    expect(await visitor.page.getByTestId('signin-reason').count()).toBe(0)
    const ann = await suite.newUser(server.url, annAccount)
    const annNoise = recordNoise(ann.page)
    await ann.page.goto(`${server.url}/projects/${projectId}`)
    await ann.page.getByTestId('draft-unavailable').waitFor()
    expect(await ann.page.getByTestId('draft-unavailable').textContent()).toContain('as an annotator')
    await ann.page.goto(`${server.url}/projects/${projectId}/results`)
    await ann.page.getByText('An annotator cannot do this').first().waitFor()
    expect([
      ...visitorNoise,
      ...annNoise.filter((n) => !n.includes('/results') && !n.includes('403')),
    ]).toEqual([])
  })
})
