/**
 * Layout checks for the small-screen browser tests: the boxes of visible elements, and the check that the
 * app header's parts neither overlap nor leave the screen and that the page never scrolls sideways.
 */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

export interface Box {
  name: string
  x: number
  y: number
  width: number
  height: number
  /** The element at the box's centre is the element itself (or inside it): nothing covers it. */
  onTop: boolean
}

/** The header's direct parts and those of its left and right groups. */
export const HEADER_PARTS =
  'header.app-header > *:not(.app-header__left):not(.app-header__right), .app-header__left > *, .app-header__right > *'

/** Visible boxes of the elements `selector` matches; names from data-testid or the first class. */
export function boxesOf(page: Page, selector: string): Promise<Box[]> {
  return page.evaluate((selector) => {
    return Array.from(document.querySelectorAll(selector)).flatMap((element) => {
      const rect = element.getBoundingClientRect()
      const style = getComputedStyle(element)
      if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden') return []
      const name =
        element.getAttribute('data-testid') ?? element.className.toString().split(' ')[0] ?? element.tagName
      const hit = document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2)
      const onTop = hit !== null && (hit === element || element.contains(hit))
      return [{ name, x: rect.x, y: rect.y, width: rect.width, height: rect.height, onTop }]
    })
  }, selector)
}

export function overlaps(a: Box, b: Box): boolean {
  const slack = 0.5
  return (
    a.x + a.width - slack > b.x &&
    b.x + b.width - slack > a.x &&
    a.y + a.height - slack > b.y &&
    b.y + b.height - slack > a.y
  )
}

/** Header parts apart and on screen, and no sideways scrolling, at `width`. */
export async function expectHeaderFits(page: Page, what: string, width: number): Promise<void> {
  const boxes = await boxesOf(page, HEADER_PARTS)
  expect(boxes.length, `${what}: header parts`).toBeGreaterThan(1)
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      expect(overlaps(a, b), `${what} at ${width}px: ${a.name} overlaps ${b.name}`).toBe(false)
    }
    expect(a.x, `${what} at ${width}px: ${a.name} starts off screen`).toBeGreaterThanOrEqual(0)
    expect(a.x + a.width, `${what} at ${width}px: ${a.name} ends off screen`).toBeLessThanOrEqual(width + 0.5)
  }
  const { sideways, widest } = await page.evaluate(() => {
    // The deepest elements that reach past the right edge, to say what makes the page scroll.
    const past = Array.from(document.body.querySelectorAll('*')).filter(
      (e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && e.children.length === 0,
    )
    return {
      sideways: document.documentElement.scrollWidth - window.innerWidth,
      widest: past
        .slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className.toString().split(' ')[0]}`)
        .join(', '),
    }
  })
  expect(sideways, `${what} at ${width}px scrolls sideways (past the edge: ${widest})`).toBeLessThanOrEqual(0)
}
