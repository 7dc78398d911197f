/**
 * Checks that say what is meaningless, in real Chromium: a lead sets a 0 % pass threshold and a tolerance that
 * covers the whole scale; both show in the Checks list (for a co-editing lead too); one click on each fix
 * clears it for both, live; a reviewer sees the problems but no Fix buttons.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot } from '../helpers/browser'
import { waitFor } from '../helpers/clients'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import { waitForStatus } from './editorPage'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser

beforeAll(async () => {
  server = await spawnServer({ env: SERVER_ENV })
  owner = await setupOwner(server)
})

const problemCodes = (page: Page) =>
  page.getByTestId('problem').evaluateAll((items) => items.map((item) => item.getAttribute('data-code')))

async function openDraft(page: Page, projectId: string, status: 'saved' | 'view-only' = 'saved') {
  await page.goto(`${server.url}/projects/${projectId}`)
  await waitForStatus(page, status)
  await page.getByTestId('rubric-panel').waitFor()
}

const waitForCodes = (page: Page, expected: string[], who: string) =>
  waitFor(async () => JSON.stringify(await problemCodes(page)) === JSON.stringify(expected), {
    message: `${who} sees ${expected.join(', ') || 'no problems'}`,
  })

describe('checks that say what is meaningless', () => {
  it('a 0 % threshold and a whole-scale tolerance are reported and fixed in one click, live', async () => {
    const projectId = await createProject(server.url, owner, 'Meaningless settings')
    const adaAccount = await inviteUser(server.url, owner, projectId, 'lead', 'Ada Lead')
    const benAccount = await inviteUser(server.url, owner, projectId, 'lead', 'Ben Lead')
    const rayAccount = await inviteUser(server.url, owner, projectId, 'reviewer', 'Ray Reviewer')
    const ada = await suite.newUser(server.url, adaAccount)
    const ben = await suite.newUser(server.url, benAccount)
    const ray = await suite.newUser(server.url, rayAccount)

    await openDraft(ada.page, projectId)
    await ada.page.getByTestId('template-likert-helpfulness').click()
    await ada.page.getByTestId('problems-none').waitFor()
    await ada.page.getByTestId('pass-threshold').fill('0')
    await ada.page.getByTestId('criterion-tolerance').first().fill('4')
    await waitForCodes(ada.page, ['pass_threshold_zero', 'ordinal_tolerance_too_wide'], 'Ada')

    await openDraft(ben.page, projectId)
    await waitForCodes(ben.page, ['pass_threshold_zero', 'ordinal_tolerance_too_wide'], 'Ben')
    await openDraft(ray.page, projectId, 'view-only')
    await waitForCodes(ray.page, ['pass_threshold_zero', 'ordinal_tolerance_too_wide'], 'Ray')
    expect(await ray.page.getByTestId('problem-fix').count()).toBe(0)
    await screenshot(ada.page, 'meaningful-checks-01-problems')

    const toleranceFix = ada.page.locator(
      '[data-testid="problem-fix"][data-code="ordinal_tolerance_too_wide"]',
    )
    expect(await toleranceFix.textContent()).toBe('Fix: Set the tolerance to 1')
    await toleranceFix.click()
    await waitForCodes(ada.page, ['pass_threshold_zero'], 'Ada')
    await waitForCodes(ben.page, ['pass_threshold_zero'], 'Ben')
    expect(await ben.page.getByTestId('criterion-tolerance').first().inputValue()).toBe('1')

    // Ben fixes the threshold; Ada sees it go.
    await ben.page.locator('[data-testid="problem-fix"][data-code="pass_threshold_zero"]').click()
    await ben.page.getByTestId('problems-none').waitFor()
    await ada.page.getByTestId('problems-none').waitFor()
    expect(await ada.page.getByTestId('pass-threshold').inputValue()).toBe('80')
    await waitForStatus(ada.page, 'saved')
    await screenshot(ada.page, 'meaningful-checks-02-fixed')
  })
})
