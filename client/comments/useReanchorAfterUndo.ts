/**
 * After an undo on this client brings deleted words back, re-anchors the threads that were on them, so
 * every client sees them attached again (an undo re-creates text as new items, and only the undoing client
 * knows which old items they replace).
 */
import { useEffect } from 'react'
import * as Y from 'yjs'
import { reanchorUndone } from '../../shared/ydoc/commentAnchors'
import { readThreads, setAnchor } from '../../shared/ydoc/commentsDoc'

export function useReanchorAfterUndo(draft: Y.Doc, comments: Y.Doc | null): void {
  useEffect(() => {
    if (!comments) return
    const onAfterTransaction = (transaction: Y.Transaction) => {
      if (!(transaction.origin instanceof Y.UndoManager)) return
      for (const thread of readThreads(comments)) {
        if (thread.anchor.kind !== 'text') continue
        const moved = reanchorUndone(draft, thread.anchor)
        if (moved) setAnchor(comments, thread.id, moved)
      }
    }
    draft.on('afterTransaction', onAfterTransaction)
    return () => draft.off('afterTransaction', onAfterTransaction)
  }, [draft, comments])
}
