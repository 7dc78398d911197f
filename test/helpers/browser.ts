/**
 * Real Chromium for browser tests, driven by playwright-core (which never downloads a browser): finds the
 * system Chromium or fails with the command that installs it. Screenshots go to test-results/screenshots.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
]
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screenshots')

export function chromiumPath(): string {
  const found = CANDIDATES.find((path) => path && existsSync(path))
  if (!found) {
    throw new Error(
      'Browser tests need Chromium and none was found. Install it with `sudo apt-get update && sudo apt-get install -y chromium` ' +
        '(Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    )
  }
  return found
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

/** Saves the viewport (or, with `fullPage`, the whole scrolled page) as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string, { fullPage = false } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  // A full-page capture of a scrolled page would draw the sticky header mid-page.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path, fullPage })
  return path
}

/**
 * One screenshot of several pages next to each other (e.g. two users' editors), each under a caption. The
 * composite is laid out in a scratch context of the same browser, so no image library is needed.
 */
export async function screenshotSideBySide(
  panes: { label: string; page: Page }[],
  name: string,
): Promise<string> {
  const first = panes[0]
  const browser = first?.page.context().browser()
  if (!first || !browser) throw new Error('screenshotSideBySide needs pages of a launched browser')
  const images = await Promise.all(panes.map(({ page }) => page.screenshot({ fullPage: false })))
  const viewport = first.page.viewportSize() ?? { width: 1280, height: 720 }
  const scratch = await browser.newContext({
    viewport: { width: viewport.width * panes.length + 16 * (panes.length + 1), height: viewport.height },
  })
  try {
    const page = await scratch.newPage()
    await page.setContent(`<!doctype html>
      <style>
        body { margin: 0; padding: 16px; display: flex; gap: 16px; background: #1f2937; font: 600 15px system-ui, sans-serif; }
        figure { margin: 0; } figcaption { color: #f9fafb; padding: 0 0 8px; }
        img { display: block; width: ${viewport.width}px; border: 1px solid #4b5563; }
      </style>
      ${panes
        .map(
          ({ label }, index) =>
            `<figure><figcaption>${escapeHtml(label)}</figcaption><img src="data:image/png;base64,${images[index]?.toString('base64')}"></figure>`,
        )
        .join('')}`)
    await page.waitForFunction(() => Array.from(document.images).every((image) => image.complete))
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    const path = join(SCREENSHOT_DIR, `${name}.png`)
    await page.screenshot({ path, fullPage: true })
    return path
  } finally {
    await scratch.close()
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`)
}
