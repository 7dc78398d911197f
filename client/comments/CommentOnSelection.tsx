/**
 * Starting a thread on selected guideline text: a "Comment" bubble over any text selection (also for
 * read-only reviewers), and the same action as a toolbar button with the Ctrl+Alt+M shortcut.
 */
import { NodeSelection } from '@tiptap/pm/state'
import type { Editor } from '@tiptap/react'
import { BubbleMenu } from '@tiptap/react/menus'
import { useEffect } from 'react'
import { anchorFromSelection } from './commentHighlights'
import type { CommentsUi } from './commentsContext'

function begin(editor: Editor, ui: CommentsUi): void {
  const anchor = anchorFromSelection(editor, ui.draft)
  if (!anchor) return
  ui.begin(anchor)
  // Collapse the selection so the bubble goes away while the comment is written in the panel.
  editor.commands.setTextSelection(editor.state.selection.to)
}

export function CommentBubble({ editor, ui }: { editor: Editor; ui: CommentsUi }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.altKey && event.key.toLowerCase() === 'm') {
        if (!editor.view.dom.contains(document.activeElement) && editor.isEditable) return
        event.preventDefault()
        begin(editor, ui)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [editor, ui])

  return (
    <BubbleMenu
      editor={editor}
      pluginKey="commentBubble"
      shouldShow={({ state, from, to }) =>
        from !== to &&
        !(state.selection instanceof NodeSelection) &&
        state.doc.textBetween(from, to).trim() !== ''
      }
      options={{ placement: 'top' }}
    >
      <button
        type="button"
        className="comment-bubble"
        data-testid="comment-selection"
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => begin(editor, ui)}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
          <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" strokeLinejoin="round" />
        </svg>
        Comment
      </button>
    </BubbleMenu>
  )
}
