/**
 * What the task-types browser test does with the pages: select a piece of text with a real mouse drag (for
 * span marking), build criteria of the new kinds and task types in the rubric panel, pick an example's text
 * field in the span gold widget, and find a gold widget or an answer card by its question's title.
 */
import type { Locator, Page } from 'playwright-core'
import { screenshot } from '../helpers/browser'
import { waitFor } from '../helpers/clients'

/**
 * Drags the mouse over the first occurrence of `needle` in the text of `root`, like a person selecting it:
 * down just inside its first character, up just inside its last (so the selection covers exactly `needle`).
 */
export async function dragSelect(root: Locator, needle: string): Promise<void> {
  const mouse = root.page().mouse
  // Centred: "if needed" leaves text half under the sticky header, where the press would land on the header.
  await root.evaluate((element) => element.scrollIntoView({ block: 'center' }))
  // The page may still be scrolling after an edit (the guideline re-renders): wait until it stands still.
  const points = await stablePoints(root, needle)
  await mouse.move(points.x1, points.y1)
  await mouse.down()
  await mouse.move(points.x2, points.y2, { steps: 8 })
  const selected = await root.page().evaluate(() => String(window.getSelection()))
  await mouse.up()
  if (selected !== needle) {
    await screenshot(root.page(), 'tasktypes-drag-failed')
    throw new Error(
      `dragging over "${needle}" selected ${JSON.stringify(selected.slice(0, 200))} (screenshot tasktypes-drag-failed)`,
    )
  }
}

async function stablePoints(root: Locator, needle: string) {
  let last = ''
  for (let i = 0; i < 50; i++) {
    const points = await charPoints(root, needle)
    const key = JSON.stringify(points)
    if (key === last) return points
    last = key
    await root
      .page()
      .evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  }
  throw new Error(`the text around "${needle}" never stopped moving`)
}

/** Viewport points just inside the first and the last character of `needle` in the text of `root`. */
async function charPoints(root: Locator, needle: string) {
  const points = await root.evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    const nodes: { node: Text; at: number }[] = []
    let text = ''
    while (walker.nextNode()) {
      const node = walker.currentNode as Text
      nodes.push({ node, at: text.length })
      text += node.data
    }
    const start = text.indexOf(wanted)
    if (start < 0) return null
    const charBox = (offset: number) => {
      const hit = [...nodes].reverse().find((n) => n.at <= offset && offset < n.at + n.node.data.length)
      if (!hit) throw new Error(`no text node at ${offset}`)
      const range = document.createRange()
      range.setStart(hit.node, offset - hit.at)
      range.setEnd(hit.node, offset - hit.at + 1)
      return range.getBoundingClientRect()
    }
    const first = charBox(start)
    const last = charBox(start + wanted.length - 1)
    return {
      x1: first.left + 1,
      y1: first.top + first.height / 2,
      x2: last.right - 1,
      y2: last.top + last.height / 2,
    }
  }, needle)
  if (!points) throw new Error(`"${needle}" is not in the text to select from`)
  return points
}

const criteria = (page: Page) => page.getByTestId('criterion')

/** Adds a criterion in the rubric panel: title, description, weight 1, kind, labels ("New label" field), N/A. */
export async function addCriterionInPanel(
  page: Page,
  spec: { title: string; description: string; kind: string; labels?: string[]; allowNA?: boolean },
): Promise<Locator> {
  const before = await criteria(page).count()
  await page.getByTestId('add-criterion').click()
  await waitFor(async () => (await criteria(page).count()) === before + 1, {
    message: `a criterion card for ${spec.title}`,
  })
  const card = criteria(page).nth(before)
  await card.getByTestId('criterion-title').fill(spec.title)
  await card.getByTestId('criterion-description').fill(spec.description)
  await card.getByLabel('Weight').fill('1')
  await card.getByTestId('criterion-kind').selectOption(spec.kind)
  for (const label of spec.labels ?? []) {
    const input = card.getByLabel('New label')
    await input.fill(label)
    await input.press('Enter')
    await card
      .getByLabel('Label', { exact: true })
      .and(page.locator(`[value="${label}"]`))
      .waitFor()
  }
  if (spec.allowNA) await tick(card.getByTestId('criterion-allow-na'))
  return card
}

/** Adds a task type in the panel for `kind` content and leaves ticked exactly the criteria titled `asked`. */
export async function addTaskTypeInPanel(
  page: Page,
  spec: { name: string; kind: string; asked: string[] },
): Promise<Locator> {
  const panel = page.getByTestId('task-types')
  const before = await panel.getByTestId('task-type').count()
  await panel.getByTestId('task-type-open-add').click()
  await panel.getByTestId('task-type-new-name').fill(spec.name)
  await panel.getByTestId('task-type-new-kind').selectOption(spec.kind)
  await panel.getByTestId('task-type-add').click()
  await waitFor(async () => (await panel.getByTestId('task-type').count()) === before + 1, {
    message: `the task type ${spec.name}`,
  })
  const type = panel.getByTestId('task-type').nth(before)
  const ticks = type.locator('label.task-type__tick')
  for (let i = 0; i < (await ticks.count()); i++) {
    const tick = ticks.nth(i)
    const title = ((await tick.textContent()) ?? '').trim()
    const box = tick.getByTestId('task-type-criterion')
    const want = spec.asked.includes(title)
    if ((await box.isChecked()) === want) continue
    await box.click()
    await waitFor(async () => (await box.isChecked()) === want, { message: `${title} ticked: ${want}` })
  }
  return type
}

/** The gold widget of an example for the question titled `title` (e.g. "Problem spans"). */
export const goldFor = (example: Locator, title: string) =>
  example.getByTestId('gold').filter({ has: example.page().locator('.gold__name', { hasText: title }) })

/** Chooses the text the span gold widget marks in, by the start of its option label (e.g. "Turn 2"). */
export async function chooseSpanField(gold: Locator, labelStart: string): Promise<void> {
  const select = gold.getByTestId('gold-span-field')
  const value = await select.evaluate(
    (element, start) =>
      Array.from((element as HTMLSelectElement).options).find((o) => o.text.startsWith(start))?.value,
    labelStart,
  )
  if (!value) throw new Error(`no text "${labelStart}…" to mark in`)
  await select.selectOption(value)
}

/** The answer card of the question titled `title` in the runner. */
export const answerCard = (page: Page, title: string) =>
  page.getByTestId('answer-criterion').filter({ has: page.locator('legend', { hasText: title }) })

/**
 * Ticks a controlled checkbox whose state comes back through the draft (React shows the old state until the
 * shared document has changed, which Playwright's `check()` reads as "did not change"): click, then wait.
 */
export async function tick(box: Locator): Promise<void> {
  if (await box.isChecked()) return
  await box.click()
  await waitFor(() => box.isChecked(), { message: 'the box to be ticked' })
}
