/**
 * Reads a project's comments document on the server (from the store: every update in it is durable, rooms
 * hold nothing more) to count its threads, e.g. the open threads recorded on a version at publish time.
 */
import * as Y from 'yjs'
import { commentsDocName } from '../../shared/protocol/docNames'
import { countOpenThreads } from '../../shared/ydoc/commentsDoc'
import { log } from '../log'
import type { DocStore } from '../storage/store'

export async function loadCommentsDoc(store: DocStore, projectId: string): Promise<Y.Doc> {
  const stored = await store.loadDoc(commentsDocName(projectId))
  const doc = new Y.Doc()
  doc.transact(() => {
    for (const update of [stored.snapshot, ...stored.updates]) {
      if (!update) continue
      try {
        Y.applyUpdate(doc, update.data)
      } catch (error) {
        log.error('skipping unreadable stored comments update', { projectId, error })
      }
    }
  })
  return doc
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
