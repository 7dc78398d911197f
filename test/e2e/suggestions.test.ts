/**
 * Suggested edits in real Chromium: a reviewer suggests a replacement in the guideline and, through the
 * "Suggest edit" composer, in a level descriptor; the lead sees both live in the Suggestions tab, accepts one
 * and rejects the other (an @mention in the lead's reply shows on the reviewer's Suggestions tab until
 * she opens the card); the draft text is exactly the suggested wording, the lead's Ctrl+Z in the guideline
 * restores it, the rejected text is untouched, and the reviewer sees "Rejected by …". A suggestion whose
 * anchored text the lead changed first shows as outdated with both versions and no Accept. Accept all of one
 * person's suggestions is one undo per editor; a decision another lead made first comes back as the server's
 * sentence. Screenshots of each step.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { COMMENTS_SUFFIX } from '../../shared/protocol/docNames'
import { levelEntries, levelText, orderedCriteria } from '../../shared/ydoc/rubricDoc'
import { createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot, screenshotSideBySide } from '../helpers/browser'
import { connectClient, type TestClient, waitFor, waitForSynced } from '../helpers/clients'
import { addParagraph, textNodeWith } from '../helpers/comments'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import { PROSEMIRROR, selectWord, waitForStatus, waitForText } from './editorPage'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser

beforeAll(async () => {
  server = await spawnServer({ env: SERVER_ENV })
  owner = await setupOwner(server)
})

const SENTENCE = 'Answers must be concise and accurate.'

/** A project with the Likert template rubric and one guideline paragraph, a lead and a reviewer. */
async function projectWithDraft(name: string, people: { lead: string; reviewer: string }) {
  const projectId = await createProject(server.url, owner, name)
  const leeAccount = await inviteUser(server.url, owner, projectId, 'lead', people.lead)
  const ritaAccount = await inviteUser(server.url, owner, projectId, 'reviewer', people.reviewer)
  const draft = connectClient(server.url, projectId, { user: owner })
  await waitForSynced(draft)
  completeDraft(draft)
  addParagraph(draft.doc, SENTENCE)
  await draftIsDurable(server.url, projectId, owner, draft)
  const [criterionId] = orderedCriteria(draft.doc)[0]!
  const level = levelEntries(draft.doc, criterionId)[0]!
  return { projectId, leeAccount, ritaAccount, draft, criterionId, levelId: level.id }
}

/**
 * The lead's page on its Suggestions tab and the reviewer's page (view-only) once it shows the sentence; the
 * reviewer's first name stands in the wait's message.
 */
async function openLeadAndReviewer(projectId: string, leadAccount: TestUser, reviewerAccount: TestUser) {
  const lee = await suite.newUser(server.url, leadAccount)
  const rita = await suite.newUser(server.url, reviewerAccount)
  await lee.page.goto(`${server.url}/projects/${projectId}`)
  await waitForStatus(lee.page, 'saved')
  await openSuggestions(lee.page)
  await rita.page.goto(`${server.url}/projects/${projectId}`)
  await waitForStatus(rita.page, 'view-only')
  await waitForText(rita.page, SENTENCE, reviewerAccount.name.split(' ')[0] ?? reviewerAccount.name)
  return { lee, rita }
}

/** Opens the "Suggest edit" composer under the first level's descriptor and suggests `text` instead. */
async function suggestDescriptor(page: Page, text: string): Promise<string> {
  await page.getByTestId('panel-tab-rubric').click()
  const level = page.getByTestId('level').first()
  await level.getByTestId('suggest-edit').last().click()
  const input = level.getByTestId('suggest-edit-input')
  await input.waitFor()
  const before = await input.inputValue()
  await input.fill(text)
  return before
}

const paragraphText = (draft: TestClient, words: string) => textNodeWith(draft.doc, words).toString()

async function openSuggestions(page: Page): Promise<void> {
  await page.getByTestId('panel-tab-suggestions').click()
  await page.getByTestId('suggestions-panel').waitFor()
}

const card = (page: Page, words: string) => page.getByTestId('suggestion-card').filter({ hasText: words })

describe('suggested edits in the browser', () => {
  it('a reviewer suggests in the guideline and a level descriptor; the lead accepts one, rejects the other, undoes', async () => {
    const { projectId, leeAccount, ritaAccount, draft, criterionId, levelId } = await projectWithDraft(
      'Suggestion review',
      { lead: 'Lee Lead', reviewer: 'Rita Reviewer' },
    )
    const descriptor = levelText(draft.doc, criterionId, levelId, 'descriptor')!
    const descriptorBefore = descriptor.toString()
    const { lee, rita } = await openLeadAndReviewer(projectId, leeAccount, ritaAccount)

    // Rita (always suggesting) selects "concise" in the guideline and types "brief" over it…
    await selectWord(rita.page, 'concise')
    await rita.page.keyboard.type('brief', { delay: 30 })

    // …and adds a sentence to the first level's descriptor with the "Suggest edit" composer under the field.
    const prefilled = await suggestDescriptor(
      rita.page,
      `${descriptorBefore} Off-topic answers also count here.`,
    )
    expect(prefilled).toBe(descriptorBefore)
    await screenshot(rita.page, 'suggestions-01-reviewer-suggests-on-a-descriptor')
    const ritaLevel = rita.page.getByTestId('level').first()
    await ritaLevel.getByTestId('suggest-edit-submit').click()
    await ritaLevel.getByTestId('field-suggestion').waitFor()
    expect(await ritaLevel.getByTestId('suggestion-inserted').textContent()).toBe(
      ' Off-topic answers also count here.',
    )
    // Suggesting changed nothing in the draft she cannot edit.
    expect(descriptor.toString()).toBe(descriptorBefore)
    expect(paragraphText(draft, 'accurate')).toBe(SENTENCE)

    // Lee sees both live, each as a diff by Rita.
    await waitFor(async () => (await lee.page.getByTestId('suggestion-card').count()) === 2, {
      message: 'Lee sees both suggestions',
    })
    expect(await lee.page.getByTestId('suggestions-count').textContent()).toBe('2')
    const guidelineCard = card(lee.page, 'brief')
    await waitFor(
      async () => (await guidelineCard.getByTestId('suggestion-inserted').textContent()) === 'brief',
    )
    expect(await guidelineCard.getByTestId('suggestion-deleted').textContent()).toBe('concise')
    expect(await guidelineCard.textContent()).toContain('Rita Reviewer')
    await screenshotSideBySide(
      [
        { label: 'Rita Reviewer (suggested)', page: rita.page },
        { label: 'Lee Lead (sees both live)', page: lee.page },
      ],
      'suggestions-02-lead-sees-both',
    )

    // Lee opens the guideline card and discusses it, mentioning Rita; Rita reads the reply on her card.
    await guidelineCard.click()
    await guidelineCard
      .getByTestId('suggestion-reply-input')
      .fill('Brief is clearer for raters. Taking it, @Rita Reviewer.')
    await guidelineCard.getByTestId('suggestion-reply-input-submit').click()
    await guidelineCard.getByTestId('suggestion-comment').waitFor()
    // The mention notifies her like one in a thread: @1 on her Suggestions tab until she opens that card.
    const ritaMentions = rita.page.getByTestId('suggestion-mention-badge')
    await ritaMentions.waitFor()
    expect(await ritaMentions.textContent()).toBe('@1')
    expect(await lee.page.getByTestId('suggestion-mention-badge').count()).toBe(0)
    await openSuggestions(rita.page)
    await card(rita.page, 'brief').getByTestId('suggestion-comment').waitFor()
    expect(await card(rita.page, 'brief').getByTestId('suggestion-comment').textContent()).toContain(
      'Brief is clearer for raters.',
    )
    await card(rita.page, 'brief').click()
    await waitFor(async () => (await ritaMentions.count()) === 0, {
      message: "opening the card marks Rita's mention seen",
    })

    // Lee accepts the guideline one: the text is exactly the suggested wording, everywhere.
    await guidelineCard.getByTestId('suggestion-accept').click()
    const accepted = 'Answers must be brief and accurate.'
    await waitFor(() => paragraphText(draft, 'accurate') === accepted, {
      message: 'the draft has the suggestion',
    })
    await waitForText(lee.page, accepted, 'Lee')
    await waitForText(rita.page, accepted, 'Rita')
    await waitFor(async () => (await card(lee.page, 'brief').count()) === 0, {
      message: 'the accepted card leaves the open list',
    })

    // …and rejects the descriptor one: the descriptor keeps its text.
    await card(lee.page, 'Off-topic').getByTestId('suggestion-reject').click()
    await lee.page.getByTestId('suggestions-empty').waitFor()
    expect(descriptor.toString()).toBe(descriptorBefore)
    await screenshot(lee.page, 'suggestions-03-lead-decided')

    // Rita sees both decisions live, "Rejected by Lee Lead" on the descriptor one.
    await openSuggestions(rita.page)
    await rita.page.getByTestId('suggestions-filter-decided').click()
    await waitFor(async () => (await rita.page.getByTestId('suggestion-decision').count()) === 2, {
      message: 'Rita sees both decided',
    })
    expect(await card(rita.page, 'Helpfulness').getByTestId('suggestion-decision').textContent()).toContain(
      'Rejected by Lee Lead',
    )
    expect(await card(rita.page, 'Guideline').getByTestId('suggestion-decision').textContent()).toContain(
      'Accepted by Lee Lead',
    )
    await screenshot(rita.page, 'suggestions-04-reviewer-sees-decisions')

    // Lee's Ctrl+Z in the guideline takes the accepted suggestion back, as one step.
    await lee.page.locator(PROSEMIRROR).click()
    await lee.page.keyboard.press('Control+z')
    await waitFor(() => paragraphText(draft, 'accurate') === SENTENCE, { message: 'undo restores the text' })
    await waitForText(lee.page, SENTENCE, 'Lee')
    draft.destroy()
  })

  it('a suggestion whose text the lead changed first is outdated: both versions, no Accept; publishing warns', async () => {
    const { projectId, leeAccount, ritaAccount, draft } = await projectWithDraft('Outdated suggestion', {
      lead: 'Leo Lead',
      reviewer: 'Ruth Reviewer',
    })
    const { lee, rita } = await openLeadAndReviewer(projectId, leeAccount, ritaAccount)

    // Ruth suggests "brief" for "concise" and a new descriptor.
    await selectWord(rita.page, 'concise')
    await rita.page.keyboard.type('brief', { delay: 30 })
    await suggestDescriptor(rita.page, 'Useless.')
    await rita.page.getByTestId('level').first().getByTestId('suggest-edit-submit').click()
    await card(lee.page, 'brief').getByTestId('suggestion-accept').waitFor()
    await card(lee.page, 'Useless').getByTestId('suggestion-accept').waitFor()

    // Leo rewrites the anchored word himself before deciding. Clicking the word would open its suggestion, so
    // he puts the caret inside it from the word before ("must" → "conc|ise") and deletes it letter by letter.
    await selectWord(lee.page, 'must')
    for (let i = 0; i < 1 + ' be conc'.length; i++) await lee.page.keyboard.press('ArrowRight')
    for (let i = 0; i < 4; i++) await lee.page.keyboard.press('Backspace')
    for (let i = 0; i < 3; i++) await lee.page.keyboard.press('Delete')
    await lee.page.keyboard.type('short')
    await waitFor(() => paragraphText(draft, 'accurate') === 'Answers must be short and accurate.', {
      message: 'Leo changed the word',
    })
    const outdated = card(lee.page, 'concise')
    await waitFor(async () => (await outdated.getAttribute('data-outdated')) === 'true', {
      message: 'the card shows outdated',
    })
    expect(await outdated.getByTestId('suggestion-accept').count()).toBe(0)
    expect(await outdated.getByTestId('suggestion-reject').count()).toBe(1)
    expect(await outdated.getByTestId('suggestion-outdated-original').textContent()).toBe('“concise”')
    expect(await outdated.textContent()).toContain('Outdated — the text changed')

    // The same for a field: Leo edits inside the descriptor the other suggestion replaces.
    await lee.page.getByTestId('panel-tab-rubric').click()
    const field = lee.page.getByTestId('level').first()
    await field.getByTestId('field-suggestion').getByTestId('suggestion-accept').waitFor()
    await field.getByTestId('level-descriptor').click()
    await lee.page.keyboard.press('Control+Home')
    for (let i = 0; i < 'Ignores'.length; i++) await lee.page.keyboard.press('ArrowRight')
    await lee.page.keyboard.type(' entirely')
    await waitFor(
      async () => (await field.getByTestId('field-suggestion').getAttribute('data-outdated')) === 'true',
      { message: 'the field suggestion shows outdated' },
    )
    expect(await field.getByTestId('suggestion-accept').count()).toBe(0)
    expect(await field.getByTestId('suggestion-outdated-current').textContent()).toBe(
      '“Ignores entirely or misreads the request”',
    )
    await screenshot(lee.page, 'suggestions-05-outdated-field')
    await lee.page.getByTestId('panel-tab-suggestions').click()
    await screenshot(lee.page, 'suggestions-06-outdated-card')

    // Ruth withdraws her descriptor suggestion; it leaves Leo's list.
    await openSuggestions(rita.page)
    await card(rita.page, 'Helpfulness').getByTestId('suggestion-withdraw').click()
    await waitFor(async () => (await lee.page.getByTestId('suggestion-card').count()) === 1, {
      message: 'the withdrawn suggestion leaves the open list',
    })
    await rita.page.getByTestId('suggestions-filter-decided').click()
    expect(await card(rita.page, 'Helpfulness').getByTestId('suggestion-decision').textContent()).toBe(
      'Withdrawn by Ruth Reviewer',
    )

    // Publishing warns about the suggestion still open.
    await lee.page.getByTestId('publish-button').click()
    await lee.page.getByTestId('publish-open-suggestions').waitFor()
    expect(await lee.page.getByTestId('publish-open-suggestions').textContent()).toContain(
      '1 open suggestion is waiting',
    )
    await screenshot(lee.page, 'suggestions-07-publish-warns')
    draft.destroy()
  })

  it("accept all of one person's suggestions applies them together; one undo per editor takes them back", async () => {
    const { projectId, leeAccount, ritaAccount, draft, criterionId, levelId } = await projectWithDraft(
      'Accept all',
      {
        lead: 'Lia Lead',
        reviewer: 'Rosa Reviewer',
      },
    )
    const { lee, rita } = await openLeadAndReviewer(projectId, leeAccount, ritaAccount)

    await selectWord(rita.page, 'concise')
    await rita.page.keyboard.type('brief', { delay: 30 })
    await selectWord(rita.page, 'accurate')
    await rita.page.keyboard.type('correct', { delay: 30 })
    await suggestDescriptor(rita.page, 'Ignores or misreads what was asked.')
    await rita.page.getByTestId('level').first().getByTestId('suggest-edit-submit').click()
    await waitFor(async () => (await lee.page.getByTestId('suggestion-card').count()) === 3, {
      message: 'Lia sees all three suggestions',
    })
    await waitFor(async () => (await card(lee.page, 'correct').count()) === 1)
    const descriptor = levelText(draft.doc, criterionId, levelId, 'descriptor')!

    // Lia narrows the list to Rosa and accepts all of hers at once.
    const rosaId = await lee.page
      .getByTestId('suggestions-person')
      .locator('option', { hasText: 'Rosa Reviewer' })
      .getAttribute('value')
    await lee.page.getByTestId('suggestions-person').selectOption(rosaId ?? '')
    expect(await lee.page.getByTestId('suggestions-accept-all').textContent()).toContain('Accept all 3')
    await screenshot(lee.page, 'suggestions-08-accept-all-of-one-person')
    await lee.page.getByTestId('suggestions-accept-all').click()
    const both = 'Answers must be brief and correct.'
    await waitFor(() => paragraphText(draft, 'Answers') === both, { message: 'both suggestions applied' })
    await waitFor(() => descriptor.toString() === 'Ignores or misreads what was asked.', {
      message: 'the descriptor suggestion applied',
    })
    await lee.page.getByTestId('suggestions-empty').waitFor()

    // One Ctrl+Z in the guideline takes both guideline suggestions back…
    await lee.page.locator(PROSEMIRROR).click()
    await lee.page.keyboard.press('Control+z')
    await waitFor(() => paragraphText(draft, 'Answers') === SENTENCE, { message: 'one undo restores both' })
    // …and Ctrl+Z in the rubric panel (the draft-wide undo of rubric edits) the descriptor.
    await lee.page.getByTestId('panel-tab-rubric').click()
    await lee.page.getByTestId('level').first().getByTestId('level-descriptor').click()
    await lee.page.keyboard.press('Control+z')
    await waitFor(() => descriptor.toString() === 'Ignores or misreads the request.', {
      message: 'undo in the panel restores the descriptor',
    })
    draft.destroy()
  })

  it('a decision another lead made first is answered with the server sentence, and nothing is applied twice', async () => {
    const { projectId, leeAccount, ritaAccount, draft } = await projectWithDraft('Decided elsewhere', {
      lead: 'Lou Lead',
      reviewer: 'Remi Reviewer',
    })
    const otherLead = await inviteUser(server.url, owner, projectId, 'lead', 'Lena Lead')
    const lou = await suite.newUser(server.url, leeAccount)
    const lena = await suite.newUser(server.url, otherLead)
    const remi = await suite.newUser(server.url, ritaAccount)
    // Lena's comments socket can be paused from here, so she still shows the suggestion open after Lou decided.
    let paused = false
    await lena.page.routeWebSocket(
      (url) => url.pathname.endsWith(COMMENTS_SUFFIX),
      (socket) => {
        const upstream = socket.connectToServer()
        upstream.onMessage((message) => {
          if (!paused) socket.send(message)
        })
      },
    )
    for (const page of [lou.page, lena.page]) {
      await page.goto(`${server.url}/projects/${projectId}`)
      await waitForStatus(page, 'saved')
      await openSuggestions(page)
    }
    await remi.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(remi.page, 'view-only')
    await waitForText(remi.page, SENTENCE, 'Remi')
    await selectWord(remi.page, 'concise')
    await remi.page.keyboard.type('brief', { delay: 30 })
    for (const page of [lou.page, lena.page])
      await waitFor(
        async () => (await card(page, 'brief').getByTestId('suggestion-inserted').textContent()) === 'brief',
      )

    paused = true
    await card(lou.page, 'brief').getByTestId('suggestion-accept').click()
    const accepted = 'Answers must be brief and accurate.'
    await waitFor(() => paragraphText(draft, 'Answers') === accepted, { message: 'Lou accepted it' })
    // Lena still sees it open (her comments are paused); her draft moved on, so only Reject is offered.
    const lenaCard = card(lena.page, 'concise')
    await waitFor(async () => (await lenaCard.getAttribute('data-outdated')) === 'true')
    await lenaCard.getByTestId('suggestion-reject').click()
    await lenaCard.getByTestId('suggestion-error').waitFor()
    expect(await lenaCard.getByTestId('suggestion-error').textContent()).toBe('Already accepted by Lou Lead.')
    await screenshot(lena.page, 'suggestions-09-decided-elsewhere')
    expect(paragraphText(draft, 'Answers')).toBe(accepted)
    paused = false
    draft.destroy()
  })
})
