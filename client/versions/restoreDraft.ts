/**
 * Restoring a published version into the live draft from the versions page: opens the draft like the editor
 * does, waits for the server's copy, applies the version's snapshot as one change with a tracked origin, and
 * keeps an UndoManager over the whole draft so "Undo restore" takes it back. Everyone connected sees both live.
 */
import * as Y from 'yjs'
import { draftScope, restoreSnapshot } from '../../shared/ydoc/restore'
import { recordRestore } from '../api/notices'
import { getSnapshot } from '../api/versions'
import { createDraftConnection, type DraftConnection } from '../sync/draftConnection'

const WAIT_MS = 15_000

export interface RestoredDraft {
  version: string
  /** Takes the restore back (for everyone) and waits until the server has saved that. */
  undo(): Promise<void>
  /** Closes the draft connection opened for the restore. */
  close(): void
}

function waitUntil(connection: DraftConnection, condition: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const closed = connection.getState().closed
      if (closed) {
        finish()
        reject(new Error(`The server closed the draft (${closed.reason || closed.code}).`))
      } else if (condition()) {
        finish()
        resolve()
      }
    }
    const timer = setTimeout(() => {
      finish()
      reject(new Error(`Timed out waiting for ${what}. Check your connection and try again.`))
    }, WAIT_MS)
    const unsubscribe = connection.subscribe(check)
    const onSync = () => check()
    connection.provider.on('sync', onSync)
    function finish() {
      clearTimeout(timer)
      unsubscribe()
      connection.provider.off('sync', onSync)
    }
    check()
  })
}

const saved = (connection: DraftConnection) => () => {
  const state = connection.getState()
  return state.status === 'saved' && !state.hasUnsavedChanges
}

export async function restoreVersion(
  projectId: string,
  userId: string,
  version: string,
): Promise<RestoredDraft> {
  const snapshot = await getSnapshot(projectId, version)
  const connection = createDraftConnection(projectId, { userId, readOnly: false })
  try {
    await waitUntil(connection, () => connection.provider.synced, 'the draft to load')
    const origin = { restore: version }
    const undoManager = new Y.UndoManager(draftScope(connection.doc), {
      trackedOrigins: new Set([origin]),
      captureTimeout: 0,
    })
    restoreSnapshot(connection.doc, snapshot, origin)
    await waitUntil(connection, saved(connection), 'the server to save the restored draft')
    // The activity log and others' open editors learn of the restore from this record; the restore itself is
    // done and saved by now, so a failure to record it does not undo or hide it.
    await recordRestore(projectId, version).catch(() => undefined)
    return {
      version,
      async undo() {
        undoManager.undo()
        await waitUntil(connection, saved(connection), 'the server to save the undo')
      },
      close() {
        undoManager.destroy()
        connection.destroy()
      },
    }
  } catch (error) {
    connection.destroy()
    throw error
  }
}
