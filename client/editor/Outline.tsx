/** The left-hand table of contents built from the guideline's headings; a click scrolls to that heading. */
import type { Editor } from '@tiptap/react'
import { useOutline } from './useOutline'

export function Outline({ editor }: { editor: Editor }) {
  const { entries, activeIndex } = useOutline(editor)

  const jumpTo = (pos: number) => {
    const node = editor.state.doc.nodeAt(pos)
    if (!node) return
    const dom = editor.view.nodeDOM(pos)
    if (dom instanceof HTMLElement) dom.scrollIntoView({ behavior: 'smooth', block: 'start' })
    editor
      .chain()
      .setTextSelection(pos + 1 + node.content.size)
      .focus(undefined, { scrollIntoView: false })
      .run()
  }

  return (
    <nav className="outline" data-testid="outline" aria-label="Document outline">
      <h2 className="outline__title">Outline</h2>
      {entries.length === 0 ? (
        <p className="outline__empty">Headings you add appear here.</p>
      ) : (
        <ol className="outline__list">
          {entries.map((entry, index) => (
            <li key={entry.pos} className={`outline__item outline__item--h${entry.level}`}>
              <button
                type="button"
                className="outline__link"
                data-testid="outline-item"
                aria-current={index === activeIndex ? 'location' : undefined}
                onClick={() => jumpTo(entry.pos)}
              >
                {entry.text || <span className="muted">Untitled section</span>}
              </button>
            </li>
          ))}
        </ol>
      )}
    </nav>
  )
}
