/**
 * The toolbar's link action: asks for a URL, normalises it, refuses anything but http, https and mailto, and
 * either links the selection, inserts the URL as linked text, or removes the link when the answer is empty.
 */
import type { Editor } from '@tiptap/react'
import { useCallback } from 'react'
import { normalizeLinkInput } from './linkUrl'

export const REJECTED_LINK_MESSAGE = 'Links must start with http://, https:// or mailto:.'

export function useLinkCommand(editor: Editor, onRejected: (message: string) => void): () => void {
  return useCallback(() => {
    const previous = editor.getAttributes('link').href as string | undefined
    const answer = window.prompt(
      previous ? 'Edit the link (leave empty to remove it):' : 'Link to (http, https or mailto):',
      previous ?? '',
    )
    if (answer === null) return
    if (answer.trim() === '') {
      editor.chain().focus().extendMarkRange('link').unsetLink().run()
      return
    }
    const href = normalizeLinkInput(answer)
    if (!href) {
      onRejected(REJECTED_LINK_MESSAGE)
      return
    }
    if (editor.state.selection.empty && !editor.isActive('link')) {
      editor
        .chain()
        .focus()
        .insertContent({ type: 'text', text: answer.trim(), marks: [{ type: 'link', attrs: { href } }] })
        .run()
      return
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href }).run()
  }, [editor, onRejected])
}
