/**
 * Issue 22, Google Docs habits in real Chromium: the shortcut help (Ctrl+/ and ?), every toolbar button with
 * a shortcut in its tooltip and aria-keyshortcuts, Find (Ctrl+F) counting matches in the guideline and in an
 * example's own fields, Replace all (Ctrl+H) changing both for everyone, and "7. Title" made H2 keeping "7.".
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot } from '../helpers/browser'
import { waitFor } from '../helpers/clients'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import { documentBlocks, PROSEMIRROR, typeAtEnd, waitForStatus, waitForText } from './editorPage'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser

beforeAll(async () => {
  server = await spawnServer({ env: SERVER_ENV })
  owner = await setupOwner(server)
})

async function openDraft(page: Page, projectId: string) {
  await page.goto(`${server.url}/projects/${projectId}`)
  await waitForStatus(page, 'saved')
}

const countText = async (page: Page) => (await page.getByTestId('find-count').textContent()) ?? ''

describe('keyboard', () => {
  it('lists the shortcuts on Ctrl+/ and ?, and every toolbar button shows its shortcut', async () => {
    const projectId = await createProject(server.url, owner, 'Shortcuts')
    const { page } = await suite.newUser(server.url, owner)
    await openDraft(page, projectId)
    await page.locator(PROSEMIRROR).click()
    await page.keyboard.press('Control+/')
    const help = page.getByTestId('shortcut-help')
    await help.waitFor()
    expect(await help.textContent()).toContain('Find and replace')
    expect(await page.getByTestId('shortcut-item').count()).toBeGreaterThanOrEqual(20)
    await screenshot(page, 'keyboard-01-shortcut-help')
    await page.keyboard.press('Escape')
    await help.waitFor({ state: 'detached' })

    // "?" opens it when the focus is not in text, and types a "?" when it is.
    await page.getByTestId('back-link').focus()
    await page.keyboard.press('?')
    await help.waitFor()
    await page.getByTestId('shortcut-help-close').click()
    await help.waitFor({ state: 'detached' })

    const buttons = await page
      .getByTestId('toolbar')
      .locator('button')
      .evaluateAll((all) =>
        all.map((b) => ({
          name: b.getAttribute('aria-label'),
          keys: b.getAttribute('aria-keyshortcuts'),
          title: b.getAttribute('title'),
        })),
      )
    expect(buttons.length).toBeGreaterThanOrEqual(15)
    for (const button of buttons) {
      expect(button.keys, `${button.name} has aria-keyshortcuts`).toMatch(/^Control\+/)
      expect(button.title, `${button.name} shows its shortcut`).toMatch(/\(Ctrl\+.+\)$/)
    }

    // The newly bound ones work: Ctrl+Alt+T inserts a table.
    await page.locator(PROSEMIRROR).locator('h1').first().click()
    await page.keyboard.press('Control+End')
    await page.keyboard.press('Control+Alt+t')
    await page.locator(`${PROSEMIRROR} table`).waitFor()
    // Ctrl+Alt+O opens the document import.
    await page.keyboard.press('Control+Alt+o')
    await page.getByTestId('import-panel').waitFor()
  })

  it('finds across the guideline and example fields with a count, and Replace all changes both for everyone', async () => {
    const projectId = await createProject(server.url, owner, 'Find and replace')
    const leeAccount = await inviteUser(server.url, owner, projectId, 'lead', 'Lee Lead')
    const { page } = await suite.newUser(server.url, owner)
    const lee = await suite.newUser(server.url, leeAccount)
    await openDraft(page, projectId)
    await typeAtEnd(page, 'A helpful answer is helpful to the asker. Helpfulness matters.')
    await page.getByTestId('toolbar-example').click()
    const block = page.getByTestId('example-block').first()
    await block.getByTestId('example-prompt').click()
    await page.keyboard.type('Is this helpful?')
    await waitForStatus(page, 'saved')

    await page.locator(PROSEMIRROR).locator('h1').first().click()
    await page.keyboard.press('Control+f')
    const input = page.getByTestId('find-input')
    await input.waitFor()
    await input.fill('helpful')
    // Three in the guideline (case-insensitive: "Helpfulness" too) and one in the example's prompt.
    await waitFor(async () => (await countText(page)) === '1 of 4', { message: 'the match count "1 of 4"' })
    await page.keyboard.press('Enter')
    expect(await countText(page)).toBe('2 of 4')
    await page.keyboard.press('Shift+Enter')
    expect(await countText(page)).toBe('1 of 4')
    await screenshot(page, 'keyboard-02-find')
    await input.fill('no such words')
    await waitFor(async () => (await countText(page)) === 'No matches', { message: '"No matches"' })

    await page.keyboard.press('Control+h')
    await input.fill('helpful')
    await page.getByTestId('replace-input').fill('useful')
    await page.getByTestId('replace-all').click()
    await waitFor(async () => (await countText(page)) === 'No matches', { message: 'nothing left to find' })
    expect(await page.getByTestId('replace-status').textContent()).toBe('Replaced 4 matches.')
    await screenshot(page, 'keyboard-03-replaced')
    await waitForStatus(page, 'saved')

    await openDraft(lee.page, projectId)
    await waitForText(lee.page, 'A useful answer is useful to the asker. usefulness matters.', 'Lee')
    const prompt = lee.page.getByTestId('example-block').first().getByTestId('example-prompt')
    await waitFor(async () => (await prompt.textContent()) === 'Is this useful?', {
      message: 'the prompt replaced',
    })
    await page.keyboard.press('Escape')
    await page.getByTestId('find-bar').waitFor({ state: 'detached' })
  })

  it('keeps "7." when a numbered line becomes a heading, from the toolbar and from Ctrl+Alt+2', async () => {
    const projectId = await createProject(server.url, owner, 'Numbered headings')
    const { page } = await suite.newUser(server.url, owner)
    await openDraft(page, projectId)
    await typeAtEnd(page, '7. Escalation')
    // The list input rule made it an ordered list starting at 7.
    await page.locator(`${PROSEMIRROR} ol[start="7"]`).waitFor()
    await page.getByTestId('toolbar-h2').click()
    await page.locator(`${PROSEMIRROR} h2`).filter({ hasText: '7. Escalation' }).waitFor()
    expect(await page.locator(`${PROSEMIRROR} ol`).count()).toBe(0)

    await page.keyboard.press('Enter')
    await page.keyboard.type('3. Safety')
    await page.locator(`${PROSEMIRROR} ol[start="3"]`).waitFor()
    await page.keyboard.press('Control+Alt+2')
    await page.locator(`${PROSEMIRROR} h2`).filter({ hasText: '3. Safety' }).waitFor()
    expect((await documentBlocks(page)).filter((b) => /^\d\. /.test(b))).toEqual([
      '7. Escalation',
      '3. Safety',
    ])
    // Outside a list, H2 still toggles as before.
    await page.keyboard.press('Control+Alt+2')
    await page.locator(`${PROSEMIRROR} p`).filter({ hasText: '3. Safety' }).waitFor()
    await screenshot(page, 'keyboard-04-numbered-heading')
  })
})
