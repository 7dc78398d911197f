/**
 * The collaborative guideline editor: outline on the left, toolbar and the TipTap document in the centre.
 * Content comes only from the shared Y.Doc — never from a `content` option — so nothing is duplicated on load.
 */
import { EditorContent, useEditor } from '@tiptap/react'
import { useEffect, useRef } from 'react'
import { useIdentity } from '../identity/useIdentity'
import type { DraftConnection } from '../sync/draftConnection'
import { guidelineExtensions } from './extensions'
import { Outline } from './Outline'
import { Toolbar } from './Toolbar'

export function GuidelineEditor({ connection }: { connection: DraftConnection }) {
  const identity = useIdentity()
  const initialUser = useRef({ name: identity.name, color: identity.color })

  const editor = useEditor(
    {
      extensions: guidelineExtensions(connection, initialUser.current),
      editorProps: {
        attributes: { class: 'guideline', 'aria-label': 'Guideline text', spellcheck: 'true' },
      },
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
    },
    [connection],
  )

  // Renaming yourself in the header updates your caret label for everyone.
  useEffect(() => {
    if (editor.isDestroyed) return
    editor.commands.updateUser({ name: identity.name, color: identity.color })
  }, [editor, identity.name, identity.color])

  return (
    <div className="workspace">
      <aside className="workspace__side">
        <Outline editor={editor} />
      </aside>
      <div className="workspace__main">
        <div className="toolbar-dock">
          <Toolbar editor={editor} />
        </div>
        <div className="sheet" data-testid="editor">
          <EditorContent editor={editor} />
        </div>
      </div>
    </div>
  )
}
