/**
 * Replacing found text through the editors that own it: each match's DOM range is mapped to positions of
 * its ProseMirror editor (the guideline or an example field) and replaced there, so the change is an
 * ordinary collaborative edit that syncs and undoes like typing.
 */
import type { Editor } from '@tiptap/core'

type EditorElement = HTMLElement & { editor?: Editor }

function editorOf(range: Range): Editor | null {
  const element = range.startContainer.parentElement?.closest('.ProseMirror') as EditorElement | null
  const editor = element?.editor
  return editor && !editor.isDestroyed && editor.isEditable ? editor : null
}

/** Replaces the given matches (from findMatches) with `text`; returns how many were replaced. */
export function replaceMatches(ranges: Range[], text: string): number {
  const byEditor = new Map<Editor, { from: number; to: number }[]>()
  for (const range of ranges) {
    const editor = editorOf(range)
    if (!editor) continue
    const from = editor.view.posAtDOM(range.startContainer, range.startOffset)
    const to = editor.view.posAtDOM(range.endContainer, range.endOffset)
    if (to <= from) continue
    const list = byEditor.get(editor) ?? []
    list.push({ from, to })
    byEditor.set(editor, list)
  }
  let replaced = 0
  for (const [editor, spans] of byEditor) {
    const { tr } = editor.state
    // From the end, so earlier positions stay valid.
    for (const { from, to } of [...spans].sort((a, b) => b.from - a.from)) {
      if (text) tr.insertText(text, from, to)
      else tr.delete(from, to)
      replaced++
    }
    editor.view.dispatch(tr)
  }
  return replaced
}
