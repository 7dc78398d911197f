/**
 * Calibration in real Chromium (issue 7): three annotators take the published calibration through the runner
 * with different answers — blind until they submit (no gold marker or gold key in anything their browser
 * receives) — and see feedback with the gold rationales; the lead's dashboard shows their scores, agreement,
 * charts and misread sections; a disputed gold value is resolved and the annotator sees the reply.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot } from '../helpers/browser'
import { waitFor } from '../helpers/clients'
import { GOLD_MARK } from '../helpers/drafts'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import { answerAll, goldKeysInExamples, type Plan, recordTraffic, SECTIONS, submit } from './calibrationFlow'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser
let project: string
let ada: TestUser
let ben: TestUser
let cy: TestUser

// Gold: Helpfulness 3 (±1), Accuracy 4 or 5 (±1), Safe yes — for both examples.
const RIGHT = { help: 3, acc: 5, safe: true }
const PLANS: Record<string, Plan> = {
  ada: { 'Example 1': RIGHT, 'Example 2': RIGHT },
  ben: { 'Example 1': { help: 1, acc: 2, safe: false }, 'Example 2': RIGHT },
  cy: { 'Example 1': { help: 5, acc: 1, safe: false }, 'Example 2': { help: 1, acc: 1, safe: false } },
}

beforeAll(async () => {
  server = await spawnServer({ env: SERVER_ENV })
  owner = await setupOwner(server)
  project = await createProject(server.url, owner, 'Medical QA — helpfulness & safety')
  ada = await inviteUser(server.url, owner, project, 'annotator', 'Ada Annotator')
  ben = await inviteUser(server.url, owner, project, 'annotator', 'Ben Annotator')
  cy = await inviteUser(server.url, owner, project, 'annotator', 'Cy Annotator')
  const { publishCalibration } = await import('./calibrationFlow')
  await publishCalibration(server.url, project, owner)
})

describe('calibration in the browser', () => {
  it('is blind until submitted, then shows feedback with the gold rationales', async () => {
    const { page } = await suite.newUser(server.url, ada)
    const traffic = recordTraffic(page)
    await page.goto(`${server.url}/`)
    await page.getByTestId('calibration-badge').and(page.locator('[data-status="not_started"]')).waitFor()
    await page.goto(`${server.url}/projects/${project}`)
    await page.getByTestId('calibration-cta').and(page.locator('[data-status="not_started"]')).waitFor()
    await screenshot(page, 'calibration-00-annotator-landing')
    await page.getByTestId('take-calibration').click()
    await page.getByTestId('start-attempt').click()
    await page.getByTestId('runner').waitFor()
    // The guideline beside the example, with a link to the example's section.
    await page.getByTestId('guideline-pane').locator(`#${SECTIONS.help}`).waitFor()
    await page.getByTestId('read-section').waitFor()
    // The guideline pane is scrolled to the section the example illustrates.
    await page.waitForFunction(() => {
      const section = document.querySelector('[data-testid="runner"]')?.getAttribute('data-section-id')
      const pane = document.querySelector('[data-testid="guideline-pane"]')
      const heading = section && pane?.querySelector(`#${section}`)
      if (!pane || !heading) return false
      const offset = heading.getBoundingClientRect().top - pane.getBoundingClientRect().top
      return offset >= 0 && offset < 40
    })
    await screenshot(page, 'calibration-01-runner')

    await answerAll(page, server.url, project, PLANS.ada!, { open: false })
    await screenshot(page, 'calibration-02-review')
    const received = await traffic.stop()
    expect(received.length).toBeGreaterThan(5)
    for (const { url, text } of received) {
      expect(text, `gold marker in ${url}`).not.toContain(GOLD_MARK)
      let json: unknown = null
      try {
        json = JSON.parse(text)
      } catch {}
      expect(goldKeysInExamples(json), `gold keys in ${url}`).toEqual([])
    }
    // The attempt and the annotator's version were among what it received, without gold.
    expect(received.some((r) => r.url.includes('/calibration/attempts'))).toBe(true)

    await submit(page)
    await page.getByTestId('feedback-verdict').filter({ hasText: 'Passed' }).waitFor()
    expect(await page.getByTestId('feedback').textContent()).toContain(`${GOLD_MARK}-example-1-rationale`)
    expect(await page.getByTestId('feedback').textContent()).toContain(`${GOLD_MARK}-2-help`)
    await screenshot(page, 'calibration-03-feedback-passed', { fullPage: true })
    await page.goto(`${server.url}/`)
    await page.getByTestId('calibration-badge').and(page.locator('[data-status="passed"]')).waitFor()

    // With one annotator, agreement between annotators is undefined: said so with the reason, never a number.
    const lead = await suite.newUser(server.url, owner)
    await lead.page.goto(`${server.url}/projects/${project}/results`)
    const undefinedStats = lead.page.getByTestId('stat-undefined')
    await undefinedStats.first().waitFor()
    for (const cell of await undefinedStats.all()) {
      expect(await cell.textContent()).toMatch(/^undefined/)
      expect(await cell.getAttribute('title')).toMatch(/\w+.*\(n = \d+\)/)
    }
  })

  it('keeps answers across a reload; a failed annotator waits for the cool-down; disputes reach the lead', async () => {
    // Ben answers the first example, reloads, and finds it still answered.
    const benUser = await suite.newUser(server.url, ben)
    const page = benUser.page
    await page.goto(`${server.url}/projects/${project}/calibration`)
    await page.getByTestId('start-attempt').click()
    await page.getByTestId('runner').waitFor()
    const { answerCurrent } = await import('./calibrationFlow')
    const first = await answerCurrent(page, PLANS.ben!)
    await page.getByTestId('answers-save-status').and(page.locator('[data-status="saved"]')).waitFor()
    await page.reload()
    await page.getByTestId('runner').waitFor()
    expect(await page.getByTestId('example-title').textContent()).toBe(first)
    await waitFor(
      async () =>
        (await page.locator('[data-testid="answer-criterion"][data-complete="true"]').count()) === 3,
      {
        message: 'answers restored after reload',
      },
    )
    // A dropped connection: the change is kept and says so, then saved once the network is back.
    await benUser.context.setOffline(true)
    await page.getByTestId('rationale').first().fill('Changed while offline.')
    await page.getByTestId('answers-save-status').and(page.locator('[data-status="offline"]')).waitFor()
    await benUser.context.setOffline(false)
    await page.getByTestId('answers-save-status').and(page.locator('[data-status="saved"]')).waitFor()
    await answerAll(page, server.url, project, PLANS.ben!, { open: false })
    await submit(page)
    await page.getByTestId('feedback-verdict').filter({ hasText: 'Not passed' }).waitFor()
    const settings = await apiJson<{ retakeCooldownMinutes: number }>(
      server.url,
      `/api/projects/${project}/calibration/settings`,
      { user: owner },
    )
    if (settings.retakeCooldownMinutes > 0) {
      await page.getByTestId('retake-when').waitFor()
      expect(await page.getByTestId('start-attempt').isDisabled()).toBe(true)
    }

    // Ben disputes a gold value he missed.
    const missed = page.getByTestId('feedback-row').and(page.locator('[data-agrees="false"]')).first()
    await missed.getByTestId('dispute-open').click()
    await missed
      .getByTestId('dispute-comment')
      .fill('The response does answer the question; 1 seems too harsh to be wrong.')
    await missed.getByTestId('dispute-send').click()
    await page.getByTestId('my-dispute').and(page.locator('[data-status="open"]')).waitFor()
    await screenshot(page, 'calibration-04-feedback-failed-dispute', { fullPage: true })

    // Cy fails everything.
    const cyUser = await suite.newUser(server.url, cy)
    await answerAll(cyUser.page, server.url, project, PLANS.cy!)
    await submit(cyUser.page)

    // The lead's dashboard.
    const lead = await suite.newUser(server.url, owner)
    await lead.page.goto(`${server.url}/projects/${project}`)
    await lead.page.getByTestId('results-link').click()
    await lead.page.getByTestId('results-page').waitFor()
    const score = (name: string) =>
      lead.page
        .getByTestId('annotator-row')
        .and(lead.page.locator(`[data-name="${name}"]`))
        .getByTestId('annotator-score')
    await waitFor(async () => (await score('Ada Annotator').textContent()) === '100%', {
      message: 'Ada scored',
    })
    expect(await score('Ben Annotator').textContent()).toMatch(/^\d+%$/)
    expect(await score('Cy Annotator').textContent()).toMatch(/^\d+%$/)
    expect(await lead.page.getByTestId('criterion-row').count()).toBe(3)
    await lead.page.locator('[data-testid="agreement-chart"] .recharts-bar-rectangle').first().waitFor()
    await lead.page.locator('[data-testid="trend-chart"] .recharts-line-dot').first().waitFor()
    const sections = lead.page.getByTestId('misread-section')
    await sections.first().waitFor()
    expect(await sections.count()).toBe(2)
    // Example 1 (Helpfulness section) is missed by Ben and Cy; Example 2 (Safety) only by Cy.
    expect(await sections.first().textContent()).toContain('1. Helpfulness')
    expect(await sections.first().locator('a').getAttribute('href')).toBe(
      `/projects/${project}#${SECTIONS.help}`,
    )
    await screenshot(lead.page, 'calibration-05-dashboard', { fullPage: true })

    // The lead resolves the dispute; Ben sees the reply.
    const dispute = lead.page.getByTestId('dispute-row').and(lead.page.locator('[data-status="open"]'))
    await dispute
      .getByTestId('dispute-reply-input')
      .fill('Gold stays at 3: the answer skips the dosage the user asked for.')
    await dispute.getByTestId('dispute-gold-stands').click()
    await lead.page.getByTestId('dispute-row').and(lead.page.locator('[data-status="resolved"]')).waitFor()
    await page.reload()
    await page.getByTestId('dispute-reply').filter({ hasText: 'Gold stays at 3' }).waitFor()
    await screenshot(page, 'calibration-06-dispute-resolved', { fullPage: true })
  })
})
