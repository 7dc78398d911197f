/**
 * The comment state of one open guideline editor: which thread is open, the thread being started, and the
 * highlight source the editor extension reads (kept current, with the editor redrawn when it changes).
 */
import type { Editor } from '@tiptap/react'
import { useEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import type { Person, ThreadAnchor } from '../../shared/schema/comments'
import { type HighlightSource, refreshCommentHighlights } from './commentHighlights'
import type { CommentsUi } from './commentsContext'
import type { CommentsData } from './useComments'

/** A stable highlight source for the editor's extension list (filled in by useCommentsUiState). */
export function useHighlightSource(): HighlightSource {
  const ref = useRef<HighlightSource>({ threads: [], activeId: null, onActivate: () => {} })
  return ref.current
}

export function useCommentsUiState(options: {
  data: CommentsData | null
  draft: Y.Doc
  me: Person
  editor: Editor
  source: HighlightSource
  /** Shows the comments panel (when a thread is opened or started). */
  reveal(): void
}): CommentsUi | null {
  const { data, draft, me, editor, source, reveal } = options
  const [activeId, setActiveId] = useState<string | null>(null)
  const [pending, setPending] = useState<ThreadAnchor | null>(null)
  const revealRef = useRef(reveal)
  revealRef.current = reveal

  const ui = useMemo<CommentsUi | null>(() => {
    if (!data) return null
    return {
      doc: data.connection.doc,
      draft,
      me,
      threads: data.threads,
      people: data.people,
      unseen: new Set(data.unseen),
      activeId,
      activate(id) {
        setActiveId(id)
        if (id) revealRef.current()
      },
      pending,
      begin(anchor) {
        setPending(anchor)
        revealRef.current()
      },
      cancel: () => setPending(null),
    }
  }, [data, draft, me, activeId, pending])

  source.onActivate = (id) => ui?.activate(id)
  useEffect(() => {
    source.threads = (ui?.threads ?? []).flatMap((t) =>
      t.anchor.kind === 'text' ? [{ id: t.id, anchor: t.anchor, resolved: t.resolved }] : [],
    )
    source.activeId = ui?.activeId ?? null
    refreshCommentHighlights(editor)
  }, [ui, editor, source])
  return ui
}
