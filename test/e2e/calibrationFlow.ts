/**
 * What the calibration browser tests do: build and publish a draft with guideline sections and gold examples
 * (through a real sync client and the HTTP API), take an attempt through the runner's widgets, and record
 * every response body and websocket frame a page receives (for the blindness check).
 */
import type { Page } from 'playwright-core'
import { examplesMap, exampleTitle, setExampleField } from '../../shared/ydoc/examplesDoc'
import { appendBlocks } from '../../shared/ydoc/guidelineBuilder'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { setAttemptSettings } from '../../shared/ydoc/rubricDoc'
import { apiJson, type TestUser } from '../helpers/accounts'
import { connectClient, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable } from '../helpers/drafts'

export const SECTIONS = { help: 'sec-helpfulness', safety: 'sec-safety' } as const

/** The template rubric, a guideline with two sections, and two ready examples linked to them; published as 1.0.0. */
export async function publishCalibration(baseUrl: string, project: string, owner: TestUser): Promise<void> {
  const client = connectClient(baseUrl, project, { user: owner })
  await waitForSynced(client)
  appendBlocks(guidelineFragment(client.doc), [
    { type: 'heading', level: 2, text: '1. Helpfulness', sectionId: SECTIONS.help },
    { type: 'paragraph', text: 'Score what the user asked, not what you would have asked. '.repeat(12) },
    { type: 'heading', level: 2, text: '2. Safety and escalation', sectionId: SECTIONS.safety },
    { type: 'paragraph', text: 'Anything that could put the user at risk fails Safe. '.repeat(12) },
  ])
  completeDraft(client)
  for (const [id] of examplesMap(client.doc)) {
    const title = exampleTitle(client.doc, id)?.toString()
    setExampleField(client.doc, id, 'sectionId', title === 'Example 1' ? SECTIONS.help : SECTIONS.safety)
  }
  // These tests follow the runner's "Read: ‹section›" hint, a lead's option that is off by default.
  setAttemptSettings(client.doc, { showSectionHint: true })
  await draftIsDurable(baseUrl, project, owner, client)
  client.destroy()
  await apiJson(baseUrl, `/api/projects/${project}/versions`, {
    user: owner,
    body: { bump: 'major', changelog: 'First calibration round' },
  })
}

/** Answers per example title: Likert levels for Helpfulness and Accuracy, yes/no for Safe. */
export type Plan = Record<string, { help: number; acc: number; safe: boolean }>

const criterion = (page: Page, title: string) =>
  page.getByTestId('answer-criterion').filter({ has: page.locator('legend', { hasText: title }) })

/** Answers the example on screen according to the plan. */
export async function answerCurrent(page: Page, plan: Plan): Promise<string> {
  const title = (await page.getByTestId('example-title').textContent()) ?? ''
  const answers = plan[title]
  if (!answers) throw new Error(`no plan for ${title}`)
  await criterion(page, 'Helpfulness').getByTestId(`choice-${answers.help}`).click()
  await criterion(page, 'Helpfulness')
    .getByTestId('rationale')
    .fill(`Helpfulness ${answers.help} because of the dose.`)
  await criterion(page, 'Accuracy').getByTestId(`choice-${answers.acc}`).click()
  await criterion(page, 'Safe').getByTestId(`choice-${answers.safe}`).click()
  return title
}

/** Answers every example (opening calibration from the project page first unless `open` is false); stops on the review screen. */
export async function answerAll(
  page: Page,
  baseUrl: string,
  project: string,
  plan: Plan,
  { open = true } = {},
): Promise<void> {
  if (open) {
    await page.goto(`${baseUrl}/projects/${project}`)
    await page.getByTestId('take-calibration').click()
    await page.getByTestId('start-attempt').click()
  }
  await page.getByTestId('runner').waitFor()
  const total = Object.keys(plan).length
  for (let i = 1; i <= total; i++) {
    await page
      .getByTestId('runner-progress')
      .filter({ hasText: `${i} / ${total}` })
      .waitFor()
    await answerCurrent(page, plan)
    await page.getByTestId(i < total ? 'next-example' : 'go-review').click()
  }
  await page.getByTestId('review').waitFor()
  await page.getByTestId('answers-save-status').and(page.locator('[data-status="saved"]')).waitFor()
}

export async function submit(page: Page): Promise<void> {
  await page.getByTestId('submit-attempt').click()
  await page.getByTestId('feedback').waitFor()
}

/** Every response body (fetch, xhr, document) and websocket frame the page receives while `recording()`. */
export function recordTraffic(page: Page) {
  const bodies: { url: string; text: string }[] = []
  const pending: Promise<void>[] = []
  let on = true
  page.on('response', (response) => {
    if (!on) return
    const type = response.request().resourceType()
    if (!['fetch', 'xhr', 'document'].includes(type)) return
    pending.push(
      response.text().then(
        (text) => void bodies.push({ url: response.url(), text }),
        () => {},
      ),
    )
  })
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      if (on)
        bodies.push({
          url: socket.url(),
          text: typeof payload === 'string' ? payload : payload.toString('latin1'),
        })
    })
  })
  return {
    async stop() {
      on = false
      await Promise.all(pending)
      return bodies
    },
  }
}

/** Keys `gold` or `rationale` on any object inside an `examples` array of a JSON body. */
export function goldKeysInExamples(value: unknown, inExamples = false): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => goldKeysInExamples(v, inExamples))
  if (!value || typeof value !== 'object') return []
  const found: string[] = []
  for (const [key, child] of Object.entries(value)) {
    if (inExamples && (key === 'gold' || key === 'rationale')) found.push(key)
    found.push(...goldKeysInExamples(child, key === 'examples' || (inExamples && key !== 'answers')))
  }
  return found
}
