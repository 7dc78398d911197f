/**
 * The client side of the embedded calibration example: the shared node with its React view, and the command
 * that creates an example (in the section the caret is in) and embeds it at the caret.
 */
import type { Editor } from '@tiptap/core'
import { ReactNodeViewRenderer } from '@tiptap/react'
import type * as Y from 'yjs'
import { CalibrationExampleNode } from '../../shared/guideline/calibrationExampleNode'
import { ensureContentFields } from '../../shared/ydoc/exampleContentDoc'
import { addExample, type ContentKind } from '../../shared/ydoc/examplesDoc'
import { newYId } from '../../shared/ydoc/ids'
import { EXAMPLE_ID_ATTR, EXAMPLE_NODE, SECTION_ID_ATTR } from '../../shared/ydoc/layout'
import { writeLocal } from '../sync/localOrigin'
import { SafeExampleNodeView } from './SafeExampleNodeView'

export const CalibrationExampleView = CalibrationExampleNode.extend({
  // Moving a block by dragging its whole body would fight text selection in its fields.
  draggable: false,
  addNodeView() {
    return ReactNodeViewRenderer(SafeExampleNodeView, {
      // Everything inside a block is the block's own: the guideline editor never selects, drags or drops
      // through it. (A drag there once carried the block's rendered gold into the guideline as text.) Text in
      // the block's own controls cannot be dragged out either; its nested editors' texts can.
      stopEvent: ({ event }) => {
        if (event.type === 'dragstart' && !isEditableTarget(event.target)) event.preventDefault()
        return true
      },
    })
  },
})

function isEditableTarget(target: EventTarget | null): boolean {
  const element = target instanceof Element ? target : target instanceof Node ? target.parentElement : null
  // Not `[contenteditable]`: the guideline itself is one, around every block.
  return !!element?.closest('input, textarea, select, .rich-field__editor')
}

/** Creates an example linked to the section above the caret and embeds it there; returns its id. */
export function insertExample(
  editor: Editor,
  doc: Y.Doc,
  contentKind: ContentKind = 'single',
): string | null {
  if (!editor.isEditable) return null
  const { state } = editor
  const at = state.selection.from
  let heading: { pos: number; attrs: Record<string, unknown> } | null = null
  state.doc.forEach((node, offset) => {
    if (offset < at && node.type.name === 'heading') heading = { pos: offset, attrs: node.attrs }
  })
  const found = heading as { pos: number; attrs: Record<string, unknown> } | null
  let sectionId = found ? (found.attrs[SECTION_ID_ATTR] as string | null) : null
  const chain = editor.chain().focus()
  if (found && !sectionId) {
    const id = newYId()
    sectionId = id
    chain.command(({ tr }) => {
      tr.setNodeMarkup(found.pos, undefined, { ...found.attrs, [SECTION_ID_ATTR]: id })
      return true
    })
  }
  const exampleId = writeLocal(doc, () => {
    const id = addExample(doc, { contentKind, sectionId })
    // Every content field up front: switching kinds later never races a peer to create the turns/steps arrays.
    ensureContentFields(doc, id)
    return id
  })
  chain.insertContent({ type: EXAMPLE_NODE, attrs: { [EXAMPLE_ID_ATTR]: exampleId } }).run()
  requestAnimationFrame(() =>
    document
      .querySelector<HTMLInputElement>(`[data-example-block="${exampleId}"] [data-testid="example-title"]`)
      ?.focus(),
  )
  return exampleId
}
