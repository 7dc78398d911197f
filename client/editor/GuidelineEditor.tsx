/**
 * The collaborative guideline editor: outline on the left, toolbar and the TipTap document in the centre,
 * the rubric panel on the right (collapsible). Content comes only from the shared Y.Doc — never from a
 * `content` option — so nothing is duplicated on load. Calibration examples are blocks inside the text.
 * Read-only users (reviewers) get the same live document, rubric and gold without any editing. The right
 * panel switches between the rubric and the comment threads; commented text is highlighted in the editor.
 * Ctrl+F / Ctrl+H find (and replace) across the text and its examples; Ctrl+/ or ? lists every shortcut.
 * In Suggesting mode (reviewers always; owners and leads switch to it) typing writes suggestions into the
 * comments document and never changes the draft; open suggestions are drawn inline for everyone.
 */

import { EditorContent, useEditor } from '@tiptap/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ContentKind } from '../../shared/ydoc/examplesDoc'
import { CommentBubble } from '../comments/CommentOnSelection'
import { CommentsClosedNotice } from '../comments/CommentsClosedNotice'
import { CommentsPanel } from '../comments/CommentsPanel'
import { commentHighlights } from '../comments/commentHighlights'
import type { CommentsData } from '../comments/useComments'
import { useCommentsUiState, useHighlightSource } from '../comments/useCommentsUiState'
import { useReanchorAfterUndo } from '../comments/useReanchorAfterUndo'
import { insertExample } from '../examples/exampleNode'
import { ImportPanel } from '../import/ImportPanel'
import { peekPendingImport } from '../import/pendingImport'
import { MediaNotices } from '../media/MediaNotices'
import { MediaNoticeBoard } from '../media/mediaNotices'
import { uploadFilesAt } from '../media/mediaUploads'
import { DraftDataProvider } from '../rubric/DraftDataProvider'
import { PanelErrorBoundary } from '../rubric/PanelErrorBoundary'
import { RubricPanel } from '../rubric/RubricPanel'
import { ReviewProviders } from '../suggestions/ReviewProviders'
import { SuggestionsPanel } from '../suggestions/SuggestionsPanel'
import { SuggestingContext } from '../suggestions/suggestingContext'
import { suggestingMode } from '../suggestions/suggestingMode'
import { useSuggestingSource, useSuggestingState } from '../suggestions/suggestingState'
import { useSuggestionsUiState } from '../suggestions/useSuggestionsUiState'
import type { DraftConnection } from '../sync/draftConnection'
import { EditorModeSwitch, SuggestingBar } from './EditorModeSwitch'
import { type CaretUser, guidelineExtensions } from './extensions'
import { type FindMode, FindReplaceBar } from './FindReplaceBar'
import { Outline } from './Outline'
import { type PanelChoice, PanelTabs } from './PanelTabs'
import { ShortcutHelp } from './ShortcutHelp'
import { SlashMenu, slashItems } from './SlashMenu'
import { ariaKeyShortcut, SHORTCUTS, shortcutLabel } from './shortcuts'
import { Toolbar } from './Toolbar'
import { useEditorKeys } from './useEditorKeys'
import { useScrollToSection } from './useScrollToSection'

interface GuidelineEditorProps {
  connection: DraftConnection
  user: CaretUser
  /** Whether you may change the draft (owners and leads); reviewers only suggest. */
  editable: boolean
  /** The draft's comment threads (null until the comments document is open). */
  comments: CommentsData | null
}

const PANEL_KEY = 'yardstick:rubric-panel'

function storedPanel(): PanelChoice {
  const stored = localStorage.getItem(PANEL_KEY)
  return stored === 'closed' || stored === 'comments' || stored === 'suggestions' ? stored : 'rubric'
}

export function GuidelineEditor({ connection, user, editable, comments }: GuidelineEditorProps) {
  const initialUser = useRef(user)
  const initialEditable = useRef(editable)
  const [panel, setPanel] = useState<PanelChoice>(storedPanel)
  const showPanel = (choice: PanelChoice) => {
    localStorage.setItem(PANEL_KEY, choice)
    setPanel(choice)
  }
  const panelOpen = panel !== 'closed'
  const highlightSource = useHighlightSource()
  const [mediaNotices] = useState(() => new MediaNoticeBoard())
  const me = useMemo(
    () => ({ id: user.id, name: user.name, color: user.color }),
    [user.id, user.name, user.color],
  )
  const suggestingSource = useSuggestingSource(me, editable)

  const editor = useEditor(
    {
      extensions: [
        ...guidelineExtensions(connection, initialUser.current, initialEditable.current, mediaNotices),
        commentHighlights(connection.doc, highlightSource),
        ...suggestingMode(connection.doc, suggestingSource),
      ],
      // Suggesting needs an editable view (its handlers turn typing into suggestions); the draft stays as it is.
      editable: initialEditable.current || suggestingSource.mode === 'suggesting',
      editorProps: {
        attributes: { class: 'guideline', 'aria-label': 'Guideline text', spellcheck: 'true' },
      },
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
    },
    [connection],
  )

  useScrollToSection(editor)
  const commentsUi = useCommentsUiState({
    data: comments,
    draft: connection.doc,
    me,
    editor,
    source: highlightSource,
    reveal: () => showPanel('comments'),
  })
  useReanchorAfterUndo(connection.doc, comments?.connection.doc ?? null)
  const suggestingUi = useSuggestingState({
    editor,
    source: suggestingSource,
    canEdit: editable,
    comments: comments?.connection.doc ?? null,
    me,
    // Clicking a suggestion in the text opens its card, like a commented word opens its thread.
    onActivated: () => showPanel('suggestions'),
  })
  const suggesting = suggestingUi.mode === 'suggesting'
  /** Whether this editor changes the draft directly (toolbar, slash menu, import, replace). */
  const editing = editable && !suggesting
  const viewEditable = editable || suggesting
  const suggestionsUi = useSuggestionsUiState({
    projectId: connection.projectId,
    data: comments,
    draft: connection.doc,
    me,
    editor,
    editable,
    suggesting,
  })
  const openSuggestions = suggestionsUi?.suggestions.filter((s) => s.status === 'open').length ?? 0
  // Mentions of me not yet opened, on the tab where they are: threads' on Comments, replies' on Suggestions.
  const unseen = commentsUi?.unseen
  const unseenIn = (discussions: readonly { comments: readonly { id: string }[] }[] | undefined) =>
    (discussions ?? []).reduce((n, d) => n + d.comments.filter((c) => unseen?.has(c.id)).length, 0)
  const threadMentions = unseenIn(commentsUi?.threads)
  const suggestionMentions = unseenIn(suggestionsUi?.suggestions)

  // Renaming yourself on the account page updates your caret label.
  useEffect(() => {
    if (editor.isDestroyed) return
    editor.commands.updateUser({ id: user.id, name: user.name, color: user.color })
  }, [editor, user.id, user.name, user.color])

  // A role change (lead ↔ reviewer) or the mode switch turns editing on or off without reopening the draft.
  useEffect(() => {
    if (!editor.isDestroyed && editor.isEditable !== viewEditable) editor.setEditable(viewEditable)
  }, [editor, viewEditable])

  const addExample = useCallback(
    (kind: ContentKind) => insertExample(editor, connection.doc, kind),
    [editor, connection.doc],
  )
  const items = useMemo(() => slashItems(addExample), [addExample])
  const addMedia = useCallback(
    (files: File[]) => {
      if (editor.isDestroyed) return
      const host = { projectId: connection.projectId, draft: connection.doc, notices: mediaNotices }
      uploadFilesAt(editor.view, host, files, editor.state.selection.from)
    },
    [editor, connection, mediaNotices],
  )

  const [sheet, setSheet] = useState<HTMLDivElement | null>(null)
  const [findMode, setFindMode] = useState<FindMode | null>(null)
  const [findRequest, setFindRequest] = useState(0)
  const [helpOpen, setHelpOpen] = useState(false)
  // Open at once when this project was just created from a document (the panel takes it over).
  const [importOpen, setImportOpen] = useState(() => peekPendingImport(connection.projectId) !== null)
  const openFind = useCallback((mode: FindMode) => {
    setFindMode(mode)
    setFindRequest((n) => n + 1)
  }, [])
  const closeFind = useCallback(() => {
    setFindMode(null)
    if (!editor.isDestroyed) editor.commands.focus()
  }, [editor])
  const openHelp = useCallback(() => setHelpOpen(true), [])
  useEditorKeys({ openFind, openHelp })

  return (
    <ReviewProviders comments={commentsUi} suggestions={suggestionsUi}>
      <SuggestingContext.Provider value={suggestingUi}>
        <DraftDataProvider
          projectId={connection.projectId}
          doc={connection.doc}
          editor={editor}
          // Suggesting: the rubric and example fields are read-only too ("Suggest edit" under them changes them).
          editable={editing}
        >
          <div className={`workspace${panelOpen ? ' workspace--with-panel' : ''}`}>
            <aside className="workspace__side">
              <Outline editor={editor} />
            </aside>
            <div className="workspace__main">
              <div className="toolbar-dock">
                <div className="toolbar-dock__row">
                  {editing ? (
                    <Toolbar
                      editor={editor}
                      onInsertExample={() => addExample('single')}
                      onInsertMedia={addMedia}
                      onImport={() => setImportOpen(true)}
                    />
                  ) : (
                    <SuggestingBar ui={suggestingUi} />
                  )}
                  {editable && <EditorModeSwitch ui={suggestingUi} />}
                  <button
                    type="button"
                    className="button button--ghost toolbar-dock__help"
                    data-testid="shortcut-help-open"
                    aria-label="Keyboard shortcuts"
                    title={`Keyboard shortcuts (${shortcutLabel(SHORTCUTS.help.keys)} or ?)`}
                    aria-keyshortcuts={ariaKeyShortcut(SHORTCUTS.help.keys)}
                    onClick={openHelp}
                  >
                    ⌨ ?
                  </button>
                </div>
                <MediaNotices board={mediaNotices} />
                {importOpen && editing && (
                  <ImportPanel editor={editor} connection={connection} onClose={() => setImportOpen(false)} />
                )}
                {findMode && (
                  <FindReplaceBar
                    root={sheet}
                    doc={connection.doc}
                    mode={findMode}
                    editable={editing}
                    focusRequest={findRequest}
                    onModeChange={setFindMode}
                    onClose={closeFind}
                  />
                )}
              </div>
              {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
              <div
                ref={setSheet}
                className="sheet"
                data-testid="editor"
                data-editable={editing ? 'true' : 'false'}
                data-mode={suggestingUi.mode}
              >
                <EditorContent editor={editor} />
              </div>
              {editing && <SlashMenu editor={editor} items={items} />}
              {commentsUi && <CommentBubble editor={editor} ui={commentsUi} />}
            </div>
            {panelOpen ? (
              <div className="workspace__panel">
                <PanelTabs
                  panel={panel}
                  onChoose={showPanel}
                  openThreads={commentsUi?.threads.filter((t) => !t.resolved).length ?? null}
                  mentions={threadMentions}
                  openSuggestions={openSuggestions}
                  suggestionMentions={suggestionMentions}
                />
                {panel === 'comments' ? (
                  <PanelErrorBoundary what="comments panel">
                    <CommentsClosedNotice closed={comments?.closed ?? null} />
                    <CommentsPanel />
                  </PanelErrorBoundary>
                ) : panel === 'suggestions' ? (
                  <PanelErrorBoundary what="suggestions panel">
                    <CommentsClosedNotice closed={comments?.closed ?? null} />
                    <SuggestionsPanel />
                  </PanelErrorBoundary>
                ) : (
                  <PanelErrorBoundary what="rubric panel">
                    <RubricPanel onCollapse={() => showPanel('closed')} />
                  </PanelErrorBoundary>
                )}
              </div>
            ) : (
              <div className="panel-tabs-collapsed">
                <button
                  type="button"
                  className="rubric-tab"
                  data-testid="rubric-expand"
                  aria-label="Show the rubric panel"
                  onClick={() => showPanel('rubric')}
                >
                  Rubric
                </button>
                {commentsUi && (
                  <button
                    type="button"
                    className="rubric-tab rubric-tab--comments"
                    data-testid="comments-expand"
                    aria-label="Show the comments"
                    onClick={() => showPanel('comments')}
                  >
                    Comments{threadMentions > 0 ? ` · @${threadMentions}` : ''}
                  </button>
                )}
                {suggestionsUi && (
                  <button
                    type="button"
                    className="rubric-tab rubric-tab--comments"
                    data-testid="suggestions-expand"
                    aria-label="Show the suggestions"
                    onClick={() => showPanel('suggestions')}
                  >
                    Suggestions{openSuggestions > 0 ? ` · ${openSuggestions}` : ''}
                    {suggestionMentions > 0 ? ` · @${suggestionMentions}` : ''}
                  </button>
                )}
              </div>
            )}
          </div>
        </DraftDataProvider>
      </SuggestingContext.Provider>
    </ReviewProviders>
  )
}
