/**
 * The rubric and gold examples in real Chromium: a lead builds a rubric from a template and embeds two
 * calibration examples in the guideline (toolbar and `/` menu) with gold answers; a second lead sees it live
 * and edits a level descriptor the first sees; the checks report missing gold until it is filled in; undo in
 * the panel takes back one's own rubric edit; reviewers see everything and can change nothing.
 */
import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot, screenshotSideBySide } from '../helpers/browser'
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

/** The end of the guideline (nested example editors are ProseMirrors too, so go through the heading). */
async function caretToEnd(page: Page): Promise<void> {
  await page.getByLabel('Guideline text').locator('h1').first().click()
  await page.keyboard.press('Control+End')
}

const criteria = (page: Page) => page.getByTestId('criterion')
const examples = (page: Page) => page.getByTestId('example-block')
const problemCodes = (page: Page) =>
  page.getByTestId('problem').evaluateAll((items) => items.map((item) => item.getAttribute('data-code')))

async function typeInto(field: Locator, text: string): Promise<void> {
  await field.click()
  await field.page().keyboard.type(text)
}

/** Fills an example's title and content and picks gold for the criteria at `goldIndexes` (option index each). */
async function fillExample(block: Locator, title: string, fields: string[], gold: (number | null)[]) {
  await block.getByTestId('example-title').fill(title)
  for (const [testId, text] of fields.map((f) => f.split('=') as [string, string]))
    await typeInto(block.getByTestId(testId), text)
  const widgets = block.getByTestId('gold')
  for (const [index, option] of gold.entries()) {
    if (option === null) continue
    await widgets.nth(index).getByTestId('gold-option').nth(option).click()
  }
}

async function openDraft(page: Page, projectId: string) {
  await page.goto(`${server.url}/projects/${projectId}`)
  await waitForStatus(page, 'saved')
  await page.getByTestId('rubric-panel').waitFor()
}

describe('rubric and gold examples', () => {
  it('two leads build a rubric and gold examples together, live; checks follow the gold', async () => {
    const projectId = await createProject(server.url, owner, 'Helpfulness rubric')
    const adaAccount = await inviteUser(server.url, owner, projectId, 'lead', 'Ada Lead')
    const benAccount = await inviteUser(server.url, owner, projectId, 'lead', 'Ben Lead')
    const ada = await suite.newUser(server.url, adaAccount)
    const ben = await suite.newUser(server.url, benAccount)

    await openDraft(ada.page, projectId)
    await ada.page.getByTestId('rubric-empty').waitFor()
    expect(await problemCodes(ada.page)).toEqual(['rubric_no_criteria'])
    await screenshot(ada.page, 'rubric-01-empty')

    await ada.page.getByTestId('template-likert-helpfulness').click()
    await waitFor(async () => (await criteria(ada.page).count()) === 3, { message: 'three criteria' })
    expect(await ada.page.getByTestId('rubric-title').inputValue()).toBe('Response quality')
    await ada.page.getByTestId('problems-none').waitFor()

    // Example 1 from the toolbar, under the project's heading.
    await caretToEnd(ada.page)
    await ada.page.getByTestId('toolbar-example').click()
    await waitFor(async () => (await examples(ada.page).count()) === 1, { message: 'the first example' })
    const first = examples(ada.page).nth(0)
    expect(await first.getByTestId('example-section').textContent()).toBe('Illustrates: Helpfulness rubric')
    await waitFor(async () => (await problemCodes(ada.page)).includes('gold_missing'), {
      message: 'gold missing for the new example',
    })
    await fillExample(
      first,
      'Ibuprofen dose',
      [
        'example-prompt=How much ibuprofen can I take?',
        'example-response=Up to 1200 mg a day without a doctor.',
      ],
      [3, 4, 0],
    )
    await first
      .getByTestId('gold')
      .nth(0)
      .getByTestId('gold-option')
      .nth(4)
      .click({ modifiers: ['Shift'] })
    expect(await first.getByTestId('gold-summary').nth(0).textContent()).toBe('4 — Good or 5 — Excellent')

    // Example 2 with the slash command, as a pairwise example; one gold value left out.
    // A new section from the `/` menu gets a section id (UniqueID); the example below it links to it.
    await caretToEnd(ada.page)
    await ada.page.keyboard.type('/heading')
    await ada.page.getByTestId('slash-heading').waitFor()
    await ada.page.keyboard.press('Enter')
    await ada.page.keyboard.type('2. Emergencies')
    await ada.page.keyboard.press('Enter')
    await ada.page.keyboard.type('/pair')
    await ada.page.getByTestId('slash-menu').waitFor()
    await screenshot(ada.page, 'rubric-02-slash-menu')
    await ada.page.keyboard.press('Enter')
    await waitFor(async () => (await examples(ada.page).count()) === 2, { message: 'the second example' })
    const second = examples(ada.page).nth(1)
    expect(await second.getByTestId('example-kind').inputValue()).toBe('pairwise')
    expect(await second.getByTestId('example-section').textContent()).toBe('Illustrates: 2. Emergencies')
    await fillExample(
      second,
      'Chest pain',
      [
        'example-prompt=I have chest pain, what should I do?',
        'example-response-a=Call emergency services now.',
        'example-response-b=Rest and see if it passes.',
      ],
      [1, 3, null],
    )
    await waitFor(async () => JSON.stringify(await problemCodes(ada.page)) === '["gold_missing"]', {
      message: 'only the missing gold value reported',
    })
    expect(await ada.page.getByTestId('problem').textContent()).toContain(
      'Example “Chest pain” has no gold value for “Safe”',
    )
    expect(await second.getByTestId('example-problems').textContent()).toContain('no gold value for “Safe”')

    // Ben sees all of it live and edits a level descriptor that Ada sees.
    await openDraft(ben.page, projectId)
    await waitFor(
      async () => (await criteria(ben.page).count()) === 3 && (await examples(ben.page).count()) === 2,
      {
        message: 'Ben to see the rubric and the examples',
      },
    )
    expect(await examples(ben.page).nth(1).getByTestId('example-title').inputValue()).toBe('Chest pain')
    expect(await examples(ben.page).nth(1).getByTestId('example-section').textContent()).toBe(
      'Illustrates: 2. Emergencies',
    )
    expect(await examples(ben.page).nth(0).getByTestId('gold-summary').nth(0).textContent()).toBe(
      '4 — Good or 5 — Excellent',
    )
    const benDescriptor = criteria(ben.page).nth(0).getByTestId('level-descriptor').nth(0)
    await benDescriptor.click()
    await ben.page.keyboard.press('Control+End')
    await ben.page.keyboard.type(' Or answers a different question.')
    const adaDescriptor = criteria(ada.page).nth(0).getByTestId('level-descriptor').nth(0)
    await waitFor(
      async () => (await adaDescriptor.inputValue()).endsWith('Or answers a different question.'),
      {
        message: "Ada to see Ben's descriptor edit",
      },
    )
    expect(await adaDescriptor.inputValue()).toBe(
      'Ignores or misreads the request. Or answers a different question.',
    )
    await screenshotSideBySide(
      [
        { label: 'Ada (lead)', page: ada.page },
        { label: 'Ben (lead) — edited the level 1 descriptor', page: ben.page },
      ],
      'rubric-03-two-leads',
    )

    // Ada fills the missing gold: the checks are clear for both.
    await examples(ada.page).nth(1).getByTestId('gold').nth(2).getByTestId('gold-option').nth(0).click()
    await ada.page.getByTestId('problems-none').waitFor()
    await ben.page.getByTestId('problems-none').waitFor()
    await examples(ada.page).nth(1).scrollIntoViewIfNeeded()
    await screenshot(ada.page, 'rubric-04-example-gold')

    // Undo in the panel takes back Ada's own last rubric edit only.
    await ada.page.getByTestId('add-criterion').click()
    await waitFor(async () => (await criteria(ben.page).count()) === 4, {
      message: 'Ben to see a fourth criterion',
    })
    await ben.page.getByTestId('problem').first().waitFor()
    await ada.page.getByTestId('rubric-undo').click()
    await waitFor(async () => (await criteria(ben.page).count()) === 3, { message: 'the undo to reach Ben' })
    expect(await adaDescriptor.inputValue()).toBe(
      'Ignores or misreads the request. Or answers a different question.',
    )
    await waitFor(async () => (await problemCodes(ben.page)).length === 0, {
      message: `Ben's checks to clear (${JSON.stringify(await ben.page.getByTestId('problem').allTextContents())})`,
    })
    await ben.page.getByTestId('problems-none').waitFor()
  })

  it('switching a criterion kind asks first and clears the gold it invalidates; reviewers change nothing', async () => {
    const projectId = await createProject(server.url, owner, 'Kinds')
    const rita = await inviteUser(server.url, owner, projectId, 'reviewer', 'Rita Reviewer')
    const olivia = await suite.newUser(server.url, owner)
    await openDraft(olivia.page, projectId)
    await olivia.page.getByTestId('template-likert-helpfulness').click()
    await caretToEnd(olivia.page)
    await olivia.page.getByTestId('toolbar-example').click()
    const block = examples(olivia.page).nth(0)
    await fillExample(block, 'Short', ['example-prompt=Hi', 'example-response=Hello'], [2, 2, 0])
    await olivia.page.getByTestId('problems-none').waitFor()

    await criteria(olivia.page).nth(0).getByTestId('criterion-kind').selectOption('binary')
    const dialog = olivia.page.getByTestId('confirm-dialog')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('1 example has a gold value')
    await screenshot(olivia.page, 'rubric-05-kind-switch-confirm')
    await dialog.getByTestId('confirm-dialog-confirm').click()
    await waitFor(async () => (await problemCodes(olivia.page)).includes('gold_missing'), {
      message: 'the cleared gold to be reported',
    })
    expect(await criteria(olivia.page).nth(0).getByTestId('criterion-kind').inputValue()).toBe('binary')

    // Deleting a criterion (after confirming) removes its gold from the example; Ctrl+Z in the panel brings
    // both back.
    await criteria(olivia.page).nth(2).getByTestId('criterion-delete').click()
    await olivia.page.getByTestId('confirm-dialog-confirm').click()
    await waitFor(async () => (await block.getByTestId('gold').count()) === 2, {
      message: 'two gold rows left',
    })
    await criteria(olivia.page).nth(0).getByTestId('criterion-title').click()
    await olivia.page.keyboard.press('Control+z')
    await waitFor(async () => (await block.getByTestId('gold').count()) === 3, {
      message: 'the gold row back',
    })
    expect(await block.getByTestId('gold').nth(2).getByTestId('gold-summary').textContent()).toBe('Yes')

    // A block deleted from the text leaves its example listed in the panel, to put back or delete.
    await block.locator('.example__badge').click()
    await olivia.page.keyboard.press('Delete')
    await olivia.page.getByTestId('detached-examples').waitFor()
    expect(await examples(olivia.page).count()).toBe(0)
    await screenshot(olivia.page, 'rubric-06a-detached')
    await caretToEnd(olivia.page)
    await olivia.page.getByTestId('detached-put-back').click()
    await examples(olivia.page).first().waitFor()
    await olivia.page.getByTestId('detached-examples').waitFor({ state: 'detached' })

    const reviewer = await suite.newUser(server.url, rita)
    await reviewer.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(reviewer.page, 'view-only')
    await reviewer.page.getByTestId('rubric-view-only').waitFor()
    await examples(reviewer.page).first().waitFor()
    expect(await reviewer.page.getByTestId('add-criterion').count()).toBe(0)
    expect(await reviewer.page.getByTestId('criterion-title').first().getAttribute('readonly')).not.toBeNull()
    expect(await reviewer.page.getByTestId('example-prompt').getAttribute('contenteditable')).toBe('false')
    expect(await examples(reviewer.page).first().getByTestId('gold-option').first().isDisabled()).toBe(true)
    await screenshot(reviewer.page, 'rubric-06-reviewer')
  })

  it('shows the seeded example project: its rubric, two teaching examples and six held-out items in their sections', async () => {
    const seeded = await spawnServer({ env: { ...SERVER_ENV, SEED_EXAMPLE: 'true' } })
    const seededOwner = await setupOwner(seeded)
    const { projects } = await apiJson<{ projects: { id: string; name: string }[] }>(
      seeded.url,
      '/api/projects',
      {
        user: seededOwner,
      },
    )
    const example = projects.find((p) => p.name.startsWith('Medical QA'))
    if (!example) throw new Error('no example project')
    const olivia = await suite.newUser(seeded.url, seededOwner)
    await olivia.page.goto(`${seeded.url}/projects/${example.id}`)
    await waitForStatus(olivia.page, 'saved')
    await waitFor(async () => (await examples(olivia.page).count()) === 8, {
      message: 'eight example blocks',
    })
    const badges = await olivia.page.getByTestId('example-role-badge').allTextContents()
    expect(badges.filter((b) => b === 'Teaching example')).toHaveLength(2)
    expect(badges.filter((b) => b === 'Held-out calibration item')).toHaveLength(6)
    expect(await criteria(olivia.page).count()).toBe(4)
    expect(await olivia.page.locator('.gold__missing').count()).toBe(0)
    const sections = await olivia.page.getByTestId('example-section').allTextContents()
    expect(sections.every((text) => text.startsWith('Illustrates: '))).toBe(true)
    await screenshot(olivia.page, 'rubric-07-example-project')
    await examples(olivia.page).nth(2).scrollIntoViewIfNeeded()
    await screenshot(olivia.page, 'rubric-08-example-project-gold')
  })
})
