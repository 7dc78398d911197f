/**
 * Reads a project's comments document on the server (from the store: every update in it is durable, rooms
 * hold nothing more) to count its threads and open suggestions, e.g. the open threads recorded on a version
 * at publish time.
 */
import type * as Y from 'yjs'
import { commentsDocName } from '../../shared/protocol/docNames'
import type { CommentSummary } from '../../shared/schema/comments'
import { countOpenThreads } from '../../shared/ydoc/commentsDoc'
import { countOpenSuggestions } from '../../shared/ydoc/suggestionsDoc'
import type { DocStore } from '../storage/store'
import { loadDoc } from '../sync/storedDoc'

export async function loadCommentsDoc(store: DocStore, projectId: string): Promise<Y.Doc> {
  return (await loadDoc(store, commentsDocName(projectId))).doc
}

/** How many threads are open and resolved now, and how many suggestions are open. */
export async function commentSummary(store: DocStore, projectId: string): Promise<CommentSummary> {
  const doc = await loadCommentsDoc(store, projectId)
  try {
    return { ...countOpenThreads(doc), openSuggestions: countOpenSuggestions(doc) }
  } finally {
    doc.destroy()
  }
}
