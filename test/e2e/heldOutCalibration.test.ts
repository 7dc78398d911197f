/**
 * Held-out calibration in real Chromium: the annotator's published guideline shows the teaching example but
 * not the held-out item, which a lead sees badged; the runner hides the section hint by default; an
 * annotator whose attempt is already open and clicks "Start" is offered to resume it; the publish dialog and
 * the versions page say what calibration draws from.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { examplesMap, setExampleField } from '../../shared/ydoc/examplesDoc'
import { appendBlocks } from '../../shared/ydoc/guidelineBuilder'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot } from '../helpers/browser'
import { connectClient, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser
let annotator: TestUser
let project: string

beforeAll(async () => {
  server = await spawnServer({ env: SERVER_ENV })
  owner = await setupOwner(server)
  project = await createProject(server.url, owner, 'Held-out calibration')
  annotator = await inviteUser(server.url, owner, project, 'annotator', 'Ada Annotator')
  const client = connectClient(server.url, project, { user: owner })
  await waitForSynced(client)
  appendBlocks(guidelineFragment(client.doc), [
    { type: 'heading', level: 2, text: '1. Helpfulness', sectionId: 'sec-help' },
    { type: 'paragraph', text: 'Score what the user asked, not what you would have asked.' },
  ])
  // Example 1 teaches (shown in the guideline); Example 2 is a held-out calibration item.
  completeDraft(client)
  const [teaching, heldOut] = [...examplesMap(client.doc).keys()] as [string, string]
  setExampleField(client.doc, teaching, 'role', 'teaching')
  for (const id of [teaching, heldOut]) setExampleField(client.doc, id, 'sectionId', 'sec-help')
  appendBlocks(guidelineFragment(client.doc), [
    { type: 'example', exampleId: teaching },
    { type: 'example', exampleId: heldOut },
  ])
  await draftIsDurable(server.url, project, owner, client)
  client.destroy()
  await apiJson(server.url, `/api/projects/${project}/versions`, {
    user: owner,
    body: { bump: 'major', changelog: 'First calibration round' },
  })
})

describe('held-out calibration in the browser', () => {
  it('hides the held-out item from the annotator and badges it for the lead', async () => {
    const { page } = await suite.newUser(server.url, annotator)
    await page.goto(`${server.url}/projects/${project}/versions/1.0.0`)
    const guideline = page.getByTestId('version-guideline')
    await guideline.getByText('Example 1').first().waitFor()
    expect(await guideline.getByText('Example 2').count()).toBe(0)
    expect(await page.getByText('Prompt 2').count()).toBe(0)
    await screenshot(page, 'held-out-01-annotator-guideline')

    const lead = await suite.newUser(server.url, owner)
    await lead.page.goto(`${server.url}/projects/${project}/versions/1.0.0`)
    const leadGuideline = lead.page.getByTestId('version-guideline')
    await leadGuideline.getByText('Held-out calibration item').waitFor()
    await leadGuideline.getByText('Example 2').first().waitFor()
    await screenshot(lead.page, 'held-out-02-lead-guideline')
  })

  it('offers to resume an open attempt, and hides the section hint by default', async () => {
    const { page } = await suite.newUser(server.url, annotator)
    await page.goto(`${server.url}/projects/${project}/calibration`)
    await page.getByTestId('start-attempt').waitFor()
    // Meanwhile the attempt is started elsewhere (another tab): "Start" now offers to resume it.
    const started = await apiJson<{ id: string }>(
      server.url,
      `/api/projects/${project}/calibration/attempts`,
      {
        user: annotator,
        body: {},
      },
    )
    await page.getByTestId('start-attempt').click()
    await page.getByTestId('resume-open-attempt').waitFor()
    await screenshot(page, 'held-out-03-resume-offer')
    await page.getByTestId('resume-open-attempt').click()
    await page.getByTestId('runner').waitFor()
    expect(await page.getByTestId('runner').getAttribute('data-section-id')).toBeNull()
    expect(await page.getByTestId('read-section').count()).toBe(0)
    // Only the held-out item is drawn.
    expect(await page.getByTestId('example-title').textContent()).toBe('Example 2')
    await screenshot(page, 'held-out-04-runner-without-hint')
    expect(started.id).toBeTruthy()
  })

  it('says in the publish dialog and on the versions page what calibration draws from', async () => {
    const { page } = await suite.newUser(server.url, owner)
    await page.goto(`${server.url}/projects/${project}/versions`)
    const summary = page.getByTestId('pool-summary').first()
    await summary.waitFor()
    expect(await summary.textContent()).toContain('Each attempt draws all 1 calibration item.')
    await summary.locator('summary').click()
    await summary.getByText('teaching example').waitFor()
    await screenshot(page, 'held-out-05-versions-page')

    await page.goto(`${server.url}/projects/${project}`)
    await page.getByTestId('publish-button').click()
    const dialog = page.getByTestId('publish-dialog')
    await dialog.getByTestId('pool-summary').waitFor()
    expect(await dialog.getByTestId('pool-summary').textContent()).toContain(
      'Each attempt draws all 1 calibration item.',
    )
    await screenshot(page, 'held-out-06-publish-dialog')
  })
})
