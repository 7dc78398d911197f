/**
 * What the comment views share: the comments and draft documents, who I am, the threads and people, which
 * thread is open, and the new thread being written (its anchor). Provided by the guideline editor.
 */
import { createContext, useContext } from 'react'
import type * as Y from 'yjs'
import type { Person, ThreadAnchor, ThreadView } from '../../shared/schema/comments'

export interface CommentsUi {
  doc: Y.Doc
  draft: Y.Doc
  me: Person
  threads: ThreadView[]
  people: Person[]
  /** Ids of comments mentioning me that I have not opened (thread comments and suggestion replies). */
  unseen: Set<string>
  activeId: string | null
  /** Opens a thread (and the comments panel), or closes the open one with null. */
  activate(threadId: string | null): void
  /** The anchor of a thread being started, shown as a composer at the top of the panel. */
  pending: ThreadAnchor | null
  begin(anchor: ThreadAnchor): void
  cancel(): void
}

export const CommentsContext = createContext<CommentsUi | null>(null)

/** The comment views' shared state (null where comments are not available). */
export function useCommentsUi(): CommentsUi | null {
  return useContext(CommentsContext)
}
