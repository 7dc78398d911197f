/**
 * Binds the toolbar actions that TipTap has no key for — link, tables, inserting an example or media, importing a document — to their
 * shortcuts (shortcuts.ts), while the focus is in the guideline text.
 */
import type { Editor } from '@tiptap/react'
import { useEffect } from 'react'
import { matchesShortcut, SHORTCUTS } from './shortcuts'

interface ToolbarActions {
  editLink: () => void
  insertExample: () => void
  pickMedia: () => void
  importDocument: () => void
}

export function useToolbarKeys(editor: Editor, actions: ToolbarActions): void {
  useEffect(() => {
    if (editor.isDestroyed) return
    const dom = editor.view.dom
    const chain = () => editor.chain().focus()
    const bindings: [string, () => unknown][] = [
      [SHORTCUTS.link.keys, actions.editLink],
      [SHORTCUTS.example.keys, actions.insertExample],
      [SHORTCUTS.media.keys, actions.pickMedia],
      [SHORTCUTS.importDocument.keys, actions.importDocument],
      [SHORTCUTS.table.keys, () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()],
      [SHORTCUTS.addRow.keys, () => chain().addRowAfter().run()],
      [SHORTCUTS.addColumn.keys, () => chain().addColumnAfter().run()],
      [SHORTCUTS.deleteRow.keys, () => chain().deleteRow().run()],
      [SHORTCUTS.deleteColumn.keys, () => chain().deleteColumn().run()],
      [SHORTCUTS.deleteTable.keys, () => chain().deleteTable().run()],
    ]
    const onKeyDown = (event: KeyboardEvent) => {
      // Keys typed into an example's own fields belong to that field.
      if (event.target !== dom || !editor.isEditable) return
      const binding = bindings.find(([keys]) => matchesShortcut(event, keys))
      if (!binding) return
      event.preventDefault()
      binding[1]()
    }
    dom.addEventListener('keydown', onKeyDown)
    return () => dom.removeEventListener('keydown', onKeyDown)
  }, [editor, actions.editLink, actions.insertExample, actions.pickMedia, actions.importDocument])
}
