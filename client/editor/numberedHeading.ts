/**
 * Making a numbered-list item a heading keeps its number as text: typing "7. Title" turns the line into an
 * ordered list starting at 7 (the list input rule), and pressing H2 then would drop the "7.". Here H1–H3
 * (toolbar and Ctrl+Alt+1–3) lift such an item out of its list, write "7. " in front and make it the
 * heading; everywhere else they toggle the heading as before.
 */

import type { Editor } from '@tiptap/core'
import { Extension } from '@tiptap/core'

export type HeadingLevel = 1 | 2 | 3

/** The number an ordered-list item shows, when the selection is in one (null otherwise). */
function listItemNumber(editor: Editor): number | null {
  const { $from } = editor.state.selection
  for (let depth = $from.depth; depth > 1; depth--) {
    if ($from.node(depth).type.name !== 'listItem') continue
    const list = $from.node(depth - 1)
    if (list.type.name !== 'orderedList') return null
    const start = typeof list.attrs.start === 'number' ? list.attrs.start : 1
    return start + $from.index(depth - 1)
  }
  return null
}

export function toggleHeadingKeepingNumber(editor: Editor, level: HeadingLevel): boolean {
  const number = listItemNumber(editor)
  if (number === null) return editor.chain().focus().toggleHeading({ level }).run()
  return editor
    .chain()
    .focus()
    .liftListItem('listItem')
    .command(({ tr }) => {
      tr.insertText(`${number}. `, tr.selection.$from.start())
      return true
    })
    .setHeading({ level })
    .run()
}

/** Ctrl+Alt+1–3 with the same rule (runs before the heading extension's own keys). */
export const NumberedHeadingKeys = Extension.create({
  name: 'numberedHeadingKeys',
  priority: 1000,
  addKeyboardShortcuts() {
    const levels: HeadingLevel[] = [1, 2, 3]
    return Object.fromEntries(
      levels.map((level) => [`Mod-Alt-${level}`, () => toggleHeadingKeepingNumber(this.editor, level)]),
    )
  },
})
