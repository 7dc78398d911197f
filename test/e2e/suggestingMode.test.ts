/**
 * Suggesting mode in real Chromium (issue 20): a reviewer selects a word and types a replacement — the lead
 * sees the original struck and the replacement underlined, live, while the draft text stays as it was and the
 * reviewer's own raw Yjs write to the draft is refused; once the lead changes that word it is outdated and no
 * longer drawn; a lead switching to Suggesting creates suggestions
 * instead of edits (typing, Backspace, Delete, cut, paste), cannot suggest across two paragraphs, sees the
 * rubric read-only with "Suggest edit" under its fields, and switches back; a cut is suggested before anything
 * else happens, so a word selected and pasted over right after it gets the paste.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { commentsDocName } from '../../shared/protocol/docNames'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { readSuggestions } from '../../shared/ydoc/suggestionsDoc'
import { createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot, screenshotSideBySide } from '../helpers/browser'
import { connectClient, waitFor, waitForSynced } from '../helpers/clients'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import {
  documentBlocks,
  PROSEMIRROR,
  selectWord,
  typeAtEnd,
  waitForStatus,
  waitForText,
  wordBox,
} from './editorPage'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser

beforeAll(async () => {
  server = await spawnServer({ env: SERVER_ENV })
  owner = await setupOwner(server)
})

/** Selects `word` by dragging over it (a double-click would take a suggested insertion glued to it for one word). */
async function dragSelect(page: Page, word: string): Promise<void> {
  const box = await wordBox(page, word)
  if (!box) throw new Error(`"${word}" is not in the guideline`)
  await page.mouse.move(box.left + 1, box.y)
  await page.mouse.down()
  await page.mouse.move(box.right - 1, box.y, { steps: 5 })
  await page.mouse.up()
  // The browser's selection of exactly that text also spans the suggested insertion drawn right after it.
  await waitFor(
    async () => (await page.evaluate(() => window.getSelection()?.toString() ?? '')).startsWith(word),
    {
      message: `"${word}" selected`,
    },
  )
}

/** Puts the caret right after `word`. */
async function clickAfter(page: Page, word: string): Promise<void> {
  const box = await wordBox(page, word)
  if (!box) throw new Error(`"${word}" is not in the guideline`)
  await page.mouse.click(box.right - 1, box.y)
  await page.keyboard.press('End')
}

interface Drawn {
  struck: string[]
  inserted: string[]
  titles: string[]
}

/** The suggestions drawn in a page's guideline: struck text, inserted text, and their titles. */
function drawnSuggestions(page: Page): Promise<Drawn> {
  return page.locator(PROSEMIRROR).evaluate((root) => {
    const texts = (selector: string) =>
      Array.from(root.querySelectorAll(selector), (el) => el.textContent ?? '')
    return {
      struck: texts('.suggestion-delete'),
      inserted: texts('.suggestion-insert'),
      titles: Array.from(
        root.querySelectorAll('[data-suggestion-id]'),
        (el) => el.getAttribute('title') ?? '',
      ),
    }
  })
}

async function waitForDrawn(page: Page, expected: { struck: string[]; inserted: string[] }, who: string) {
  let last: Drawn | null = null
  try {
    await waitFor(
      async () => {
        last = await drawnSuggestions(page)
        return (
          JSON.stringify(last.struck) === JSON.stringify(expected.struck) &&
          JSON.stringify(last.inserted) === JSON.stringify(expected.inserted)
        )
      },
      { message: `${who} to see ${JSON.stringify(expected)}` },
    )
  } catch (error) {
    throw new Error(`${String(error)}; shown: ${JSON.stringify(last)}`)
  }
}

describe('suggesting mode in the browser', () => {
  it('a reviewer types over a word: the lead sees it struck and the replacement underlined live, the draft is unchanged, and raw draft writes are refused', async () => {
    const projectId = await createProject(server.url, owner, 'Suggesting review')
    const leeAccount = await inviteUser(server.url, owner, projectId, 'lead', 'Lee Lead')
    const ritaAccount = await inviteUser(server.url, owner, projectId, 'reviewer', 'Rita Reviewer')
    const lee = await suite.newUser(server.url, leeAccount)
    const rita = await suite.newUser(server.url, ritaAccount)

    await lee.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(lee.page, 'saved')
    const sentence = 'Answers must be concise and accurate.'
    await typeAtEnd(lee.page, sentence)
    await waitForStatus(lee.page, 'saved')
    const blocksBefore = await documentBlocks(lee.page)
    expect(await lee.page.getByTestId('mode-editing').getAttribute('aria-pressed')).toBe('true')

    await rita.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(rita.page, 'view-only')
    await waitForText(rita.page, sentence, 'Rita')
    // Reviewers are always suggesting: an editable view, no toolbar, no switch, a visible badge.
    expect(await rita.page.locator(PROSEMIRROR).getAttribute('contenteditable')).toBe('true')
    expect(await rita.page.getByTestId('suggesting-badge').textContent()).toBe('Suggesting')
    expect(await rita.page.getByTestId('toolbar').count()).toBe(0)
    expect(await rita.page.getByTestId('mode-switch').count()).toBe(0)

    // Rita selects "concise" and types "brief" over it, one key at a time: one suggestion, extended.
    await selectWord(rita.page, 'concise')
    await rita.page.keyboard.type('brief', { delay: 30 })
    await waitForDrawn(rita.page, { struck: ['concise'], inserted: ['brief'] }, 'Rita')
    await waitForDrawn(lee.page, { struck: ['concise'], inserted: ['brief'] }, 'Lee')
    // Backspace trims her own pending text first; the caret sits after it, so typing goes on at its end.
    await rita.page.keyboard.press('Backspace')
    await rita.page.keyboard.press('Backspace')
    await rita.page.keyboard.type('ef and clear', { delay: 20 })
    await waitForDrawn(lee.page, { struck: ['concise'], inserted: ['brief and clear'] }, 'Lee')
    const drawn = await drawnSuggestions(lee.page)
    expect(new Set(drawn.titles)).toEqual(new Set(['Suggested by Rita Reviewer']))
    await screenshotSideBySide(
      [
        { label: 'Lee Lead (editing) sees the suggestion', page: lee.page },
        { label: 'Rita Reviewer (suggesting)', page: rita.page },
      ],
      'suggesting-01-reviewer-replacement',
    )

    // The draft did not change, for either of them; the suggestion is in the comments document.
    expect(await documentBlocks(lee.page)).toEqual(blocksBefore)
    expect(await documentBlocks(rita.page)).toEqual(blocksBefore)
    const reader = connectClient(server.url, commentsDocName(projectId), { user: owner })
    await waitForSynced(reader)
    await waitFor(() => readSuggestions(reader.doc).some((s) => s.replacement === 'brief and clear'))
    const [stored] = readSuggestions(reader.doc)
    expect(stored).toMatchObject({
      author: { id: ritaAccount.id, name: 'Rita Reviewer' },
      target: { kind: 'guideline' },
      original: 'concise',
      replacement: 'brief and clear',
      status: 'open',
    })
    expect(readSuggestions(reader.doc)).toHaveLength(1)

    // Rita's raw Yjs write to the draft (a stock client with her session) is refused by the server.
    const forged = connectClient(server.url, projectId, { user: ritaAccount })
    await waitForSynced(forged)
    const forgedText = new Y.XmlText()
    forgedText.insert(0, 'FORGED BY THE REVIEWER')
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [forgedText])
    guidelineFragment(forged.doc).insert(0, [paragraph])
    const marker = 'Lee wrote this after the forged write.'
    await typeAtEnd(lee.page, marker)
    await waitForStatus(lee.page, 'saved')
    const check = connectClient(server.url, projectId, { user: owner })
    await waitForSynced(check)
    await waitFor(() => guidelineFragment(check.doc).toString().includes(marker), {
      message: 'the marker in the stored draft',
    })
    expect(guidelineFragment(check.doc).toString()).not.toContain('FORGED')
    expect(await documentBlocks(lee.page)).not.toContain('FORGED BY THE REVIEWER')

    // Lee edits the suggested word himself: the suggestion is outdated and no longer drawn in the text.
    await dragSelect(lee.page, 'concise')
    await lee.page.keyboard.type('short')
    await waitForText(rita.page, 'Answers must be short and accurate.', 'Rita')
    await waitForDrawn(lee.page, { struck: [], inserted: [] }, 'Lee')
    await waitForDrawn(rita.page, { struck: [], inserted: [] }, 'Rita')
  })

  it('a lead switching to Suggesting creates suggestions instead of edits, and switches back with Ctrl+Alt+Shift+Z', async () => {
    const projectId = await createProject(server.url, owner, 'Lead suggests')
    const leeAccount = await inviteUser(server.url, owner, projectId, 'lead', 'Lena Lead')
    const lee = await suite.newUser(server.url, leeAccount)
    const olivia = await suite.newUser(server.url, owner)
    await lee.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(lee.page, 'saved')
    await typeAtEnd(lee.page, 'Rate each answer carefully.')
    await typeAtEnd(lee.page, 'Skip offensive prompts.')
    await waitForStatus(lee.page, 'saved')
    await olivia.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(olivia.page, 'saved')
    await waitForText(olivia.page, 'Skip offensive prompts.', 'Olivia')
    const blocksBefore = await documentBlocks(olivia.page)
    expect(await lee.page.getByTestId('add-criterion').count()).toBe(1)

    await lee.page.getByTestId('mode-suggesting').click()
    await lee.page.getByTestId('suggesting-badge').waitFor()
    expect(await lee.page.getByTestId('toolbar').count()).toBe(0)
    expect(await lee.page.getByTestId('mode-suggesting').getAttribute('aria-pressed')).toBe('true')
    expect(await lee.page.getByTestId('mode-suggesting').getAttribute('aria-keyshortcuts')).toBe(
      'Control+Alt+Shift+X',
    )

    // Typing at the end of a sentence suggests an insertion; the caret stays after it.
    await clickAfter(lee.page, 'carefully.')
    await lee.page.keyboard.type(' Cite sources.', { delay: 20 })
    await waitForDrawn(olivia.page, { struck: [], inserted: [' Cite sources.'] }, 'Olivia')
    // Backspace on the draft's own text strikes it (a deletion), Delete strikes forward.
    await clickAfter(lee.page, 'prompts.')
    await lee.page.keyboard.press('Backspace')
    await lee.page.keyboard.press('Home')
    await lee.page.keyboard.press('Delete')
    await lee.page.keyboard.press('Delete')
    await lee.page.keyboard.press('Delete')
    await lee.page.keyboard.press('Delete')
    await lee.page.keyboard.press('Delete')
    await waitForDrawn(olivia.page, { struck: ['Skip ', '.'], inserted: [' Cite sources.'] }, 'Olivia')
    // Enter and a selection across two paragraphs cannot be suggested: a notice says so, nothing changes.
    await lee.page.keyboard.press('Enter')
    expect(await lee.page.getByTestId('suggesting-notice').textContent()).toContain(
      'Suggest within one paragraph at a time',
    )
    await clickAfter(lee.page, 'carefully.')
    await lee.page.keyboard.press('Shift+ArrowDown')
    await lee.page.keyboard.type('X')
    expect(await lee.page.getByTestId('suggesting-notice').textContent()).toBe(
      'Suggest within one paragraph at a time',
    )
    // Cut suggests deleting the text; every other local change is refused: bold, undo of the lead's typing.
    await selectWord(lee.page, 'carefully')
    await lee.page.keyboard.press('Control+b')
    await lee.page.keyboard.press('Control+z')
    await lee.page.keyboard.press('Control+x')
    // Pasting plain text over a word suggests it as the replacement.
    await selectWord(lee.page, 'Rate')
    await lee.page.locator(PROSEMIRROR).evaluate((root) => {
      const clipboardData = new DataTransfer()
      clipboardData.setData('text/plain', 'Score')
      root.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }))
    })
    const struck = ['Rate', 'carefully', 'Skip ', '.']
    const inserted = ['Score', ' Cite sources.']
    await waitForDrawn(olivia.page, { struck, inserted }, 'Olivia')
    expect(await lee.page.locator(`${PROSEMIRROR} strong`).count()).toBe(0)
    // Clicking a suggestion makes it the active one, drawn stronger, and opens its card in the side panel.
    await olivia.page.locator('.suggestion-insert', { hasText: 'Cite sources.' }).click()
    await olivia.page.locator('.suggestion-insert.suggestion--active', { hasText: 'Cite sources.' }).waitFor()
    await olivia.page
      .locator('[data-testid=suggestion-card].thread--active', { hasText: 'Cite sources.' })
      .waitFor()
    await screenshotSideBySide(
      [
        { label: 'Lee Lead (suggesting)', page: lee.page },
        { label: 'Olivia Owner (editing)', page: olivia.page },
      ],
      'suggesting-02-lead-suggests',
    )
    await waitForStatus(lee.page, 'saved')
    expect(await documentBlocks(olivia.page)).toEqual(blocksBefore)
    expect(await documentBlocks(lee.page)).toEqual(blocksBefore)
    // Suggesting covers the rubric too (as in Google Docs): a criterion Olivia adds is read-only for Lee, with
    // "Suggest edit" under its title, and Lee cannot add criteria.
    await olivia.page.getByTestId('panel-tab-rubric').click()
    await olivia.page.getByTestId('add-criterion').click()
    await olivia.page.getByTestId('criterion-title').fill('Accuracy')
    const criterion = lee.page.getByTestId('criterion').first()
    const criterionTitle = criterion.getByTestId('criterion-title')
    const suggestTitle = criterion.getByRole('button', { name: 'Suggest an edit to Accuracy · title' })
    await waitFor(async () => (await criterionTitle.inputValue()) === 'Accuracy', {
      message: "Lee sees Olivia's criterion",
    })
    await suggestTitle.waitFor()
    expect(await criterionTitle.isEditable()).toBe(false)
    expect(await criterionTitle.getAttribute('readonly')).not.toBeNull()
    expect(await lee.page.getByTestId('add-criterion').count()).toBe(0)

    // Back to Editing: typing changes the draft again.
    await lee.page.keyboard.press('Control+Alt+Shift+Z')
    await lee.page.getByTestId('toolbar').waitFor()
    expect(await lee.page.getByTestId('mode-editing').getAttribute('aria-pressed')).toBe('true')
    expect(await criterionTitle.isEditable()).toBe(true)
    expect(await suggestTitle.count()).toBe(0)
    await typeAtEnd(lee.page, 'An edit, not a suggestion.')
    await waitForText(olivia.page, 'An edit, not a suggestion.', 'Olivia')
    await waitForDrawn(olivia.page, { struck, inserted }, 'Olivia')
    await screenshot(lee.page, 'suggesting-03-lead-back-to-editing')
  })

  it('a cut is suggested before the next event: a word selected right after it and pasted over gets the paste', async () => {
    const projectId = await createProject(server.url, owner, 'Cut then paste')
    const larsAccount = await inviteUser(server.url, owner, projectId, 'lead', 'Lars Lead')
    const lars = await suite.newUser(server.url, larsAccount)
    await lars.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(lars.page, 'saved')
    await typeAtEnd(lars.page, 'Rate each answer carefully.')
    await waitForStatus(lars.page, 'saved')
    await lars.page.getByTestId('mode-suggesting').click()
    await lars.page.getByTestId('suggesting-badge').waitFor()
    await clickAfter(lars.page, 'carefully.')
    await lars.page.keyboard.type(' Cite sources.', { delay: 20 })
    await waitForDrawn(lars.page, { struck: [], inserted: [' Cite sources.'] }, 'Lars')

    // In one go, as a fast hand would: cut "carefully", select "Rate" (ProseMirror told at once), and paste
    // over it once the page has run whatever it had queued in between.
    await selectWord(lars.page, 'carefully')
    await lars.page.locator(PROSEMIRROR).evaluate(async (root) => {
      const clipboardEvent = (type: string, text?: string) => {
        const clipboardData = new DataTransfer()
        if (text !== undefined) clipboardData.setData('text/plain', text)
        return new ClipboardEvent(type, { clipboardData, bubbles: true, cancelable: true })
      }
      root.dispatchEvent(clipboardEvent('cut'))
      await null // the end of the cut event's handling, as after a real Ctrl+X
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      let node = walker.nextNode()
      while (node && !node.textContent?.includes('Rate')) node = walker.nextNode()
      if (!node) throw new Error('"Rate" is not in the guideline')
      const at = node.textContent?.indexOf('Rate') ?? 0
      window.getSelection()?.setBaseAndExtent(node, at, node, at + 'Rate'.length)
      document.dispatchEvent(new Event('selectionchange'))
      await new Promise((resolve) => setTimeout(resolve, 0))
      root.dispatchEvent(clipboardEvent('paste', 'Score'))
    })
    await waitForDrawn(
      lars.page,
      { struck: ['Rate', 'carefully'], inserted: ['Score', ' Cite sources.'] },
      'Lars',
    )
  })
})
