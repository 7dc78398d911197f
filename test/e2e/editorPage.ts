/**
 * What the browser tests do with a Yardstick page: open a user (a browser context, signed in to an account by
 * its session cookie), type into the guideline, find and select a word in it, read its text without peer carets,
 * read presence, and record save-status changes and the sync sockets a page opens.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { SaveStatus } from '../../client/sync/saveTracker'
import type { TestUser } from '../helpers/accounts'
import { waitFor } from '../helpers/clients'

export const PROSEMIRROR = '[data-testid="editor"] .ProseMirror.guideline'
export const CARET_LABEL = '.collaboration-carets__label'

export interface User {
  context: BrowserContext
  page: Page
  /** Uncaught exceptions thrown in the page. */
  pageErrors: string[]
  /** URLs of every websocket the page opened. */
  sockets: string[]
  /** The account this context is signed in as, when it was opened with one. */
  account?: TestUser
}

/** Puts a TestUser's session cookie (`ys_session=…`) into a browser context for `baseUrl`. */
export async function signInContext(
  context: BrowserContext,
  baseUrl: string,
  account: TestUser,
): Promise<void> {
  const separator = account.cookie.indexOf('=')
  await context.addCookies([
    {
      name: account.cookie.slice(0, separator),
      value: account.cookie.slice(separator + 1),
      url: baseUrl,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ])
}

/** A fresh browser context (its own cookies, localStorage and IndexedDB), signed in as `account` if given. */
export async function openUser(
  browser: Browser,
  options: { baseUrl?: string; account?: TestUser } = {},
): Promise<User> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  context.setDefaultTimeout(10_000)
  if (options.account) {
    if (!options.baseUrl) throw new Error('openUser needs baseUrl to sign in an account')
    await signInContext(context, options.baseUrl, options.account)
  }
  const page = await context.newPage()
  const pageErrors: string[] = []
  const sockets: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('websocket', (socket) => sockets.push(socket.url()))
  return { context, page, pageErrors, sockets, ...(options.account ? { account: options.account } : {}) }
}

/** Waits for the save-status pill to show `status`; on timeout the error says what it showed instead. */
export async function waitForStatus(
  page: Page,
  status: SaveStatus | 'view-only',
  timeout?: number,
): Promise<void> {
  try {
    await page
      .locator(`[data-testid="save-status"][data-status="${status}"]`)
      .waitFor(timeout === undefined ? {} : { timeout })
  } catch (error) {
    const shown = await page
      .getByTestId('save-status')
      .getAttribute('data-status', { timeout: 1000 })
      .catch(() => 'absent')
    throw new Error(`the save status stayed "${shown}" instead of "${status}" (${String(error)})`)
  }
}

export function readStatus(page: Page): Promise<string | null> {
  return page.getByTestId('save-status').getAttribute('data-status')
}

/** Puts the cursor at the end of the guideline and types, in a new paragraph unless told otherwise. */
export async function typeAtEnd(page: Page, text: string, { newParagraph = true } = {}): Promise<void> {
  await page.locator(PROSEMIRROR).click()
  await page.keyboard.press('Control+End')
  if (newParagraph) await page.keyboard.press('Enter')
  await page.keyboard.type(text)
}

/** Where `word` is drawn in the guideline: its first occurrence in a text node, suggested insertions skipped. */
export function wordBox(
  page: Page,
  word: string,
): Promise<{ left: number; right: number; y: number } | null> {
  return page.locator(PROSEMIRROR).evaluate((root, target) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('.suggestion-insert')) continue
      const at = node.textContent?.indexOf(target) ?? -1
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + target.length)
      const rect = range.getBoundingClientRect()
      return { left: rect.left, right: rect.right, y: rect.y + rect.height / 2 }
    }
    return null
  }, word)
}

/**
 * Selects `word` in the guideline by double-clicking it, as a person would. Clicking a highlighted word also
 * opens its thread or suggestion, and the panel opening moves the text: find the word again and double-click
 * until the browser's selection is exactly that word.
 */
export async function selectWord(page: Page, word: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const box = await wordBox(page, word)
    if (!box) throw new Error(`"${word}" is not in the guideline`)
    await page.mouse.dblclick((box.left + box.right) / 2, box.y)
    await page.waitForTimeout(150)
    if ((await page.evaluate(() => window.getSelection()?.toString().trim())) === word) return
  }
  throw new Error(`could not select "${word}"`)
}

/**
 * The text of each top-level block of the guideline — the draft's text: peers' caret widgets (and their name
 * labels) and suggested insertions (widgets that are not in the draft) left out.
 */
export function documentBlocks(page: Page): Promise<string[]> {
  return page.locator(PROSEMIRROR).evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove()
    for (const inserted of copy.querySelectorAll('.suggestion-insert')) inserted.remove()
    return Array.from(copy.children, (block) => block.textContent ?? '')
  })
}

export async function documentContains(page: Page, text: string): Promise<boolean> {
  return (await documentBlocks(page)).some((block) => block.includes(text))
}

export function waitForText(page: Page, text: string, who: string): Promise<void> {
  return waitFor(() => documentContains(page, text), { message: `${who} to see "${text}"` })
}

/**
 * Names in the presence bar, your own entry (the account menu beside it) marked with " (you)", sorted. The
 * bar shows each account once; `connectionsOf` tells how many open connections stand behind an entry.
 */
export async function presenceNames(page: Page): Promise<string[]> {
  const names = await page
    .getByTestId('presence-peer')
    .evaluateAll((peers) => peers.map((peer) => peer.querySelector('.avatar')?.getAttribute('title') ?? '?'))
  return names.sort()
}

export function waitForPresence(page: Page, expected: string[], who: string): Promise<void> {
  const want = [...expected].sort()
  return waitFor(async () => JSON.stringify(await presenceNames(page)) === JSON.stringify(want), {
    message: `${who}'s presence bar to show exactly ${want.join(', ')}`,
  })
}

/**
 * Records every value the save-status pill takes, including ones that last a single frame: a MutationObserver
 * with `attributeOldValue`, so even two changes flushed in one batch are both seen.
 */
export function recordStatuses(page: Page): Promise<void> {
  return page.evaluate(() => {
    const log: string[] = []
    const push = (value: string | null | undefined) => {
      if (value && value !== log[log.length - 1]) log.push(value)
    }
    const current = () =>
      document.querySelector('[data-testid="save-status"]')?.getAttribute('data-status') ?? null
    push(current())
    new MutationObserver((records) => {
      for (const record of records) if (record.type === 'attributes') push(record.oldValue)
      push(current())
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-status'],
      attributeOldValue: true,
    })
    Object.assign(window, { __statusLog: log })
  })
}

export function recordedStatuses(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __statusLog: string[] }).__statusLog])
}

/** How many connections (tabs) the presence entry of `name` stands for, or null when `name` is not shown. */
export function connectionsOf(page: Page, name: string): Promise<string | null> {
  return page
    .getByTestId('presence-peer')
    .evaluateAll(
      (peers, wanted) =>
        peers
          .find((peer) => peer.querySelector('.avatar')?.getAttribute('title') === wanted)
          ?.getAttribute('data-connections') ?? null,
      name,
    )
}
