/**
 * Media examples in real Chromium (a smoke run, with screenshots to look at): a project from the
 * image-generation template shows its images in the example blocks; the lead adds a PNG with the file picker
 * (it appears with its alt text field) and by dropping; a slow upload shows progress and is cancelled; a fake
 * PNG is refused with the server's message. After publishing, the annotator's quiz and feedback show the
 * items' images loaded from the server, and the version page and the printable page show them too.
 */
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiJson, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot } from '../helpers/browser'
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

/** Whether every <img> inside `selector` has loaded real pixels. */
const imagesLoaded = (selector: string) =>
  `[...document.querySelectorAll(${JSON.stringify(`${selector} img`)})].every((img) => img.complete && img.naturalWidth > 0)`

describe('media examples in the browser', () => {
  it('adds an image to an example, refuses a fake one, and shows the image in the quiz', async () => {
    const project = await apiJson<{ id: string }>(server.url, '/api/projects', {
      user: owner,
      body: { name: 'Images', templateId: 'image-generation' },
    })
    const annotator = await inviteUser(server.url, owner, project.id, 'annotator', 'Ann')
    const lead = await suite.newUser(server.url, owner)
    const { page } = lead
    await page.goto(`${server.url}/projects/${project.id}`)
    await waitForStatus(page, 'saved')
    const hand = page.locator('[data-testid="media-editor"]').nth(1)
    await hand.scrollIntoViewIfNeeded()
    await expect.poll(() => page.evaluate(imagesLoaded('[data-testid="media-editor"]'))).toBe(true)
    await screenshot(page, 'exmedia-editor-template')

    const png = await sharp({
      create: { width: 320, height: 200, channels: 3, background: { r: 250, g: 180, b: 40 } },
    })
      .png()
      .toBuffer()
    await hand
      .getByTestId('media-file-media')
      .setInputFiles({ name: 'variant.png', mimeType: 'image/png', buffer: png })
    await expect.poll(() => hand.getByTestId('media-item').count()).toBe(2)
    await hand.getByTestId('media-alt').nth(1).fill('A second attempt at the hand')
    await hand.getByTestId('media-file-media').setInputFiles({
      name: 'fake.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<!doctype html><script>alert(1)</script>'),
    })
    const error = hand.getByTestId('media-error')
    await error.waitFor()
    expect(await error.textContent()).toMatch(/fake\.png/)
    expect(await hand.getByTestId('media-item').count()).toBe(2)
    await expect.poll(() => page.evaluate(imagesLoaded('[data-testid="media-editor"]'))).toBe(true)
    await hand.scrollIntoViewIfNeeded()
    await screenshot(page, 'exmedia-editor-added')
    console.log('refusal shown:', await error.textContent())

    // A slow upload shows its progress and can be cancelled: nothing is added and no error is shown.
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 64 * 1024,
    })
    await hand.getByTestId('media-file-media').setInputFiles({
      name: 'slow.webm',
      mimeType: 'video/webm',
      buffer: Buffer.alloc(2 * 1024 * 1024, 7),
    })
    const slow = hand.getByTestId('media-upload')
    await slow.waitFor()
    await expect.poll(() => slow.locator('progress').getAttribute('value'), { timeout: 10_000 }).not.toBe('0')
    await slow.scrollIntoViewIfNeeded()
    await screenshot(page, 'exmedia-editor-uploading')
    await slow.getByRole('button', { name: 'Cancel' }).click()
    await slow.waitFor({ state: 'detached' })
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    })
    expect(await hand.getByTestId('media-item').count()).toBe(2)
    expect(await hand.getByTestId('media-error').count()).toBe(1)

    // Dropping a file on a media list uploads it too (the example block keeps the drop from the guideline).
    const ball = page.locator('[data-testid="media-editor"]').first()
    await ball.getByTestId('media-list-media').evaluate((list, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const data = new DataTransfer()
      data.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }))
      for (const type of ['dragenter', 'dragover', 'drop'])
        list.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }))
    }, png.toString('base64'))
    await expect.poll(() => ball.getByTestId('media-item').count()).toBe(2)
    expect(
      await page.evaluate(() => document.querySelector('.ProseMirror')?.textContent?.includes('dropped.png')),
    ).toBe(false)
    await waitForStatus(page, 'saved')

    const published = await apiJson<{ version: string }>(server.url, `/api/projects/${project.id}/versions`, {
      user: owner,
      body: { bump: 'major', changelog: 'Images' },
    })
    expect(published.version).toBe('1.0.0')

    const ann = await suite.newUser(server.url, annotator)
    await ann.page.goto(`${server.url}/projects/${project.id}`)
    await ann.page.getByTestId('take-calibration').click()
    await ann.page.getByTestId('start-attempt').click()
    await ann.page.getByTestId('runner').waitFor()
    await ann.page.getByTestId('media-gallery').first().waitFor()
    await expect.poll(() => ann.page.evaluate(imagesLoaded('[data-testid="runner"]'))).toBe(true)
    await screenshot(ann.page, 'exmedia-quiz', { fullPage: true })

    // Answer both items (the values do not matter here), submit, and see the item's media in the feedback.
    for (let item = 1; item <= 2; item++) {
      const runner = ann.page.getByTestId('runner')
      await runner.locator('[data-criterion-id="ig-adherence"]').getByTestId('choice-2').click()
      const anatomy = runner.locator('[data-criterion-id="ig-anatomy"]')
      await anatomy.getByTestId('choice-false').click()
      await anatomy.getByTestId('rationale').fill('Look at the fingers and the letters.')
      await runner
        .locator('[data-criterion-id="ig-text"]')
        .getByTestId('label-select')
        .selectOption('no text asked')
      await ann.page.getByTestId(item < 2 ? 'next-example' : 'go-review').click()
    }
    await ann.page.getByTestId('review').waitFor()
    await ann.page.getByTestId('answers-save-status').and(ann.page.locator('[data-status="saved"]')).waitFor()
    await ann.page.getByTestId('submit-attempt').click()
    await ann.page.getByTestId('feedback').waitFor()
    for (const details of await ann.page.locator('.feedback-example__item').all())
      await details.locator('summary').click()
    await expect.poll(() => ann.page.evaluate(imagesLoaded('[data-testid="feedback"]'))).toBe(true)
    expect(
      await ann.page.locator('[data-testid="feedback"] [data-testid="media-gallery-item"]').count(),
    ).toBe(3)
    await screenshot(ann.page, 'exmedia-feedback', { fullPage: true })

    // The lead: media A/B side by side once "Compare media A and B" is on (then switched off again).
    await hand.getByTestId('media-pairwise').check()
    await hand.getByTestId('media-list-mediaA').waitFor()
    await hand.scrollIntoViewIfNeeded()
    await screenshot(page, 'exmedia-editor-pairwise')
    await hand.getByTestId('media-pairwise').uncheck()

    await page.goto(`${server.url}/projects/${project.id}/versions/1.0.0`)
    await page.getByTestId('version-examples').waitFor()
    await page.getByTestId('version-examples').scrollIntoViewIfNeeded()
    await expect.poll(() => page.evaluate(imagesLoaded('[data-testid="version-examples"]'))).toBe(true)
    await screenshot(page, 'exmedia-version-examples', { fullPage: true })
    await page.goto(`${server.url}/api/projects/${project.id}/versions/1.0.0/print`)
    await expect.poll(() => page.evaluate(imagesLoaded('.example'))).toBe(true)
    expect(await page.locator('.example img').count()).toBe(5)
    await screenshot(page, 'exmedia-print', { fullPage: true })
  })
})
