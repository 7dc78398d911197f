/**
 * An example block is its own island in the guideline: dragging text out of its controls (the gold answers,
 * say) never drops it into the guideline text, where it would be published beside the quiz, and keys typed
 * in its fields stay there.
 */

import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { examplesMap } from '../../shared/ydoc/examplesDoc'
import { appendBlocks } from '../../shared/ydoc/guidelineBuilder'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { createProject, setupOwner, type TestUser } from '../helpers/accounts'
import { connectClient, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import { PROSEMIRROR, waitForStatus } from './editorPage'

const suite = browserSuite()

/** The guideline's own blocks (text), with example blocks standing in as "[example]". */
const textBlocks = (page: Page) =>
  page
    .locator(PROSEMIRROR)
    .evaluate((root) =>
      Array.from(root.children, (block) =>
        block.querySelector('[data-testid="example-block"]') ? '[example]' : (block.textContent ?? ''),
      ),
    )
let server: ChildServer
let owner: TestUser
let project: string

beforeAll(async () => {
  server = await spawnServer({ env: SERVER_ENV })
  owner = await setupOwner(server)
  project = await createProject(server.url, owner, 'Drag')
  const client = connectClient(server.url, project, { user: owner })
  await waitForSynced(client)
  completeDraft(client)
  const [first] = [...examplesMap(client.doc).keys()] as [string]
  appendBlocks(guidelineFragment(client.doc), [
    { type: 'paragraph', text: 'Read the whole response first.' },
    { type: 'example', exampleId: first },
  ])
  await draftIsDurable(server.url, project, owner, client)
  client.destroy()
})

describe('example blocks in the guideline', () => {
  it('never let text dragged out of a block land in the guideline text', async () => {
    const { page } = await suite.newUser(server.url, owner)
    await page.goto(`${server.url}/projects/${project}`)
    await waitForStatus(page, 'saved')
    const block = page.getByTestId('example-block').first()
    await block.getByTestId('gold-summary').first().waitFor()
    const before = await textBlocks(page)
    expect(before).toContain('[example]')
    const summary = (await block.getByTestId('gold-summary').first().boundingBox())!
    const target = (await page.getByText('Read the whole response first.').boundingBox())!
    const y = summary.y + summary.height / 2
    // Select the summary's text, then drag the selection onto the paragraph above the block.
    await page.mouse.click(summary.x + 1, y)
    await page.mouse.down()
    await page.mouse.move(summary.x + summary.width - 1, y, { steps: 5 })
    await page.mouse.up()
    await page.mouse.move(summary.x + summary.width / 2, y)
    await page.mouse.down()
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 })
    await page.mouse.move(target.x + target.width - 2, target.y + target.height / 2, { steps: 4 })
    await page.mouse.up()
    expect(await textBlocks(page)).toEqual(before)
  })

  it('keeps keys typed in a block’s own fields there: Ctrl+End and typing in its title never replace the block', async () => {
    const { page } = await suite.newUser(server.url, owner)
    await page.goto(`${server.url}/projects/${project}`)
    await waitForStatus(page, 'saved')
    const block = page.getByTestId('example-block').first()
    const title = block.getByTestId('example-title')
    await title.click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(' /heading')
    await page.keyboard.press('Enter')
    expect(await page.getByTestId('example-block').count()).toBe(1)
    expect(await title.inputValue()).toBe('Example 1 /heading')
    expect(await textBlocks(page)).toContain('[example]')
  })
})
