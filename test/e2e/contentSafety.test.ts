/**
 * Content safety in real Chromium: a peer writes hostile links, handler attributes, script elements and HTML
 * text straight into the Yjs document (a stock client, no editor); the editor, the published version view
 * and the printable page render it without running any of it — `window.__pwned` stays unset, and no
 * `javascript:`/`data:` URL or `on…` attribute reaches the DOM.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, createProject, setupOwner, type TestUser } from '../helpers/accounts'
import { connectClient, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { writeHostileGuideline } from '../helpers/hostileContent'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import { waitForText } from './editorPage'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser
let project: string

beforeAll(async () => {
  server = await spawnServer({ env: SERVER_ENV })
  owner = await setupOwner(server)
  project = await createProject(server.url, owner, 'Hostile content')
  const peer = connectClient(server.url, project, { user: owner })
  await waitForSynced(peer)
  completeDraft(peer)
  writeHostileGuideline(peer.doc)
  await draftIsDurable(server.url, project, owner, peer)
  peer.destroy()
})

/** Everything in the page's DOM that could run script: unsafe URLs and event-handler attributes. */
function executableBits(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    // Browsers ignore leading whitespace and control characters, and tabs/newlines anywhere, in a scheme.
    const scheme = (value: string) => [...value].filter((ch) => ch.charCodeAt(0) > 32).join('')
    // The body: the page's own head holds the favicon as a data: URL.
    for (const element of document.body.querySelectorAll('*')) {
      for (const { name, value } of [...element.attributes]) {
        if (name.startsWith('on')) found.push(`${element.tagName} ${name}`)
        if (/^(javascript|data|vbscript):/i.test(scheme(value)))
          found.push(`${element.tagName} ${name}=${value}`)
      }
    }
    for (const script of document.querySelectorAll('script:not([src])'))
      found.push(`inline script ${script.textContent}`)
    return found
  })
}

/** Hovers every link in `selector` (a mouseover handler would run now); returns how many there are. */
async function poke(page: Page, selector: string): Promise<number> {
  const links = await page.locator(`${selector} a`).all()
  for (const link of links) await link.hover()
  return links.length
}

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)

describe('hostile content written straight into Yjs', () => {
  it('runs nothing in the editor, the version view or the printable page', async () => {
    const { page } = await suite.newUser(server.url, owner)
    await page.goto(`${server.url}/projects/${project}`)
    await waitForText(page, 'Hostile section', 'owner')
    await waitForText(page, 'link7', 'owner')
    expect(await poke(page, '[data-testid="editor"]')).toBeGreaterThan(0)
    expect(await executableBits(page)).toEqual([])
    expect(await pwned(page)).toBeUndefined()

    const published = await api(server.url, `/api/projects/${project}/versions`, {
      user: owner,
      body: { bump: 'major', changelog: 'first' },
    })
    expect(published.status).toBe(201)

    await page.goto(`${server.url}/projects/${project}/versions/1.0.0`)
    const view = page.getByTestId('version-guideline')
    await view.getByText('Hostile section').waitFor()
    expect(await view.innerHTML()).toContain('https://example.com/ok')
    expect(await poke(page, '[data-testid="version-guideline"]')).toBeGreaterThan(0)
    expect(await executableBits(page)).toEqual([])
    expect(await pwned(page)).toBeUndefined()

    await page.goto(`${server.url}/api/projects/${project}/versions/1.0.0/print`)
    await page.getByText('Hostile section').waitFor()
    await poke(page, 'main')
    expect(await executableBits(page)).toEqual([])
    expect(await pwned(page)).toBeUndefined()
  })
})
