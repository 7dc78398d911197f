/**
 * The published guideline beside the example (server-sanitised HTML whose headings carry their section ids),
 * scrolled to the section the current example illustrates.
 */
import { useEffect, useRef } from 'react'

interface Props {
  html: string
  sectionId: string | null
  version: string
}

export function scrollPaneTo(pane: HTMLElement | null, sectionId: string | null, smooth = true): void {
  if (!pane || !sectionId) return
  const target = pane.querySelector(`#${CSS.escape(sectionId)}`)
  if (!(target instanceof HTMLElement)) return
  const top = target.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop - 8
  pane.scrollTo({ top, behavior: smooth ? 'smooth' : 'auto' })
  target.classList.add('guideline-pane__target')
  window.setTimeout(() => target.classList.remove('guideline-pane__target'), 1600)
}

export function GuidelinePane({ html, sectionId, version }: Props) {
  const pane = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const frame = requestAnimationFrame(() => scrollPaneTo(pane.current, sectionId, false))
    return () => cancelAnimationFrame(frame)
  }, [sectionId])
  return (
    <aside className="guideline-pane" aria-label="Guideline">
      <div className="guideline-pane__head">
        Guideline <span className="muted">v{version}</span>
      </div>
      <div
        ref={pane}
        className="guideline-pane__body guideline"
        data-testid="guideline-pane"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server when the version was published
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </aside>
  )
}
