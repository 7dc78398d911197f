/**
 * One project's comments document on this device: a Y.Doc kept by y-indexeddb (so comments written offline
 * survive a reload and merge on reconnect) and synced by the stock y-websocket provider over the same `/sync`
 * endpoint as the draft. The server refuses it (4403) for roles that may not comment.
 */
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { commentsDocName, isValidProjectId } from '../../shared/protocol/docNames'
import { SYNC_PATH } from '../../shared/protocol/messages'
import { localDraftName } from '../sync/localDrafts'

export interface CommentsConnection {
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  /** Set when the server closed the connection for good. */
  closed(): { code: number; reason: string } | null
  destroy(): void
}

function syncServerUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss' : 'ws'
  return `${protocol}://${window.location.host}${SYNC_PATH}`
}

export function createCommentsConnection(projectId: string, userId: string): CommentsConnection {
  const doc = new Y.Doc()
  const name = commentsDocName(projectId)
  // Same naming as the draft's local copy, so signing out forgets it too.
  const persistence = new IndexeddbPersistence(localDraftName(userId, name), doc)
  const provider = new WebsocketProvider(syncServerUrl(), name, doc, { connect: false })
  let closedWith: { code: number; reason: string } | null = null
  provider.on('closed', (event) => {
    closedWith = { code: event.code, reason: event.reason }
  })
  const onOffline = () => provider.disconnect()
  const onOnline = () => {
    if (closedWith === null) provider.connect()
  }
  window.addEventListener('offline', onOffline)
  window.addEventListener('online', onOnline)
  if (isValidProjectId(projectId)) provider.connect()
  return {
    doc,
    provider,
    closed: () => closedWith,
    destroy() {
      window.removeEventListener('offline', onOffline)
      window.removeEventListener('online', onOnline)
      provider.destroy()
      void persistence.destroy()
      doc.destroy()
    },
  }
}
