/**
 * Published versions in real Chromium (issue 6 acceptance): the owner publishes 1.0.0 from the editor, edits
 * the guideline and publishes 1.1.0, sees the change highlighted in the diff, downloads the Markdown, opens the
 * print view, restores 1.0.0 while a lead's editor follows live, and undoes it; an annotator reads the latest
 * published guideline instead of the draft.
 */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { setGold } from '../../shared/ydoc/examplesDoc'
import { appendBlocks } from '../../shared/ydoc/guidelineBuilder'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { criterionText, orderedCriteria } from '../../shared/ydoc/rubricDoc'
import { apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot, screenshotSideBySide } from '../helpers/browser'
import { connectClient, waitFor, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable, GOLD_MARK } from '../helpers/drafts'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import { documentContains, waitForStatus, waitForText } from './editorPage'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser
let lead: TestUser
let annotator: TestUser
let project: string

const SCORING = 'Rate helpfulness from 1 to 5.'
const EDIT = ' Ignore formatting when you score.'

beforeAll(async () => {
  server = await spawnServer({ env: SERVER_ENV })
  owner = await setupOwner(server)
  project = await createProject(server.url, owner, 'Medical QA — helpfulness & safety')
  lead = await inviteUser(server.url, owner, project, 'lead', 'Leah Lead')
  annotator = await inviteUser(server.url, owner, project, 'annotator', 'Ann Annotator')
  // A publishable draft: a rubric with gold examples, and a guideline with a few sections.
  const client = connectClient(server.url, project, { user: owner })
  await waitForSynced(client)
  completeDraft(client)
  appendBlocks(guidelineFragment(client.doc), [
    { type: 'heading', level: 2, text: 'Scope' },
    { type: 'paragraph', text: 'You rate answers to medical questions written by patients.' },
    { type: 'paragraph', text: 'Each task shows one question and one or two answers.' },
    { type: 'paragraph', text: 'Read the whole answer before you score it.' },
    { type: 'heading', level: 2, text: 'Scoring' },
    { type: 'paragraph', text: SCORING },
  ])
  await draftIsDurable(server.url, project, owner, client)
  client.destroy()
})

/** Through a second (Node) client: renames the first criterion and changes one gold answer, durably. */
async function editRubric() {
  const client = connectClient(server.url, project, { user: lead })
  await waitForSynced(client)
  const [first] = orderedCriteria(client.doc).map(([id]) => id) as [string]
  const title = criterionText(client.doc, first, 'title')!
  client.doc.transact(() => {
    title.delete(0, title.length)
    title.insert(0, 'Overall helpfulness')
  })
  const example = readRubricWithExamples(client.doc).examples.find((e) => e.title === 'Example 1')!
  setGold(client.doc, example.id, first, [4])
  await waitFor(
    async () => {
      const diff = await apiJson<{ rubric: { type: string }[] }>(
        server.url,
        `/api/projects/${project}/diff?from=1.0.0&to=draft`,
        { user: owner },
      )
      return diff.rubric.some((c) => c.type === 'gold_changed')
    },
    { message: 'the rubric edit to be durable' },
  )
  client.destroy()
}

async function publishFromEditor(
  page: Page,
  bump: 'major' | 'minor' | 'patch',
  changelog: string,
  shot: string,
  /** The kind the dialog should suggest from the changes since the latest version. */
  suggested?: 'major' | 'minor' | 'patch',
) {
  await page.getByTestId('publish-button').click()
  const dialog = page.getByTestId('publish-dialog')
  await dialog.waitFor()
  if (suggested) {
    await page.getByTestId(`bump-${suggested}`).getByTestId('bump-suggested').waitFor()
    expect(await page.getByTestId('publish-since').textContent()).toContain(
      '1 guideline block and 2 rubric changes',
    )
  }
  await page.getByTestId(`bump-${bump}`).click()
  await page.getByTestId('publish-changelog').fill(changelog)
  await screenshot(page, shot)
  await page.getByTestId('publish-submit').click()
  await page.getByTestId('publish-toast').waitFor()
  await dialog.waitFor({ state: 'detached' })
}

describe('published versions in the browser', () => {
  it('publishes, diffs, exports, restores live and undoes', async () => {
    const olivia = await suite.newUser(server.url, owner)
    const { page } = olivia
    await page.goto(`${server.url}/projects/${project}`)
    await waitForStatus(page, 'saved')
    await waitForText(page, SCORING, 'the owner')

    // 1.0.0: the first version is a major one by default; the dialog shows the number it will get.
    await page.getByTestId('publish-button').click()
    await page.getByTestId('publish-dialog').waitFor()
    await waitFor(
      async () => ((await page.getByTestId('publish-submit').textContent()) ?? '').includes('1.0.0'),
      {
        message: 'the dialog to offer 1.0.0',
      },
    )
    expect(await page.getByTestId('publish-submit').isDisabled()).toBe(true) // no changelog yet
    await page.getByRole('button', { name: 'Cancel' }).click()
    await publishFromEditor(
      page,
      'major',
      'First version for the pilot annotators.',
      'versions-01-publish-dialog',
    )
    expect(await page.getByTestId('publish-toast').textContent()).toContain('1.0.0')
    await screenshot(page, 'versions-02-published-toast')

    // Edit the guideline, then publish 1.1.0.
    await page.locator('[data-testid="editor"] .ProseMirror p', { hasText: SCORING }).click()
    await page.keyboard.press('End')
    await page.keyboard.type(EDIT)
    await waitForStatus(page, 'saved')
    // Meanwhile a co-author renames a criterion and changes a gold answer.
    await editRubric()
    await publishFromEditor(
      page,
      'minor',
      'Scoring: say that formatting does not count.',
      'versions-03-publish-minor',
      'major', // a gold answer changed
    )
    expect(await page.getByTestId('publish-toast').textContent()).toContain('1.1.0')

    // The history lists both, newest first.
    await page.getByTestId('versions-link').click()
    await page.getByTestId('versions-page').waitFor()
    const rows = page.getByTestId('version-row')
    await waitFor(async () => (await rows.count()) === 2, { message: 'two versions listed' })
    expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-version')))).toEqual([
      '1.1.0',
      '1.0.0',
    ])
    await page.getByTestId('token-name').fill('Labeling platform')
    await page.getByTestId('token-create').click()
    await page.getByTestId('token-created').waitFor()
    expect(await page.getByTestId('token-curl').textContent()).toContain('Authorization: Bearer ys_')
    await screenshot(page, 'versions-04-history', { fullPage: true })

    // The diff from 1.0.0 to 1.1.0 highlights the added words in place.
    await rows.first().getByTestId('diff-previous').click()
    await page.getByTestId('diff-page').waitFor()
    const changed = page.getByTestId('diff-block-changed')
    await changed.first().waitFor()
    expect(await changed.first().locator('ins').textContent()).toContain('Ignore formatting')
    expect(await page.getByTestId('diff-fold').count()).toBeGreaterThan(0)
    const rubricChanges = (await page.getByTestId('rubric-change').allTextContents()).join('\n')
    expect(rubricChanges).toContain('“Helpfulness” was renamed to “Overall helpfulness”')
    expect(rubricChanges).toContain(
      'the gold answer for “Overall helpfulness” changed from “3 — Adequate” to “4 — Good”',
    )
    await screenshot(page, 'versions-05-diff', { fullPage: true })

    // One version: rendered guideline, rubric, examples with gold (owners see gold).
    await page.goto(`${server.url}/projects/${project}/versions/1.0.0`)
    await page.getByTestId('version-view').waitFor()
    expect(await page.getByTestId('version-guideline').textContent()).toContain(SCORING)
    expect(await page.getByTestId('version-guideline').textContent()).not.toContain('Ignore formatting')
    expect(await page.getByTestId('version-criterion').count()).toBeGreaterThan(0)
    expect(await page.getByTestId('example-gold').count()).toBe(2)
    await screenshot(page, 'versions-06-version-view', { fullPage: true })

    // Markdown downloads; Print opens a printable page in a new tab.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-markdown').click(),
    ])
    expect(download.suggestedFilename()).toBe('guideline-1.0.0.md')
    const markdown = readFileSync((await download.path())!, 'utf8')
    expect(markdown).toContain(SCORING)
    const [print] = await Promise.all([
      olivia.context.waitForEvent('page'),
      page.getByTestId('export-print').click(),
    ])
    await print.waitForLoadState()
    expect(await print.textContent('body')).toContain(SCORING)
    await screenshot(print, 'versions-07-print')
    await print.close()

    // Restore 1.0.0 while the lead has the editor open: the lead sees it live, then the undo.
    const leah = await suite.newUser(server.url, lead)
    await leah.page.goto(`${server.url}/projects/${project}`)
    await waitForText(leah.page, EDIT.trim(), 'the lead')
    await page.goto(`${server.url}/projects/${project}/versions`)
    await page
      .locator('[data-testid="version-row"][data-version="1.0.0"]')
      .getByTestId('version-restore')
      .click()
    await page.getByTestId('confirm-dialog').waitFor()
    await screenshot(page, 'versions-08-restore-confirm')
    await page.getByTestId('confirm-dialog-confirm').click()
    await page.getByTestId('restore-toast').waitFor()
    await waitFor(async () => !(await documentContains(leah.page, EDIT.trim())), {
      message: 'the lead to see 1.0.0 restored',
    })
    expect(await documentContains(leah.page, SCORING)).toBe(true)
    await screenshotSideBySide(
      [
        { label: 'Owner: versions page after restoring 1.0.0', page },
        { label: 'Lead: editor, live', page: leah.page },
      ],
      'versions-09-restored-live',
    )
    await page.getByTestId('restore-undo').click()
    await waitForText(leah.page, EDIT.trim(), 'the lead (after undo)')
    await waitFor(
      async () => ((await page.getByTestId('restore-toast').textContent()) ?? '').includes('undone'),
      {
        message: 'the toast to say the restore is undone',
      },
    )
    await screenshot(page, 'versions-10-restore-undone')
  })

  it('shows annotators the latest published guideline and the history, never the draft', async () => {
    const ann = await suite.newUser(server.url, annotator)
    const { page } = ann
    await page.goto(`${server.url}/projects/${project}`)
    await page.getByTestId('latest-version').waitFor()
    expect(await page.getByTestId('version-view').getAttribute('data-version')).toBe('1.1.0')
    const text = (await page.locator('main').textContent()) ?? ''
    expect(text).toContain(EDIT.trim())
    expect(text).not.toContain(GOLD_MARK)
    expect(await page.getByTestId('example-gold').count()).toBe(0)
    expect(ann.sockets.filter((url) => url.includes('/sync/'))).toEqual([])
    await screenshot(page, 'versions-11-annotator-latest')
    await page.getByTestId('version-history-link').click()
    await page.getByTestId('versions-page').waitFor()
    await waitFor(async () => (await page.getByTestId('version-row').count()) === 2, { message: 'history' })
    expect(await page.getByTestId('diff-draft').count()).toBe(0)
    expect(await page.getByTestId('version-restore').count()).toBe(0)
    expect(await page.getByTestId('tokens-section').count()).toBe(0)
    await screenshot(page, 'versions-12-annotator-history')
    // The API agrees: no gold for annotators.
    const latest = await apiJson<{ includesGold: boolean }>(
      server.url,
      `/api/projects/${project}/versions/latest`,
      {
        user: annotator,
      },
    )
    expect(latest.includesGold).toBe(false)
  })

  it('blocks publishing while the rubric has problems, and says which', async () => {
    const empty = await createProject(server.url, owner, 'Empty rubric')
    const olivia = await suite.newUser(server.url, owner)
    const { page } = olivia
    await page.goto(`${server.url}/projects/${empty}`)
    await waitForStatus(page, 'saved')
    const count = page.getByTestId('publish-problem-count')
    await count.waitFor()
    expect(Number(await count.textContent())).toBeGreaterThan(0)
    await page.getByTestId('publish-button').click()
    await page.getByTestId('publish-dialog').waitFor()
    await page.getByTestId('publish-changelog').fill('Too early')
    expect(await page.getByTestId('publish-problems').textContent()).toContain(
      'The rubric has no criteria yet.',
    )
    expect(await page.getByTestId('publish-submit').isDisabled()).toBe(true)
    await screenshot(page, 'versions-13-publish-blocked')
    await page.getByRole('button', { name: 'Cancel' }).click()
    await page.getByTestId('versions-link').click()
    await page.getByTestId('versions-empty').waitFor()
    expect(await page.getByTestId('versions-empty').textContent()).toContain('publish from the editor')
    await screenshot(page, 'versions-14-empty-history')
  })
})
