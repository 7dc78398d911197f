/**
 * The state of Find in the guideline: the matches of the query (re-found whenever the draft changes), which
 * one is current, painted with the CSS Custom Highlight API (no change to the document or its DOM), and
 * the current one scrolled into view.
 */
import { useCallback, useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { findMatches } from './findMatches'

const ALL = 'yardstick-find'
const CURRENT = 'yardstick-find-current'

function paint(ranges: Range[], current: number): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return
  CSS.highlights.set(ALL, new Highlight(...ranges))
  const active = ranges[current]
  if (active) CSS.highlights.set(CURRENT, new Highlight(active))
  else CSS.highlights.delete(CURRENT)
}

function clearPaint(): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return
  CSS.highlights.delete(ALL)
  CSS.highlights.delete(CURRENT)
}

export interface FindState {
  matches: Range[]
  current: number
  next: () => void
  previous: () => void
  /** Finds again now (after a replace). */
  refresh: () => void
}

export function useFind(root: HTMLElement | null, doc: Y.Doc, query: string, active: boolean): FindState {
  const [matches, setMatches] = useState<Range[]>([])
  const [current, setCurrent] = useState(0)
  const [version, setVersion] = useState(0)
  const refresh = useCallback(() => setVersion((n) => n + 1), [])

  // Any change to the draft (typing here, a peer's edit, an example field) may move or make matches; the
  // DOM is updated after the Yjs update, so look once the frame is drawn.
  useEffect(() => {
    if (!active) return
    let frame = 0
    const onUpdate = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(refresh)
    }
    doc.on('update', onUpdate)
    return () => {
      cancelAnimationFrame(frame)
      doc.off('update', onUpdate)
    }
  }, [doc, active, refresh])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` asks to find again
  useEffect(() => {
    const found = active && root ? findMatches(root, query) : []
    setMatches(found)
    setCurrent((index) => (found.length === 0 ? 0 : Math.min(index, found.length - 1)))
  }, [root, query, active, version])

  useEffect(() => {
    if (!active) {
      clearPaint()
      return
    }
    paint(matches, current)
  }, [matches, current, active])
  useEffect(() => clearPaint, [])

  const reveal = useCallback(
    (index: number) => {
      const range = matches[index]
      range?.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' })
    },
    [matches],
  )
  const go = useCallback(
    (step: number) => {
      if (matches.length === 0) return
      const index = (current + step + matches.length) % matches.length
      setCurrent(index)
      reveal(index)
    },
    [matches.length, current, reveal],
  )
  return { matches, current, next: () => go(1), previous: () => go(-1), refresh }
}
