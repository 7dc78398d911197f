/**
 * Suggested edits in real Chromium: a reviewer suggests a replacement in the guideline and, through the
 * "Suggest edit" composer, in a level descriptor; the lead sees both live in the Suggestions tab, accepts one
 * and rejects the other; the draft text is exactly the suggested wording, the lead's Ctrl+Z in the guideline
 * restores it, the rejected text is untouched, and the reviewer sees "Rejected by …". A suggestion whose
 * anchored text the lead changed first shows as outdated with both versions and no Accept.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { commentsDocName } from '../../shared/protocol/docNames'
import type { Person } from '../../shared/schema/comments'
import { newYId } from '../../shared/ydoc/ids'
import { levelEntries, levelText, orderedCriteria } from '../../shared/ydoc/rubricDoc'
import { createSuggestionRange } from '../../shared/ydoc/suggestionAnchors'
import { createSuggestion } from '../../shared/ydoc/suggestionsDoc'
import { createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot, screenshotSideBySide } from '../helpers/browser'
import { connectClient, type TestClient, waitFor, waitForSynced } from '../helpers/clients'
import { addParagraph, textNodeWith } from '../helpers/comments'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import { PROSEMIRROR, waitForStatus, waitForText } from './editorPage'

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

/** Rita's guideline suggestion, written by a real client of the comments document signed in as her. */
async function suggestInGuideline(
  draft: TestClient,
  comments: TestClient,
  author: Person,
  words: string,
  replacement: string,
): Promise<string> {
  const text = textNodeWith(draft.doc, words)
  const from = text.toString().indexOf(words)
  const id = newYId()
  createSuggestion(comments.doc, {
    id,
    author,
    target: { kind: 'guideline' },
    label: `“${words}”`,
    range: createSuggestionRange(text, from, from + words.length),
    original: words,
    replacement,
    at: new Date().toISOString(),
  })
  return id
}

async function me(page: Page): Promise<Person> {
  return page.evaluate(async () => {
    const response = await fetch('/api/auth/me', { credentials: 'same-origin' })
    const body = (await response.json()) as { user: { id: string; name: string; color: string } }
    return { id: body.user.id, name: body.user.name, color: body.user.color }
  })
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
      {
        lead: 'Lee Lead',
        reviewer: 'Rita Reviewer',
      },
    )
    const descriptor = levelText(draft.doc, criterionId, levelId, 'descriptor')!
    const descriptorBefore = descriptor.toString()
    const lee = await suite.newUser(server.url, leeAccount)
    const rita = await suite.newUser(server.url, ritaAccount)
    await lee.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(lee.page, 'saved')
    await openSuggestions(lee.page)
    await rita.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(rita.page, 'view-only')
    await waitForText(rita.page, SENTENCE, 'Rita')

    // Rita suggests "brief" for "concise" in the guideline (through the comments document, as herself).
    const ritaComments = connectClient(server.url, commentsDocName(projectId), { user: ritaAccount })
    await waitForSynced(ritaComments)
    const rita$ = await me(rita.page)
    await suggestInGuideline(draft, ritaComments, rita$, 'concise', 'brief')

    // …and rewrites the first level's descriptor with the "Suggest edit" composer under the field.
    await rita.page.getByTestId('panel-tab-rubric').click()
    const levelField = rita.page.getByTestId('level').first()
    await levelField.getByTestId('suggest-edit').last().click()
    const input = levelField.getByTestId('suggest-edit-input')
    await input.waitFor()
    expect(await input.inputValue()).toBe(descriptorBefore)
    const descriptorSuggested = `${descriptorBefore} Off-topic answers also count here.`
    await input.fill(descriptorSuggested)
    await screenshot(rita.page, 'suggestions-01-reviewer-suggests-on-a-descriptor')
    await levelField.getByTestId('suggest-edit-submit').click()
    await levelField.getByTestId('field-suggestion').waitFor()
    expect(await levelField.getByTestId('suggestion-inserted').textContent()).toBe(
      ' Off-topic answers also count here.',
    )
    // Suggesting changed nothing in the draft she cannot edit.
    expect(descriptor.toString()).toBe(descriptorBefore)

    // Lee sees both live, each as a diff.
    await waitFor(async () => (await lee.page.getByTestId('suggestion-card').count()) === 2, {
      message: 'Lee sees both suggestions',
    })
    expect(await lee.page.getByTestId('suggestions-count').textContent()).toBe('2')
    const guidelineCard = card(lee.page, 'concise')
    expect(await guidelineCard.getByTestId('suggestion-deleted').textContent()).toBe('concise')
    expect(await guidelineCard.getByTestId('suggestion-inserted').textContent()).toBe('brief')
    expect(await guidelineCard.textContent()).toContain('Rita Reviewer')
    await screenshotSideBySide(
      [
        { label: 'Rita Reviewer (suggested)', page: rita.page },
        { label: 'Lee Lead (sees both live)', page: lee.page },
      ],
      'suggestions-02-lead-sees-both',
    )

    // Lee accepts the guideline one: the text is exactly the suggested wording, everywhere.
    await guidelineCard.getByTestId('suggestion-accept').click()
    const accepted = 'Answers must be brief and accurate.'
    await waitFor(() => paragraphText(draft, 'accurate') === accepted, {
      message: 'the draft has the suggestion',
    })
    await waitForText(lee.page, accepted, 'Lee')
    await waitForText(rita.page, accepted, 'Rita')
    await waitFor(async () => (await card(lee.page, 'concise').count()) === 0, {
      message: 'the accepted card leaves the open list',
    })

    // …and rejects the descriptor one: the descriptor keeps its text.
    await card(lee.page, 'Off-topic').getByTestId('suggestion-reject').click()
    await lee.page.getByTestId('suggestions-empty').waitFor()
    expect(descriptor.toString()).toBe(descriptorBefore)
    await screenshot(lee.page, 'suggestions-03-lead-decided')

    // Rita sees both decisions live, "Rejected by Lee Lead" on hers.
    await openSuggestions(rita.page)
    await rita.page.getByTestId('suggestions-filter-decided').click()
    await waitFor(async () => (await rita.page.getByTestId('suggestion-decision').count()) === 2, {
      message: 'Rita sees both decided',
    })
    expect(await card(rita.page, 'Off-topic').getByTestId('suggestion-decision').textContent()).toContain(
      'Rejected by Lee Lead',
    )
    expect(await card(rita.page, 'concise').getByTestId('suggestion-decision').textContent()).toContain(
      'Accepted by Lee Lead',
    )
    await screenshot(rita.page, 'suggestions-04-reviewer-sees-decisions')

    // Lee's Ctrl+Z in the guideline takes the accepted suggestion back, as one step.
    await lee.page.locator(PROSEMIRROR).click()
    await lee.page.keyboard.press('Control+z')
    await waitFor(() => paragraphText(draft, 'accurate') === SENTENCE, { message: 'undo restores the text' })
    await waitForText(lee.page, SENTENCE, 'Lee')
    ritaComments.destroy()
    draft.destroy()
  })

  it('a suggestion whose text the lead changed first is outdated: both versions, no Accept', async () => {
    const { projectId, leeAccount, ritaAccount, draft, criterionId, levelId } = await projectWithDraft(
      'Outdated suggestion',
      {
        lead: 'Leo Lead',
        reviewer: 'Ruth Reviewer',
      },
    )
    const lee = await suite.newUser(server.url, leeAccount)
    await lee.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(lee.page, 'saved')
    await openSuggestions(lee.page)

    const ritaComments = connectClient(server.url, commentsDocName(projectId), { user: ritaAccount })
    await waitForSynced(ritaComments)
    const rita = await suite.newUser(server.url, ritaAccount)
    await rita.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(rita.page, 'view-only')
    const rita$ = await me(rita.page)
    await suggestInGuideline(draft, ritaComments, rita$, 'concise', 'brief')
    await card(lee.page, 'concise').getByTestId('suggestion-accept').waitFor()

    // Lee rewrites the anchored word himself before deciding.
    const changed = await lee.page.locator(PROSEMIRROR).evaluate((root) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf('concise') ?? -1
        if (at < 0) continue
        const range = document.createRange()
        range.setStart(node, at + 'conc'.length)
        range.setEnd(node, at + 'concise'.length)
        const selection = window.getSelection()
        selection?.removeAllRanges()
        selection?.addRange(range)
        return true
      }
      return false
    })
    expect(changed).toBe(true)
    await lee.page.keyboard.type('ilatory')
    await waitFor(() => paragraphText(draft, 'accurate') === 'Answers must be conciliatory and accurate.', {
      message: 'Lee changed the word',
    })

    const outdated = card(lee.page, 'concise')
    await waitFor(async () => (await outdated.getAttribute('data-outdated')) === 'true', {
      message: 'the card shows outdated',
    })
    expect(await outdated.getByTestId('suggestion-accept').count()).toBe(0)
    expect(await outdated.getByTestId('suggestion-reject').count()).toBe(1)
    expect(await outdated.getByTestId('suggestion-outdated-original').textContent()).toBe('“concise”')
    expect(await outdated.getByTestId('suggestion-outdated-current').textContent()).toBe('“conciliatory”')
    expect(await outdated.textContent()).toContain('Outdated — the text changed')

    // The same for a field: Lee edits the descriptor a suggestion is on.
    const descriptor = levelText(draft.doc, criterionId, levelId, 'descriptor')!
    const before = descriptor.toString()
    const range = createSuggestionRange(descriptor, 0, before.length)
    createSuggestion(ritaComments.doc, {
      id: newYId(),
      author: rita$,
      target: { kind: 'level', criterionId, levelId, field: 'descriptor' },
      label: 'Helpfulness · level 1 descriptor',
      range,
      original: before,
      replacement: 'Useless.',
      at: new Date().toISOString(),
    })
    await lee.page.getByTestId('panel-tab-rubric').click()
    const field = lee.page.getByTestId('level').first()
    await field.getByTestId('field-suggestion').getByTestId('suggestion-accept').waitFor()
    await field.getByTestId('level-descriptor').click()
    await lee.page.keyboard.press('Control+End')
    await lee.page.keyboard.type(' Really.')
    await waitFor(
      async () => (await field.getByTestId('field-suggestion').getAttribute('data-outdated')) === 'true',
      { message: 'the field suggestion shows outdated' },
    )
    expect(await field.getByTestId('suggestion-accept').count()).toBe(0)
    await screenshot(lee.page, 'suggestions-05-outdated-field')
    await lee.page.getByTestId('panel-tab-suggestions').click()
    await screenshot(lee.page, 'suggestions-06-outdated-card')
    ritaComments.destroy()
    draft.destroy()
  })
})
