/**
 * Task types (issue 15) in real Chromium: a lead builds, in the browser, criteria of the new kinds (label set,
 * spans, step verdicts), task types for conversations, reasoning and agent runs, one example of each with
 * its content typed in and gold for each new kind (spans selected with the mouse); a second lead co-edits the
 * reasoning example live; after publishing, an annotator takes the quiz blind, marks spans, picks labels and
 * step verdicts, submits and sees spans overlaid and step verdicts side by side. Takes the rater-view
 * screenshots of the README tour.
 */
import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot, screenshotSideBySide } from '../helpers/browser'
import { waitFor } from '../helpers/clients'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import { goldKeysInExamples, recordTraffic } from './calibrationFlow'
import { waitForStatus } from './editorPage'
import {
  addCriterionInPanel,
  addTaskTypeInPanel,
  answerCard,
  chooseSpanField,
  dragSelect,
  goldFor,
  tick,
} from './taskTypesFlow'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser

/** The gold rationales (real sentences, as the README tour shows them): none may reach the annotator before submitting. */
const RATIONALE = {
  chat: 'The return window is 30 days; the reply promises 14, so it is a factual error.',
  math: 'Step 2 is where it breaks: 120 km in 1.5 h is 80 km/h, not 90.',
  agent: 'It booked above the stated budget without asking first; that step is unsafe.',
} as const

const ISSUES = 'Issues'
const SPANS = 'Problem spans'
const STEPS = 'Step check'

const CHAT = {
  title: 'Chat: late return',
  user: 'Can I return my shoes after 60 days?',
  assistant: 'Yes, returns are accepted within 90 days for a full refund. You may also keep the shoes.',
}
const MATH = {
  title: 'Reasoning: train speed',
  prompt: 'A train covers 120 km in 1.5 hours. What is its average speed?',
  steps: ['Speed is distance divided by time.', '120 / 1.5 = 90', 'So the speed is 90 km/h.'],
  answer: 'The average speed is 90 km/h.',
  benStep: 'Check: 90 × 1.5 = 135, not 120.',
}
const AGENT = {
  title: 'Agent run: cheapest flight',
  task: 'Book the cheapest flight from Oslo to Rome on 12 May.',
  steps: [
    {
      thought: 'Search for flights first.',
      tool: 'search_flights',
      args: '{"from": "OSL", "to": "FCO", "date": "2026-05-12"}',
      observation: '3 flights: 129 EUR, 99 EUR, 210 EUR',
    },
    {
      thought: 'Book the first result.',
      tool: 'book_flight',
      args: '{"price": 129}',
      observation: 'Booked: 129 EUR',
    },
  ],
  outcome: 'Booked a 129 EUR flight although a 99 EUR flight was available.',
}

beforeAll(async () => {
  server = await spawnServer({ env: SERVER_ENV })
  owner = await setupOwner(server)
})

const examples = (page: Page) => page.getByTestId('example-block')
const exampleTitled = (page: Page, title: string) =>
  examples(page).filter({ has: page.locator(`[data-testid="example-title"][value="${title}"]`) })
/**
 * The guideline's top-level blocks as tag names, examples as EXAMPLE: a copy of an example block's rendered
 * widgets pasted into the text (ProseMirror parsing a drag of its DOM) shows up as extra P/OL blocks.
 */
const guidelineShape = (page: Page) =>
  page
    .locator('[data-testid="editor"] .ProseMirror.guideline')
    .evaluate((root) =>
      Array.from(root.children, (b) =>
        b.querySelector('[data-example-block]') ? 'EXAMPLE' : `${b.tagName}${b.textContent ? '' : '(empty)'}`,
      ),
    )
const problems = (page: Page) => page.getByTestId('problem').allTextContents()

async function openDraft(page: Page, projectId: string) {
  await page.goto(`${server.url}/projects/${projectId}`)
  await waitForStatus(page, 'saved')
  await page.getByTestId('rubric-panel').waitFor()
}

/**
 * Types into a rich field, then leaves it: its formatting bar goes away on blur and shifts the layout, so
 * leaving first keeps the next click from landing beside its target.
 */
async function typeInto(field: Locator, text: string): Promise<void> {
  await field.click()
  await field.page().keyboard.type(text)
  await field.evaluate((element) => (element as HTMLElement).blur())
  await field.page().getByTestId('field-toolbar').waitFor({ state: 'detached' })
}

/** A section heading at the end of the guideline (slash menu), then an example block below it (toolbar). */
async function newExampleUnder(page: Page, heading: string, count: number): Promise<Locator> {
  const guideline = page.getByLabel('Guideline text')
  // Into the empty paragraph at the end (Ctrl+End from the title can leave the last example node-selected,
  // and typing would replace it).
  await guideline.locator(':scope > p').last().click()
  await page.keyboard.type('/heading')
  await page.getByTestId('slash-heading').waitFor()
  await page.keyboard.press('Enter')
  await page.keyboard.type(heading)
  await guideline.locator('h2', { hasText: heading }).waitFor()
  await page.keyboard.press('Enter')
  await page.getByTestId('toolbar-example').click()
  await waitFor(async () => (await examples(page).count()) === count, {
    message: `example ${count} (guideline: ${JSON.stringify(await guidelineShape(page))})`,
  })
  return examples(page).nth(count - 1)
}

/** Title, task type (which sets the content kind) and status of a new example. */
async function describeExample(block: Locator, title: string, taskType: string) {
  await block.getByTestId('example-title').fill(title)
  await block.getByTestId('example-task-type').selectOption({ label: taskType })
  await block.getByTestId('example-status').selectOption('ready')
}

async function addSteps(block: Locator, n: number) {
  const steps = block.getByTestId('step')
  for (let count = await steps.count(); count < n; count++) {
    await block.getByTestId('step-add').click()
    await waitFor(async () => (await steps.count()) === count + 1, { message: `step ${count + 1}` })
  }
}

/** Marks `needle` in the span gold widget's text as `label` (label button, then a mouse selection). */
async function markGoldSpan(gold: Locator, label: string, needle: string) {
  const before = await gold.getByTestId('gold-span-list').locator('li').count()
  await gold.getByTestId('span-label').filter({ hasText: label }).click()
  await dragSelect(gold.getByTestId('span-text'), needle)
  await screenshot(gold.page(), `debug-span-${needle.slice(0, 5)}`)
  await waitFor(async () => (await gold.getByTestId('gold-span-list').locator('li').count()) === before + 1, {
    message: `the gold span "${needle}"`,
  })
  expect(await gold.getByTestId('gold-span-list').locator('li').last().textContent()).toContain(`“${needle}”`)
}

describe('task types in the browser', () => {
  it('leads build conversation, reasoning and trajectory examples with gold, co-edit live; an annotator takes them blind', async () => {
    const started = Date.now()
    const projectId = await createProject(server.url, owner, 'Agent & reasoning review')
    const benAccount = await inviteUser(server.url, owner, projectId, 'lead', 'Ben Lead')
    const anaAccount = await inviteUser(server.url, owner, projectId, 'annotator', 'Ana Annotator')
    const olivia = await suite.newUser(server.url, owner)
    const page = olivia.page
    await openDraft(page, projectId)

    // 1. Criteria of the new kinds, in the criterion cards.
    await addCriterionInPanel(page, {
      title: ISSUES,
      description: 'Every kind of problem the response or run has.',
      kind: 'multiLabel',
      labels: ['factual error', 'ignored instruction', 'unsafe'],
      allowNA: true,
    })
    await addCriterionInPanel(page, {
      title: SPANS,
      description: 'Mark the exact words that are wrong or unsupported.',
      kind: 'span',
      labels: ['error', 'unsupported'],
    })
    const stepCard = await addCriterionInPanel(page, {
      title: STEPS,
      description: 'Judge each step on its own; name the first wrong one.',
      kind: 'stepVerdict',
    })
    await stepCard.getByTestId('criterion-step-mode').selectOption('both')
    await stepCard.getByTestId('criterion-step-tolerance').waitFor()
    expect(await stepCard.getByTestId('verdicts').textContent()).toContain('incorrect')

    // Task types: which criteria are asked about which content.
    await addTaskTypeInPanel(page, { name: 'Chat review', kind: 'conversation', asked: [ISSUES, SPANS] })
    await addTaskTypeInPanel(page, { name: 'Math reasoning', kind: 'reasoning', asked: [SPANS, STEPS] })
    await addTaskTypeInPanel(page, { name: 'Agent run', kind: 'trajectory', asked: [ISSUES, STEPS] })
    await page.getByTestId('task-types').scrollIntoViewIfNeeded()
    await screenshot(page, 'tasktypes-01-panel')

    // A conversation: two turns, label-set gold and two gold spans in the assistant's turn.
    const chat = await newExampleUnder(page, '1. Chats', 1)
    await describeExample(chat, CHAT.title, 'Chat review')
    await chat.getByTestId('conversation-editor').waitFor()
    while ((await chat.getByTestId('turn').count()) < 2) await chat.getByTestId('turn-add').click()
    await chat.getByTestId('turn-role').nth(0).selectOption('user')
    await chat.getByTestId('turn-role').nth(1).selectOption('assistant')
    await typeInto(chat.getByTestId('turn-text').nth(0), CHAT.user)
    await typeInto(chat.getByTestId('turn-text').nth(1), CHAT.assistant)
    const chatIssues = goldFor(chat, ISSUES)
    await tick(chatIssues.getByTestId('gold-label').nth(0))
    await chatIssues.getByTestId('gold-rationale').fill(RATIONALE.chat)
    const chatSpans = goldFor(chat, SPANS)
    await chatSpans.getByTestId('span-text').waitFor()
    await chooseSpanField(chatSpans, 'Turn 2')
    await markGoldSpan(chatSpans, 'error', 'within 90 days')
    await markGoldSpan(chatSpans, 'unsupported', 'You may also keep the shoes.')
    await chatSpans.getByTestId('gold-span-note').nth(0).fill('The policy says 30 days.')
    await chatSpans.getByTestId('gold-span-note').nth(0).press('Enter')
    await chatSpans.scrollIntoViewIfNeeded()
    await screenshot(page, 'tasktypes-02-conversation-gold')

    // A reasoning chain: three steps, a verdict per step and the first wrong step, a gold span in step 2.
    const math = await newExampleUnder(page, '2. Reasoning', 2)
    await describeExample(math, MATH.title, 'Math reasoning')
    await typeInto(math.getByTestId('example-prompt'), MATH.prompt)
    await addSteps(math, 3)
    for (const [i, text] of MATH.steps.entries()) await typeInto(math.getByTestId('step-text').nth(i), text)
    await typeInto(math.getByTestId('example-answer'), MATH.answer)
    const mathSteps = goldFor(math, STEPS)
    for (const [i, verdict] of ['correct', 'incorrect', 'incorrect'].entries())
      await mathSteps.getByTestId('gold-step-verdict').nth(i).selectOption(verdict)
    await mathSteps.getByTestId('gold-first-wrong').selectOption({ label: 'Step 2' })
    await mathSteps.getByTestId('gold-rationale').fill(RATIONALE.math)
    const mathSpans = goldFor(math, SPANS)
    await chooseSpanField(mathSpans, 'Step 2')
    await markGoldSpan(mathSpans, 'error', '= 90')

    // An agent trajectory: two steps with tool calls and JSON arguments.
    const agent = await newExampleUnder(page, '3. Agent runs', 3)
    await describeExample(agent, AGENT.title, 'Agent run')
    await typeInto(agent.getByTestId('example-task'), AGENT.task)
    await addSteps(agent, 2)
    for (const [i, step] of AGENT.steps.entries()) {
      await typeInto(agent.getByTestId('step-thought').nth(i), step.thought)
      await agent.getByTestId('step-tool').nth(i).fill(step.tool)
      await agent.getByTestId('step-args').nth(i).fill(step.args)
      await typeInto(agent.getByTestId('step-observation').nth(i), step.observation)
    }
    expect(await agent.getByTestId('step-args-invalid').count()).toBe(0)
    await typeInto(agent.getByTestId('example-outcome'), AGENT.outcome)
    const agentIssues = goldFor(agent, ISSUES)
    await tick(agentIssues.getByTestId('gold-label').nth(1))
    await agentIssues.getByTestId('gold-rationale').fill(RATIONALE.agent)
    const agentSteps = goldFor(agent, STEPS)
    for (const [i, verdict] of ['correct', 'incorrect'].entries())
      await agentSteps.getByTestId('gold-step-verdict').nth(i).selectOption(verdict)
    await agentSteps.getByTestId('gold-first-wrong').selectOption({ label: 'Step 2' })
    await agent.scrollIntoViewIfNeeded()
    await screenshot(page, 'tasktypes-03-trajectory-editor')

    // Marking spans by mouse inside the block left the guideline text alone.
    expect(await guidelineShape(page)).toEqual([
      'H1',
      'H2',
      'EXAMPLE',
      'H2',
      'EXAMPLE',
      'H2',
      'EXAMPLE',
      'P(empty)',
    ])
    // 2. Ben opens the same draft; both edit the reasoning example live.
    const ben = await suite.newUser(server.url, benAccount)
    await openDraft(ben.page, projectId)
    const benMath = exampleTitled(ben.page, MATH.title)
    await benMath.getByTestId('step').nth(2).waitFor()
    const oliviaMath = exampleTitled(page, MATH.title)
    await benMath.getByTestId('step-add').click()
    await typeInto(benMath.getByTestId('step-text').nth(3), MATH.benStep)
    await waitFor(
      async () =>
        (await oliviaMath.getByTestId('step').count()) === 4 &&
        (await oliviaMath.getByTestId('step-text').nth(3).textContent()) === MATH.benStep,
      { message: "Olivia to see Ben's new step 4" },
    )
    const benSpans = goldFor(benMath, SPANS)
    await chooseSpanField(benSpans, 'Final answer')
    await markGoldSpan(benSpans, 'error', '90 km/h')
    await waitFor(
      async () =>
        ((await goldFor(oliviaMath, SPANS).getByTestId('gold-span-list').textContent()) ?? '').includes(
          '“90 km/h”',
        ),
      { message: "Olivia to see Ben's gold span" },
    )
    // Olivia gives Ben's step its gold verdict; Ben sees it.
    await goldFor(oliviaMath, STEPS).getByTestId('gold-step-verdict').nth(3).selectOption('correct')
    await waitFor(
      async () =>
        (await goldFor(benMath, STEPS).getByTestId('gold-step-verdict').nth(3).inputValue()) === 'correct',
      { message: "Ben to see Olivia's verdict for his step" },
    )
    // Both drafts' checks have caught up (the calibration pool counts all three items) before the picture.
    for (const lead of [page, ben.page])
      await lead.getByTestId('attempt-settings-pool').filter({ hasText: 'all 3 calibration items' }).waitFor()
    await oliviaMath.scrollIntoViewIfNeeded()
    await benMath.scrollIntoViewIfNeeded()
    await screenshotSideBySide(
      [
        { label: 'Olivia (owner) sees step 4 and the span Ben added', page },
        { label: 'Ben (lead) added step 4 and a gold span', page: ben.page },
      ],
      'tasktypes-04-two-leads',
    )

    // 3. No problems left: publish.
    await waitFor(async () => (await page.getByTestId('problems-none').count()) === 1, {
      message: `no problems (${JSON.stringify(await problems(page))})`,
    })
    await waitForStatus(page, 'saved')
    await waitForStatus(ben.page, 'saved')
    await apiJson(server.url, `/api/projects/${projectId}/versions`, {
      user: owner,
      body: { bump: 'major', changelog: 'Task types' },
    })
    const built = Date.now()

    // The annotator takes the quiz.
    const ana = await suite.newUser(server.url, anaAccount)
    const rater = ana.page
    const traffic = recordTraffic(rater)
    await rater.goto(`${server.url}/projects/${projectId}`)
    await rater.getByTestId('take-calibration').click()
    await rater.getByTestId('start-attempt').click()
    await rater.getByTestId('runner').waitFor()
    for (let i = 1; i <= 3; i++) {
      await rater
        .getByTestId('runner-progress')
        .filter({ hasText: `${i} / 3` })
        .waitFor()
      const title = (await rater.getByTestId('example-title').textContent()) ?? ''
      // No gold beside the quiz either: the held-out items are not in the guideline pane.
      const pane = (await rater.getByTestId('guideline-pane').textContent()) ?? ''
      for (const leak of ['Gold answers', 'Gold labels', 'Held-out calibration item', CHAT.user])
        expect(pane).not.toContain(leak)
      if (title === CHAT.title) await answerChat(rater)
      else if (title === MATH.title) await answerMath(rater)
      else if (title === AGENT.title) await answerAgent(rater)
      else throw new Error(`unexpected item ${title}`)
      await rater.getByTestId(i < 3 ? 'next-example' : 'go-review').click()
    }
    await rater.getByTestId('review').waitFor()
    await rater.getByTestId('answers-save-status').and(rater.locator('[data-status="saved"]')).waitFor()
    expect(await rater.getByTestId('review-missing').count()).toBe(0)
    const raterHtml = await rater.content()
    for (const rationale of Object.values(RATIONALE)) expect(raterHtml).not.toContain(rationale)
    const received = await traffic.stop()
    expect(received.some((r) => r.url.includes('/calibration/attempts'))).toBe(true)
    for (const { url, text } of received) {
      for (const rationale of Object.values(RATIONALE))
        expect(text, `gold rationale in ${url}`).not.toContain(rationale)
      let json: unknown = null
      try {
        json = JSON.parse(text)
      } catch {}
      expect(goldKeysInExamples(json), `gold keys in ${url}`).toEqual([])
    }

    await rater.getByTestId('submit-attempt').click()
    await rater.getByTestId('feedback').waitFor()
    const feedbackText = (await rater.getByTestId('feedback').textContent()) ?? ''
    for (const rationale of Object.values(RATIONALE)) expect(feedbackText).toContain(rationale)
    const chatFeedback = rater.getByTestId('feedback-example').filter({ hasText: CHAT.title })
    const chatOverlay = chatFeedback.getByTestId('feedback-spans')
    expect(await chatOverlay.textContent()).toContain('1 matched · 1 missed · 1 extra')
    expect(await chatOverlay.locator('[data-testid="span-mark"].span-seg--missed').allTextContents()).toEqual(
      ['You may also keep the shoes.'],
    )
    expect(await chatOverlay.locator('[data-testid="span-mark"].span-seg--extra').allTextContents()).toEqual([
      'full refund',
    ])
    expect(await chatFeedback.getByTestId('feedback-labels').textContent()).toContain('not in gold')
    await chatOverlay.scrollIntoViewIfNeeded()
    await screenshot(rater, 'tasktypes-08-feedback-spans')

    const mathFeedback = rater.getByTestId('feedback-example').filter({ hasText: MATH.title })
    const rows = mathFeedback.getByTestId('step-compare-row')
    expect(await rows.evaluateAll((r) => r.map((row) => row.getAttribute('data-agrees')))).toEqual([
      'true',
      'true',
      'false',
      'true',
    ])
    expect(await rows.nth(2).textContent()).toContain('correct')
    expect(await rows.nth(2).textContent()).toContain('incorrect')
    await mathFeedback
      .getByTestId('feedback-steps')
      .evaluate((element) => element.scrollIntoView({ block: 'center' }))
    await screenshot(rater, 'tasktypes-09-feedback-steps')
    console.log(
      `task types e2e: building ${Math.round((built - started) / 1000)} s, quiz ${Math.round((Date.now() - built) / 1000)} s`,
    )
  })
})

/** Conversation: marks one gold span right, one span gold does not have (and misses one); two labels. */
async function answerChat(page: Page) {
  await page.getByTestId('conversation-turn').nth(1).waitFor()
  await screenshot(page, 'tasktypes-05-quiz-conversation')
  const spans = answerCard(page, SPANS)
  const text = page.locator(
    '[data-testid="conversation-turn"][data-role="assistant"] [data-testid="span-text"]',
  )
  await spans.getByTestId('span-label').filter({ hasText: 'error' }).click()
  await dragSelect(text, 'within 90 days')
  await spans.getByTestId('span-label').filter({ hasText: 'unsupported' }).click()
  await dragSelect(text, 'full refund')
  await waitFor(async () => (await spans.getByTestId('marked-spans').locator('li').count()) === 2, {
    message: 'two marked spans',
  })
  expect(await spans.getByTestId('marked-spans').textContent()).toContain('“within 90 days”')
  const issues = answerCard(page, ISSUES)
  await tick(issues.getByTestId('label-check').nth(0))
  await tick(issues.getByTestId('label-check').nth(1))
  await text.scrollIntoViewIfNeeded()
  await screenshot(page, 'tasktypes-06-span-marking')
}

/** Reasoning: one wrong verdict of four, the first wrong step right, one gold span of two. */
async function answerMath(page: Page) {
  await page.getByTestId('content-step').nth(3).waitFor()
  const verdicts = page.getByTestId('step-verdict')
  for (const [i, verdict] of ['correct', 'incorrect', 'correct', 'correct'].entries())
    await verdicts.nth(i).selectOption(verdict)
  await answerCard(page, STEPS).getByTestId('first-wrong').selectOption({ index: 3 })
  const spans = answerCard(page, SPANS)
  await spans.getByTestId('span-label').filter({ hasText: 'error' }).click()
  await dragSelect(page.getByTestId('content-step').nth(1).getByTestId('span-text'), '= 90')
  await spans.getByTestId('marked-spans').waitFor()
  await screenshot(page, 'tasktypes-07-quiz-reasoning')
}

/** Trajectory: the gold label and both verdicts and the first wrong step as gold has them. */
async function answerAgent(page: Page) {
  await page.getByTestId('content-step').nth(1).waitFor()
  await page.getByTestId('tool-call').nth(1).waitFor()
  await tick(answerCard(page, ISSUES).getByTestId('label-check').nth(1))
  const verdicts = page.getByTestId('step-verdict')
  await verdicts.nth(0).selectOption('correct')
  await verdicts.nth(1).selectOption('incorrect')
  await answerCard(page, STEPS).getByTestId('first-wrong').selectOption({ index: 3 })
  await page.evaluate(() => window.scrollTo(0, 0))
  await screenshot(page, 'tasktypes-07-quiz-trajectory')
}
