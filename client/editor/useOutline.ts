/** The guideline's headings (top-level blocks) and which section the caret is in, kept current per edit. */
import type { Editor } from '@tiptap/react'
import { useEditorState } from '@tiptap/react'

export interface OutlineEntry {
  level: number
  text: string
  /** Document position just before the heading node. */
  pos: number
}

export interface Outline {
  entries: OutlineEntry[]
  /** Index of the heading whose section holds the selection, or -1 before the first heading. */
  activeIndex: number
}

function readOutline(editor: Editor): Outline {
  const entries: OutlineEntry[] = []
  const selectionFrom = editor.state.selection.from
  let activeIndex = -1
  editor.state.doc.forEach((node, offset) => {
    if (node.type.name !== 'heading') return
    const level = Number(node.attrs.level) || 1
    entries.push({ level, text: node.textContent.trim(), pos: offset })
    if (offset <= selectionFrom) activeIndex = entries.length - 1
  })
  return { entries, activeIndex }
}

export function useOutline(editor: Editor): Outline {
  return useEditorState({ editor, selector: ({ editor: current }) => readOutline(current) })
}
