/**
 * A small collaborative rich-text editor for one text of an example (prompt, response, a turn, a step…),
 * bound to the example's Y.XmlFragment: paragraphs, lists, code blocks, bold/italic, links and tables (a
 * formatting bar shows while it has the focus; Markdown shortcuts such as `- ` and ``` work too). Pasted
 * content it cannot keep (images, raw HTML beyond that) is dropped with a notice saying what went. It has its
 * own per-user undo (Collaboration) and no peer carets: the provider's awareness holds one caret per client,
 * which the guideline editor already uses.
 */
import Collaboration from '@tiptap/extension-collaboration'
import { TableKit } from '@tiptap/extension-table'
import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useCallback, useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { isSafeLinkHref } from '../../shared/guideline/schemaExtensions'
import '../styles/exampleEditor.css'
import { Toast } from '../versions/Toast'
import { FieldToolbar } from './FieldToolbar'
import { describeStripped, stripUnkept } from './pastedContent'

interface RichFieldProps {
  doc: Y.Doc
  fragment: Y.XmlFragment | undefined
  label: string
  editable: boolean
  placeholder: string
  testId?: string
  /** The label is for assistive tech only (a heading next to the field already says it). */
  hideLabel?: boolean
}

export function RichField({
  doc,
  fragment,
  label,
  editable,
  placeholder,
  testId,
  hideLabel,
}: RichFieldProps) {
  const [notice, setNotice] = useState<string | null>(null)
  const [focused, setFocused] = useState(false)
  const closeNotice = useCallback(() => setNotice(null), [])
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({
          undoRedo: false,
          heading: false,
          horizontalRule: false,
          link: {
            openOnClick: false,
            autolink: true,
            defaultProtocol: 'https',
            isAllowedUri: (url) => isSafeLinkHref(url),
            HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
          },
        }),
        TableKit.configure({ table: { resizable: false } }),
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
        transformPastedHTML: (html) => {
          const stripped = stripUnkept(html)
          const message = describeStripped(stripped)
          if (message) setNotice(message)
          return stripped.html
        },
        handlePaste: (_view, event) => {
          const data = event.clipboardData
          const files = data ? [...data.files] : []
          // Only files (a screenshot): nothing the field can keep.
          if (files.length > 0 && !data?.getData('text/plain') && !data?.getData('text/html')) {
            setNotice(
              `Pasted nothing: ${files.length === 1 ? 'the file is' : `the ${files.length} files are`} not text — example texts cannot hold images yet.`,
            )
            return true
          }
          return false
        },
        handleDrop: (_view, event) => {
          const files = event.dataTransfer ? [...event.dataTransfer.files] : []
          if (files.length === 0) return false
          setNotice('Dropped nothing: example texts cannot hold files or images yet.')
          return true
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
  useEffect(() => {
    const onFocus = () => setFocused(true)
    const onBlur = () => setFocused(false)
    editor.on('focus', onFocus)
    editor.on('blur', onBlur)
    return () => {
      editor.off('focus', onFocus)
      editor.off('blur', onBlur)
    }
  }, [editor])
  return (
    <div className="rich-field">
      {!hideLabel && <span className="rich-field__label">{label}</span>}
      <EditorContent editor={editor} />
      {/* Below the text, so focusing the field never moves the text under the pointer. */}
      {editable && focused && <FieldToolbar editor={editor} onRejected={setNotice} />}
      {notice && (
        <Toast tone="info" onClose={closeNotice} testId="paste-notice">
          {notice}
        </Toast>
      )}
    </div>
  )
}
