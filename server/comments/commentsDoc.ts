/**
 * Reads a project's comments document on the server (from the store: every update in it is durable, rooms
 * hold nothing more) to count its threads, e.g. the open threads recorded on a version at publish time.
 */
import type * as Y from 'yjs'
import { commentsDocName } from '../../shared/protocol/docNames'
import { countOpenThreads } from '../../shared/ydoc/commentsDoc'
import type { DocStore } from '../storage/store'
import { loadDoc } from '../sync/storedDoc'

export async function loadCommentsDoc(store: DocStore, projectId: string): Promise<Y.Doc> {
  return (await loadDoc(store, commentsDocName(projectId))).doc
}

/** How many threads are open and resolved now. */
export async function commentSummary(
  store: DocStore,
  projectId: string,
): Promise<{ open: number; resolved: number }> {
  const doc = await loadCommentsDoc(store, projectId)
  try {
    return countOpenThreads(doc)
  } finally {
    doc.destroy()
  }
}
