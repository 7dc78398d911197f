/**
 * Issue 22, small screens: an annotator calibrates at 360, 768 and 1280 px wide — the start screen, the quiz
 * while answering, the review screen and the feedback after submit. The header's parts never overlap (the
 * avatar used to cover the title), nothing makes the page scroll sideways, and every choice of every criterion
 * is on screen, not covered, and at least 40 px each way to tap. Screenshots go to
 * test-results/screenshots/calsmall-*.png.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot } from '../helpers/browser'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import { answerCurrent, type Plan, publishCalibration, submit } from './calibrationFlow'
import { boxesOf, expectHeaderFits } from './layoutChecks'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser
let annotator: TestUser
let project: string

const WIDTHS = [360, 768, 1280]
const RIGHT = { help: 3, acc: 5, safe: true }
const PLAN: Plan = { 'Example 1': RIGHT, 'Example 2': { help: 1, acc: 2, safe: false } }

beforeAll(async () => {
  server = await spawnServer({ env: SERVER_ENV })
  owner = await setupOwner(server)
  project = await createProject(server.url, owner, 'Medical QA — helpfulness & safety for small screens')
  annotator = await inviteUser(server.url, owner, project, 'annotator', 'Annika Annotator-Longname')
  await publishCalibration(server.url, project, owner)
})

/** Screenshot, then: header parts apart and on screen, no sideways scrolling. */
async function checkLayout(page: Page, what: string, width: number): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0))
  await screenshot(page, `calsmall-${what}-${width}`, { fullPage: true })
  await expectHeaderFits(page, what, width)
  const title = await page.locator('.calibration-header__title').boundingBox()
  expect(title?.width ?? 0, `${what} at ${width}px: the page title is visible`).toBeGreaterThan(40)
}

/** Every answer choice and the rationale field of each criterion: on screen, uncovered, ≥ 40 px to tap. */
async function checkTargets(page: Page, width: number): Promise<void> {
  const criteria = page.getByTestId('answer-criterion')
  const count = await criteria.count()
  expect(count, 'criteria on screen').toBeGreaterThanOrEqual(3)
  for (let i = 0; i < count; i++) {
    await criteria.nth(i).scrollIntoViewIfNeeded()
    const targets = await boxesOf(
      page,
      `[data-testid="answer-criterion"]:nth-of-type(${i + 1}) [data-testid^="choice-"], [data-testid="answer-criterion"]:nth-of-type(${i + 1}) [data-testid="rationale"]`,
    )
    expect(targets.length, `criterion ${i + 1} has choices at ${width}px`).toBeGreaterThan(1)
    for (const target of targets) {
      const where = `criterion ${i + 1}, ${target.name} at ${width}px`
      expect(target.height, `${where}: height`).toBeGreaterThanOrEqual(40)
      expect(target.width, `${where}: width`).toBeGreaterThanOrEqual(40)
      expect(target.x, `${where}: starts off screen`).toBeGreaterThanOrEqual(0)
      expect(target.x + target.width, `${where}: ends off screen`).toBeLessThanOrEqual(width + 0.5)
      if (target.y >= 0 && target.y + target.height <= 800)
        expect(target.onTop, `${where}: covered`).toBe(true)
    }
  }
  for (const id of ['next-example', 'go-review', 'prev-example']) {
    const button = page.getByTestId(id)
    if ((await button.count()) === 0) continue
    const box = await button.boundingBox()
    if (!box) continue
    expect(box.height, `${id} at ${width}px: height`).toBeGreaterThanOrEqual(width <= 640 ? 40 : 30)
    expect(box.x + box.width, `${id} at ${width}px: ends off screen`).toBeLessThanOrEqual(width + 0.5)
  }
}

/** Feedback cells whose text runs out of them (into the next column), named by their row's criterion. */
function overflowingCells(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid="feedback-row"] > td')).flatMap((cell) =>
      cell.scrollWidth > cell.clientWidth + 1
        ? [`${cell.parentElement?.firstElementChild?.textContent}`]
        : [],
    ),
  )
}

async function atEveryWidth(page: Page, step: (width: number) => Promise<void>): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 })
    await step(width)
  }
}

describe('calibration on small screens', () => {
  it('the start screen, quiz, review and feedback fit at 360, 768 and 1280 px', async () => {
    const { page } = await suite.newUser(server.url, annotator)
    await page.goto(`${server.url}/projects/${project}/calibration`)
    await page.getByTestId('start-attempt').waitFor()
    await atEveryWidth(page, (width) => checkLayout(page, 'start', width))

    await page.getByTestId('start-attempt').click()
    await page.getByTestId('runner').waitFor()
    await atEveryWidth(page, async (width) => {
      await checkLayout(page, 'quiz', width)
      await checkTargets(page, width)
    })
    // Answer at phone width, tapping through every criterion.
    await page.setViewportSize({ width: 360, height: 800 })
    await answerCurrent(page, PLAN)
    await page.getByTestId('next-example').click()
    await page.getByTestId('runner-progress').filter({ hasText: '2 / 2' }).waitFor()
    await answerCurrent(page, PLAN)
    await checkLayout(page, 'quiz-answered', 360)
    await page.getByTestId('go-review').click()
    await page.getByTestId('review').waitFor()
    await page.getByTestId('answers-save-status').and(page.locator('[data-status="saved"]')).waitFor()
    await atEveryWidth(page, (width) => checkLayout(page, 'review', width))
    await page.setViewportSize({ width: 360, height: 800 })
    for (const id of ['review-edit', 'submit-attempt']) {
      const box = await page.getByTestId(id).first().boundingBox()
      expect(box?.height ?? 0, `${id} at 360px: height`).toBeGreaterThanOrEqual(40)
    }

    await page.setViewportSize({ width: 360, height: 800 })
    await submit(page)
    await page.getByTestId('feedback-verdict').waitFor()
    await atEveryWidth(page, async (width) => {
      await checkLayout(page, 'feedback', width)
      expect(await overflowingCells(page), `feedback text running out of its cell at ${width}px`).toEqual([])
    })
  })

  it("a lead's results page fits a phone", async () => {
    const { page } = await suite.newUser(server.url, owner)
    await page.setViewportSize({ width: 360, height: 800 })
    await page.goto(`${server.url}/projects/${project}/results`)
    await page.getByTestId('results-version').waitFor()
    await checkLayout(page, 'results', 360)
  })
})
