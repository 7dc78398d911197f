/**
 * The collaborative guideline editor: outline on the left, toolbar and the TipTap document in the centre,
 * the rubric panel on the right (collapsible). Content comes only from the shared Y.Doc — never from a
 * `content` option — so nothing is duplicated on load. Calibration examples are blocks inside the text.
 * Read-only users (reviewers) get the same live document, rubric and gold without any editing.
 */

import { EditorContent, useEditor } from '@tiptap/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ContentKind } from '../../shared/ydoc/examplesDoc'
import { insertExample } from '../examples/exampleNode'
import { DraftDataProvider } from '../rubric/DraftDataProvider'
import { PanelErrorBoundary } from '../rubric/PanelErrorBoundary'
import { RubricPanel } from '../rubric/RubricPanel'
import type { DraftConnection } from '../sync/draftConnection'
import { type CaretUser, guidelineExtensions } from './extensions'
import { Outline } from './Outline'
import { SlashMenu, slashItems } from './SlashMenu'
import { Toolbar } from './Toolbar'
import { useScrollToSection } from './useScrollToSection'

interface GuidelineEditorProps {
  connection: DraftConnection
  user: CaretUser
  editable: boolean
}

const PANEL_KEY = 'yardstick:rubric-panel'

export function GuidelineEditor({ connection, user, editable }: GuidelineEditorProps) {
  const initialUser = useRef(user)
  const initialEditable = useRef(editable)
  const [panelOpen, setPanelOpen] = useState(() => localStorage.getItem(PANEL_KEY) !== 'closed')
  const togglePanel = (open: boolean) => {
    localStorage.setItem(PANEL_KEY, open ? 'open' : 'closed')
    setPanelOpen(open)
  }

  const editor = useEditor(
    {
      extensions: guidelineExtensions(connection, initialUser.current, initialEditable.current),
      editable: initialEditable.current,
      editorProps: {
        attributes: { class: 'guideline', 'aria-label': 'Guideline text', spellcheck: 'true' },
      },
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
    },
    [connection],
  )

  useScrollToSection(editor)

  // Renaming yourself on the account page updates your caret label.
  useEffect(() => {
    if (editor.isDestroyed) return
    editor.commands.updateUser({ id: user.id, name: user.name, color: user.color })
  }, [editor, user.id, user.name, user.color])

  // A role change (lead ↔ reviewer) switches editing on or off without reopening the draft.
  useEffect(() => {
    if (!editor.isDestroyed && editor.isEditable !== editable) editor.setEditable(editable)
  }, [editor, editable])

  const addExample = useCallback(
    (kind: ContentKind) => insertExample(editor, connection.doc, kind),
    [editor, connection.doc],
  )
  const items = useMemo(() => slashItems(addExample), [addExample])

  return (
    <DraftDataProvider doc={connection.doc} editor={editor} editable={editable}>
      <div className={`workspace${panelOpen ? ' workspace--with-panel' : ''}`}>
        <aside className="workspace__side">
          <Outline editor={editor} />
        </aside>
        <div className="workspace__main">
          <div className="toolbar-dock">
            {editable ? (
              <Toolbar editor={editor} onInsertExample={() => addExample('single')} />
            ) : (
              <p className="view-only-note" data-testid="view-only-note" role="note">
                <strong>View only</strong> — reviewers can read the draft and comment (comments are coming).
              </p>
            )}
          </div>
          <div className="sheet" data-testid="editor" data-editable={editable ? 'true' : 'false'}>
            <EditorContent editor={editor} />
          </div>
          {editable && <SlashMenu editor={editor} items={items} />}
        </div>
        {panelOpen ? (
          <div className="workspace__panel">
            <PanelErrorBoundary what="rubric panel">
              <RubricPanel onCollapse={() => togglePanel(false)} />
            </PanelErrorBoundary>
          </div>
        ) : (
          <button
            type="button"
            className="rubric-tab"
            data-testid="rubric-expand"
            aria-label="Show the rubric panel"
            onClick={() => togglePanel(true)}
          >
            Rubric
          </button>
        )}
      </div>
    </DraftDataProvider>
  )
}
