/**
 * The collaborative guideline editor: outline on the left, toolbar and the TipTap document in the centre.
 * Content comes only from the shared Y.Doc — never from a `content` option — so nothing is duplicated on load.
 * Read-only users (reviewers) get the same live document without toolbar and without editing.
 */
import { EditorContent, useEditor } from '@tiptap/react'
import { useEffect, useRef } from 'react'
import type { DraftConnection } from '../sync/draftConnection'
import { type CaretUser, guidelineExtensions } from './extensions'
import { Outline } from './Outline'
import { Toolbar } from './Toolbar'

interface GuidelineEditorProps {
  connection: DraftConnection
  user: CaretUser
  editable: boolean
}

export function GuidelineEditor({ connection, user, editable }: GuidelineEditorProps) {
  const initialUser = useRef(user)
  const initialEditable = useRef(editable)

  const editor = useEditor(
    {
      extensions: guidelineExtensions(connection, initialUser.current),
      editable: initialEditable.current,
      editorProps: {
        attributes: { class: 'guideline', 'aria-label': 'Guideline text', spellcheck: 'true' },
      },
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
    },
    [connection],
  )

  // Renaming yourself on the account page updates your caret label.
  useEffect(() => {
    if (editor.isDestroyed) return
    editor.commands.updateUser({ id: user.id, name: user.name, color: user.color })
  }, [editor, user.id, user.name, user.color])

  // A role change (lead ↔ reviewer) switches editing on or off without reopening the draft.
  useEffect(() => {
    if (!editor.isDestroyed && editor.isEditable !== editable) editor.setEditable(editable)
  }, [editor, editable])

  return (
    <div className="workspace">
      <aside className="workspace__side">
        <Outline editor={editor} />
      </aside>
      <div className="workspace__main">
        <div className="toolbar-dock">
          {editable ? (
            <Toolbar editor={editor} />
          ) : (
            <p className="view-only-note" data-testid="view-only-note" role="note">
              <strong>View only</strong> — reviewers can read the draft and comment (comments are coming).
            </p>
          )}
        </div>
        <div className="sheet" data-testid="editor" data-editable={editable ? 'true' : 'false'}>
          <EditorContent editor={editor} />
        </div>
      </div>
    </div>
  )
}
