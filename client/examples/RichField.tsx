/**
 * A small collaborative rich-text editor for one field of an example (prompt, response, body, rationale),
 * bound to the example's Y.XmlFragment. It has its own per-user undo (Collaboration) and no peer carets:
 * the provider's awareness holds one caret per client, which the guideline editor already uses.
 */
import Collaboration from '@tiptap/extension-collaboration'
import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useEffect } from 'react'
import type * as Y from 'yjs'

interface RichFieldProps {
  doc: Y.Doc
  fragment: Y.XmlFragment | undefined
  label: string
  editable: boolean
  placeholder: string
  testId?: string
}

export function RichField({ doc, fragment, label, editable, placeholder, testId }: RichFieldProps) {
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({ undoRedo: false, heading: false, horizontalRule: false, link: false }),
        ...(fragment ? [Collaboration.configure({ document: doc, fragment })] : []),
      ],
      editable,
      editorProps: {
        attributes: {
          class: 'rich-field__editor',
          'aria-label': label,
          'data-placeholder': editable ? placeholder : '',
          ...(testId ? { 'data-testid': testId } : {}),
        },
      },
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
    },
    [doc, fragment],
  )
  useEffect(() => {
    if (!editor.isDestroyed && editor.isEditable !== editable) editor.setEditable(editable)
  }, [editor, editable])
  return (
    <div className="rich-field">
      <span className="rich-field__label">{label}</span>
      <EditorContent editor={editor} />
    </div>
  )
}
