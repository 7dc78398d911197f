/**
 * Media in the guideline, in real Chromium against a real server: lead A pastes an image (a ClipboardEvent
 * carrying a File) and drops a video (test/fixtures/media/clip.webm in a DataTransfer); each shows an upload
 * placeholder with its name and progress, then the media block. Lead B, in a second browser context, sees
 * both appear live and A's alt text arrive. The video seeks (the server answers byte ranges with 206).
 * Pasted HTML with a foreign <img> is not embedded and a notice says so; a refused file shows the server's
 * message; a cancelled upload leaves nothing behind; the toolbar's Media button picks a recording. A
 * published version shows its image on the version page and the printable page.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { mediaPath, mediaUploadPath, UploadedMedia } from '../../shared/schema/media'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { api, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { launchChromium, screenshot, screenshotSideBySide } from '../helpers/browser'
import { connectClient, destroyAllClients, waitFor, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { type ChildServer, removeTempDirs, spawnServer, stopAllServers } from '../helpers/server'
import { openUser, PROSEMIRROR, typeAtEnd, type User, waitForStatus, waitForText } from './editorPage'
import { addMember } from './people'

const CLIENT_DIR = resolve(import.meta.dirname, '../../dist/client')
const CLIP = readFileSync(resolve(import.meta.dirname, '../fixtures/media/clip.webm')).toString('base64')
const MEDIA_URL = /\/api\/projects\/[^/]+\/media\/[0-9a-f]{64}$/

let server: ChildServer
let browser: Browser
const users: User[] = []
let alice: TestUser
let bob: TestUser
let rita: TestUser

async function newUser(account: TestUser): Promise<User> {
  const user = await openUser(browser, { baseUrl: server.url, account })
  users.push(user)
  return user
}

/** Pastes a PNG drawn on a canvas (a File in the clipboard data) at the caret. */
function pasteImage(page: Page, name: string): Promise<void> {
  return page.evaluate(
    async ({ selector, name }) => {
      const canvas = document.createElement('canvas')
      canvas.width = 480
      canvas.height = 270
      const g = canvas.getContext('2d')!
      g.fillStyle = '#eef0fe'
      g.fillRect(0, 0, 480, 270)
      g.fillStyle = '#4f46e5'
      g.beginPath()
      g.arc(140, 135, 80, 0, Math.PI * 2)
      g.fill()
      g.fillStyle = '#1d1f23'
      g.font = '28px sans-serif'
      g.fillText('six fingers?', 250, 145)
      const blob = await new Promise<Blob>((done) => canvas.toBlob((b) => done(b!), 'image/png'))
      const data = new DataTransfer()
      data.items.add(new File([blob], name, { type: 'image/png' }))
      const target = document.querySelector(selector)!
      target.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      )
    },
    { selector: PROSEMIRROR, name },
  )
}

/** Drops a file (bytes in base64) onto the end of the guideline's last paragraph. */
function dropFile(page: Page, name: string, type: string, base64: string): Promise<void> {
  return page.evaluate(
    ({ selector, name, type, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const data = new DataTransfer()
      data.items.add(new File([bytes], name, { type }))
      const root = document.querySelector(selector)!
      const last = [...root.querySelectorAll(':scope > p')].at(-1)!
      const box = last.getBoundingClientRect()
      const init = { dataTransfer: data, clientX: box.right - 5, clientY: box.top + box.height / 2 }
      last.dispatchEvent(new DragEvent('dragover', { ...init, bubbles: true, cancelable: true }))
      last.dispatchEvent(new DragEvent('drop', { ...init, bubbles: true, cancelable: true }))
    },
    { selector: PROSEMIRROR, name, type, base64 },
  )
}

/** Pastes HTML (no files) at the caret. */
function pasteHtml(page: Page, html: string): Promise<void> {
  return page.evaluate(
    ({ selector, html }) => {
      const data = new DataTransfer()
      data.setData('text/html', html)
      data.setData('text/plain', 'pasted')
      document
        .querySelector(selector)!
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    },
    { selector: PROSEMIRROR, html },
  )
}

beforeAll(async () => {
  server = await spawnServer({ env: { CLIENT_DIR, AUTH_ATTEMPTS_PER_MINUTE: '1000' } })
  browser = await launchChromium()
  alice = await setupOwner(server, 'Alice Owner')
  const first = await createProject(server.url, alice, 'Onboarding')
  bob = await inviteUser(server.url, alice, first, 'lead', 'Bob Lead')
  rita = await inviteUser(server.url, alice, first, 'reviewer', 'Rita Reviewer')
})

afterEach(async () => {
  const errors = users.flatMap((user) => user.pageErrors)
  await Promise.all(users.splice(0).map((user) => user.context.close()))
  expect(errors, 'uncaught exceptions in the pages').toEqual([])
})

afterAll(async () => {
  destroyAllClients()
  await browser?.close()
  await stopAllServers()
  removeTempDirs()
})

describe('media in the guideline', () => {
  it('a pasted image and a dropped video upload with progress, appear for a co-editor live, and the video seeks', async () => {
    const projectId = await createProject(server.url, alice, 'Image generation rubric')
    await addMember(server.url, alice, projectId, bob, 'lead')
    await addMember(server.url, alice, projectId, rita, 'reviewer')
    const a = await newUser(alice)
    const b = await newUser(bob)
    for (const { page } of [a, b]) {
      await page.goto(`${server.url}/projects/${projectId}`)
      await waitForStatus(page, 'saved')
    }
    const ranges: number[] = []
    b.page.on('response', (response) => {
      if (MEDIA_URL.test(new URL(response.url()).pathname)) ranges.push(response.status())
    })

    // The paste's upload is held at the network until the placeholder was seen.
    // The image is pasted between two paragraphs (a position a whole-document replace would lose).
    await typeAtEnd(a.page, 'Hands: count the fingers.')
    await typeAtEnd(a.page, 'Notes follow.')
    await typeAtEnd(a.page, 'A clip of the generated motion:')
    await a.page.locator(`${PROSEMIRROR} p`, { hasText: 'Hands: count the fingers.' }).click()
    await a.page.keyboard.press('End')
    let release: () => void = () => {}
    const held = new Promise<void>((done) => {
      release = done
    })
    await a.page.route(
      '**/media?name=*',
      async (route) => {
        await held
        await route.continue()
      },
      { times: 1 },
    )
    await pasteImage(a.page, 'hand.png')
    const placeholder = a.page.getByTestId('media-upload')
    await placeholder.filter({ hasText: 'hand.png' }).waitFor()
    expect(await placeholder.getByTestId('media-upload-progress').count()).toBe(1)
    expect(await placeholder.getByTestId('media-upload-cancel').isVisible()).toBe(true)
    // Placeholders are local: the co-editor never sees one. B adds text above it meanwhile: the image
    // still lands right after A's paragraph (the position follows concurrent edits).
    expect(await b.page.getByTestId('media-upload').count()).toBe(0)
    await b.page.locator(`${PROSEMIRROR} h1`).first().click()
    await b.page.keyboard.press('End')
    await b.page.keyboard.press('Enter')
    await b.page.keyboard.type('Added by B above while A uploads.')
    await waitForText(a.page, 'Added by B above while A uploads.', 'A')
    await placeholder.filter({ hasText: 'hand.png' }).waitFor()
    release()
    const image = a.page.locator('[data-testid="media-block"][data-media-kind="image"]')
    await image.waitFor()
    await placeholder.waitFor({ state: 'detached' })
    expect(await image.getByTestId('media-alt-hint').isVisible()).toBe(true)

    // The drop's upload is slowed down so its progress bar can be seen moving.
    const cdp = await a.context.newCDPSession(a.page)
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 48 * 1024,
    })
    await dropFile(a.page, 'clip.webm', 'video/webm', CLIP)
    const progress = a.page
      .getByTestId('media-upload')
      .filter({ hasText: 'clip.webm' })
      .getByTestId('media-upload-progress')
    await progress.waitFor()
    const seen: number[] = []
    await waitFor(
      async () => {
        const value = await progress.evaluate((p: HTMLProgressElement) => p.value).catch(() => 1)
        seen.push(value)
        return value > 0 && value < 1
      },
      { message: 'the video upload to show partial progress' },
    )
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    })
    const video = a.page.locator('[data-testid="media-block"][data-media-kind="video"]')
    await video.waitFor({ timeout: 20_000 })

    // Lead B sees both blocks appear live (they are part of the Yjs document), in the order A put them.
    const bImage = b.page.locator('[data-testid="media-block"][data-media-kind="image"] img')
    const bVideo = b.page.locator('[data-testid="media-block"][data-media-kind="video"] video')
    await bImage.waitFor()
    await bVideo.waitFor()
    await waitFor(
      () => bImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 480),
      {
        message: 'B to load the pasted image from the server',
      },
    )
    const order = await b.page.locator(`${PROSEMIRROR} > *`).evaluateAll((blocks) =>
      blocks.map((el) => {
        const kind = el.querySelector('[data-media-kind]')?.getAttribute('data-media-kind')
        const copy = el.cloneNode(true) as HTMLElement
        for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove()
        return kind ?? copy.textContent
      }),
    )
    const hands = order.indexOf('Hands: count the fingers.')
    expect(order.indexOf('Added by B above while A uploads.')).toBeLessThan(hands)
    expect(order.slice(hands, hands + 5), order.join(' | ')).toEqual([
      'Hands: count the fingers.',
      'image',
      'Notes follow.',
      'A clip of the generated motion:',
      'video',
    ])

    // Alt text and size typed by A reach B.
    await image.getByTestId('media-alt').fill('A hand with six fingers')
    await image.getByTestId('media-size-M').click()
    await waitFor(async () => (await bImage.getAttribute('alt')) === 'A hand with six fingers', {
      message: 'B to see the alt text',
    })
    expect(await image.getByTestId('media-alt-hint').count()).toBe(0)
    await image.getByTestId('media-caption').fill('Six fingers: fails anatomy')

    // A reviewer sees the media and its caption, and nothing to edit.
    const r = await newUser(rita)
    await r.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(r.page, 'view-only')
    const rImage = r.page.locator('[data-testid="media-block"][data-media-kind="image"]')
    await rImage.getByTestId('media-caption-text').filter({ hasText: 'Six fingers: fails anatomy' }).waitFor()
    expect(await rImage.locator('img').getAttribute('alt')).toBe('A hand with six fingers')
    await r.page.locator('[data-testid="media-block"][data-media-kind="video"] video').waitFor()
    expect(
      await r.page.locator('[data-testid="media-block"] input, [data-testid="media-block"] button').count(),
    ).toBe(0)

    // B's video seeks: the server answers the range requests with 206.
    const seeked = await bVideo.evaluate(async (v: HTMLVideoElement) => {
      if (v.readyState < 1)
        await new Promise((done) => v.addEventListener('loadedmetadata', done, { once: true }))
      const done = new Promise((ok) => v.addEventListener('seeked', ok, { once: true }))
      v.currentTime = Math.min(1.5, v.duration / 2)
      await done
      return { time: v.currentTime, duration: v.duration }
    })
    expect(seeked.time).toBeGreaterThan(0.5)
    await waitFor(() => ranges.includes(206), { message: `a 206 for the video (saw ${ranges.join(', ')})` })

    await a.page.locator(PROSEMIRROR).evaluate(() => window.scrollTo(0, 0))
    await image.scrollIntoViewIfNeeded()
    await screenshotSideBySide(
      [
        { label: 'Lead A pasted an image and dropped a video', page: a.page },
        { label: 'Lead B sees both live', page: b.page },
      ],
      'gmedia-two-leads',
    )
    await screenshot(b.page, 'gmedia-coeditor', { fullPage: true })
  }, 90_000)

  it('drops foreign images from pasted HTML with a notice, shows a refused upload’s message, and cancels', async () => {
    const projectId = await createProject(server.url, alice, 'Pasting')
    const a = await newUser(alice)
    await a.page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(a.page, 'saved')
    await typeAtEnd(a.page, 'Start.')

    await pasteHtml(
      a.page,
      '<p>Copied text</p><img src="https://example.com/cat.png" alt="cat"><p>More text</p>',
    )
    await waitForText(a.page, 'Copied text', 'A')
    const notice = a.page.getByTestId('media-notice')
    await notice.filter({ hasText: 'not copied' }).waitFor()
    expect(await a.page.locator(`${PROSEMIRROR} img`).count()).toBe(0)
    expect(await a.page.getByTestId('media-block').count()).toBe(0)

    // An HTML page named .png: the server decides by the bytes and refuses it; its message is shown.
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>').toString(
      'base64',
    )
    await dropFile(a.page, 'innocent.png', 'image/png', html)
    await notice.filter({ hasText: 'innocent.png was not added' }).waitFor()
    await waitFor(async () => (await a.page.getByTestId('media-upload').count()) === 0, {
      message: 'the refused upload’s placeholder to go',
    })
    expect(await a.page.getByTestId('media-block').count()).toBe(0)

    // Cancel: the upload is held, cancelled, and leaves neither a placeholder nor a block.
    await a.page.route('**/media?name=*', () => {})
    await dropFile(a.page, 'clip.webm', 'video/webm', CLIP)
    const placeholder = a.page.getByTestId('media-upload')
    await placeholder.getByTestId('media-upload-cancel').click()
    await placeholder.waitFor({ state: 'detached' })
    expect(await a.page.getByTestId('media-block').count()).toBe(0)
    await a.page.unroute('**/media?name=*')

    // The toolbar's Media button picks files: a recording becomes an audio player.
    await a.page.locator(`${PROSEMIRROR} p`, { hasText: 'More text' }).click()
    await a.page
      .getByTestId('toolbar-media-input')
      .setInputFiles(resolve(import.meta.dirname, '../fixtures/media/tone.ogg'))
    const audio = a.page.locator('[data-testid="media-block"][data-media-kind="audio"] audio')
    await audio.waitFor()
    expect((await audio.boundingBox())?.height ?? 0, 'the audio player’s controls show').toBeGreaterThan(20)
    await screenshot(a.page, 'gmedia-notices')
  }, 60_000)

  it('shows the image of a published version on the version page and the printable page', async () => {
    const projectId = await createProject(server.url, alice, 'Published media')
    const png = await sharp({ create: { width: 320, height: 180, channels: 3, background: '#4f46e5' } })
      .png()
      .toBuffer()
    const uploaded = await fetch(`${server.url}${mediaUploadPath(projectId, 'swatch.png')}`, {
      method: 'POST',
      headers: { cookie: alice.cookie, 'content-type': 'application/octet-stream' },
      body: png,
    })
    expect(uploaded.status).toBe(201)
    const media = UploadedMedia.parse(await uploaded.json())
    const client = connectClient(server.url, projectId, { user: alice })
    await waitForSynced(client)
    completeDraft(client)
    client.doc.transact(() => {
      const node = new Y.XmlElement('media')
      node.setAttribute('hash', media.hash)
      node.setAttribute('kind', media.kind)
      node.setAttribute('mime', media.mime)
      node.setAttribute('alt', 'A purple swatch')
      node.setAttribute('caption', 'The reference colour')
      node.setAttribute('displayWidth', 50 as unknown as string)
      guidelineFragment(client.doc).insert(guidelineFragment(client.doc).length, [node])
    })
    await draftIsDurable(server.url, projectId, alice, client)
    const published = await api(server.url, `/api/projects/${projectId}/versions`, {
      user: alice,
      body: { bump: 'major', changelog: 'Media' },
    })
    expect(published.status).toBe(201)

    const a = await newUser(alice)
    await a.page.goto(`${server.url}/projects/${projectId}/versions/1.0.0`)
    const figure = a.page.locator('[data-testid="version-guideline"] figure.guideline-media')
    await figure.locator('figcaption', { hasText: 'The reference colour' }).waitFor()
    const img = figure.locator('img')
    expect(await img.getAttribute('src')).toBe(mediaPath(projectId, media.hash))
    await waitFor(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth === 320), {
      message: 'the published image to load',
    })
    // Half the text column (a heading spans the whole column).
    const figureBox = await figure.boundingBox()
    const columnBox = await a.page.locator('[data-testid="version-guideline"] > h1').first().boundingBox()
    expect(figureBox!.width / columnBox!.width).toBeCloseTo(0.5, 1)
    await figure.scrollIntoViewIfNeeded()
    await screenshot(a.page, 'gmedia-version')

    await a.page.goto(`${server.url}/api/projects/${projectId}/versions/1.0.0/print`)
    const printed = a.page.locator('figure.guideline-media img')
    await waitFor(() => printed.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth === 320), {
      message: 'the printable page to show the image',
    })
    await screenshot(a.page, 'gmedia-print')
  }, 60_000)
})
