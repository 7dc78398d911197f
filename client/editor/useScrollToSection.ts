/**
 * Opening `/projects/:id#<sectionId>` (e.g. from the misread-sections ranking) scrolls the guideline to that
 * section once its heading has synced, and once more after the embedded examples have laid out. An example id
 * (`#<exampleId>`, from the gold audit and disputes) scrolls to that example's block the same way.
 */
import type { Editor } from '@tiptap/react'
import { useEffect } from 'react'

const POLL_MS = 200
const GIVE_UP_MS = 15_000
const SETTLE_MS = 700

export function useScrollToSection(editor: Editor): void {
  useEffect(() => {
    const sectionId = decodeURIComponent(window.location.hash.slice(1))
    if (!sectionId || editor.isDestroyed) return
    const find = () =>
      [...editor.view.dom.querySelectorAll<HTMLElement>('h1, h2, h3')].find(
        (heading) => heading.getAttribute('data-sectionid') === sectionId || heading.id === sectionId,
      ) ??
      // An example: its block in the text, or in the list of detached examples beside it.
      [...document.querySelectorAll<HTMLElement>('[data-example-block]')].find(
        (block) => block.getAttribute('data-example-block') === sectionId,
      )
    const started = Date.now()
    let settle: ReturnType<typeof setTimeout> | undefined
    const poll = setInterval(() => {
      const heading = editor.isDestroyed ? undefined : find()
      if (heading) {
        clearInterval(poll)
        heading.scrollIntoView({ block: 'start' })
        settle = setTimeout(() => find()?.scrollIntoView({ block: 'start' }), SETTLE_MS)
      } else if (Date.now() - started > GIVE_UP_MS) clearInterval(poll)
    }, POLL_MS)
    return () => {
      clearInterval(poll)
      clearTimeout(settle)
    }
  }, [editor])
}
