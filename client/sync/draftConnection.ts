/**
 * One project's live draft: a Y.Doc kept on this device by y-indexeddb and synced with the server by the stock
 * y-websocket provider, plus the Yardstick "saved" extension that drives the save-status pill. The session
 * cookie authenticates the socket; read-only connections (reviewers) never ask the server to confirm saves.
 */
import * as decoding from 'lib0/decoding'
import { IndexeddbPersistence } from 'y-indexeddb'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { draftDocName, isValidProjectId } from '../../shared/protocol/docNames'
import { MessageType, SYNC_PATH } from '../../shared/protocol/messages'
import { readSaved, writeSaveRequest } from '../../shared/protocol/saveMessages'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { localDraftName } from './localDrafts'
import { type SaveStatus, SaveTracker } from './saveTracker'

/** Coalesces the saveRequests of a burst of keystrokes into one. */
const SAVE_REQUEST_DELAY_MS = 80
/** Without a server answer, show what this device has after this long instead of a spinner. */
const READY_FALLBACK_MS = 2500

export interface ConnectionClose {
  code: number
  reason: string
}

export interface DraftConnectionState {
  status: SaveStatus
  /** Enough content is present (server synced, or local copy loaded) to show the editor. */
  ready: boolean
  /** Set when the server closed the connection for good (e.g. 4404 unknown document). */
  closed: ConnectionClose | null
  hasUnsavedChanges: boolean
  /** How many times the socket has connected; above 1 means it reconnected (the role may have changed). */
  connections: number
}

export interface DraftConnection {
  /** The project whose draft this is (media uploads and URLs need it). */
  readonly projectId: string
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  getState(): DraftConnectionState
  subscribe(listener: () => void): () => void
  /** Tries again after a permanent close. */
  reconnect(): void
  /** Read-only connections (the server drops their edits) send no save requests. */
  setReadOnly(readOnly: boolean): void
  destroy(): void
}

function syncServerUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss' : 'ws'
  return `${protocol}://${window.location.host}${SYNC_PATH}`
}

export interface DraftConnectionOptions {
  /** The signed-in user: the local copy on this device is theirs alone. */
  userId: string
  readOnly: boolean
}

export function createDraftConnection(projectId: string, options: DraftConnectionOptions): DraftConnection {
  const doc = new Y.Doc()
  const validName = isValidProjectId(projectId)
  let readOnly = options.readOnly
  const persistence = new IndexeddbPersistence(localDraftName(options.userId, projectId), doc)
  const provider = new WebsocketProvider(syncServerUrl(), draftDocName(projectId), doc, { connect: false })
  const tracker = new SaveTracker()
  const listeners = new Set<() => void>()
  let closed: ConnectionClose | null = validName
    ? null
    : { code: CloseCode.unknownDocument, reason: CloseReason.invalidDocName }
  let localCopyLoaded = false
  let fallbackElapsed = false
  let flushTimer: ReturnType<typeof setTimeout> | null = null
  let destroyed = false
  let connections = 0

  const computeState = (): DraftConnectionState => ({
    status: tracker.status,
    ready:
      provider.synced ||
      closed !== null ||
      (localCopyLoaded && (fallbackElapsed || guidelineFragment(doc).length > 0)),
    closed,
    hasUnsavedChanges: tracker.hasUnsavedChanges,
    connections,
  })
  let state = computeState()

  const emit = () => {
    const next = computeState()
    if (
      next.status === state.status &&
      next.ready === state.ready &&
      next.closed === state.closed &&
      next.hasUnsavedChanges === state.hasUnsavedChanges &&
      next.connections === state.connections
    ) {
      return
    }
    state = next
    for (const listener of listeners) listener()
  }

  /** Sends one saveRequest covering every change already on the wire, if one is due. */
  const flush = () => {
    flushTimer = null
    const ws = provider.ws
    if (destroyed || readOnly || !tracker.wantsRequest || !ws || ws.readyState !== WebSocket.OPEN) return
    ws.send(writeSaveRequest(tracker.issueRequest()))
  }
  const scheduleFlush = () => {
    if (flushTimer === null) flushTimer = setTimeout(flush, SAVE_REQUEST_DELAY_MS)
  }

  // Our SyncStep2 (everything the server lacks, including offline edits) is the reply to the server's
  // SyncStep1. The provider sends that reply right after the handler returns, so a saveRequest queued as a
  // microtask follows it on the wire. `emitSynced` is false for cross-tab BroadcastChannel messages.
  const handleSync = provider.messageHandlers[MessageType.sync]
  if (handleSync) {
    provider.messageHandlers[MessageType.sync] = (encoder, decoder, p, emitSynced, messageType) => {
      const syncType = decoding.peekVarUint(decoder)
      handleSync(encoder, decoder, p, emitSynced, messageType)
      if (emitSynced && syncType === syncProtocol.messageYjsSyncStep1) {
        tracker.recordHandshakeSent()
        queueMicrotask(flush)
      }
    }
  }
  provider.messageHandlers[MessageType.saved] = (_encoder, decoder, _p, emitSynced) => {
    const requestId = readSaved(decoder)
    if (emitSynced && tracker.acknowledge(requestId)) emit()
  }

  provider.messageHandlers[MessageType.notSaved] = (_encoder, _decoder, _p, emitSynced) => {
    if (!emitSynced) return
    tracker.recordNotSaved()
    emit()
  }

  provider.on('status', ({ status }) => {
    if (status === 'connected') {
      connections++
      tracker.connectionOpened()
    } else if (status === 'disconnected') tracker.connectionClosed()
    emit()
  })
  provider.on('sync', (synced) => {
    tracker.setSynced(synced)
    if (synced) queueMicrotask(flush)
    emit()
  })
  provider.on('closed', (event) => {
    closed = { code: event.code, reason: event.reason }
    emit()
  })

  // Registered after the provider's own update listener, so the update is sent before we ask about it.
  // Changes loaded from IndexedDB count too: they may be offline edits the server has not seen yet.
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === provider) return
    tracker.recordLocalChange()
    scheduleFlush()
    emit()
  }
  doc.on('update', onUpdate)

  persistence.on('synced', () => {
    localCopyLoaded = true
    emit()
  })
  const fallbackTimer = setTimeout(() => {
    fallbackElapsed = true
    emit()
  }, READY_FALLBACK_MS)

  // The browser says when the network is gone; without this the provider only notices after 30 s of silence,
  // and meanwhile the pill would say "Saving…" for edits that cannot leave this device.
  let pausedOffline = false
  const onOffline = () => {
    if (destroyed || !provider.shouldConnect) return
    pausedOffline = true
    provider.disconnect()
  }
  const onOnline = () => {
    if (destroyed || !pausedOffline) return
    pausedOffline = false
    if (closed === null) provider.connect()
  }
  window.addEventListener('offline', onOffline)
  window.addEventListener('online', onOnline)

  if (validName) provider.connect()

  return {
    projectId,
    doc,
    provider,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    reconnect() {
      if (!validName || destroyed) return
      closed = null
      pausedOffline = false
      provider.connect()
      emit()
    },
    setReadOnly(value) {
      readOnly = value
      if (!readOnly) scheduleFlush()
    },
    destroy() {
      destroyed = true
      window.removeEventListener('offline', onOffline)
      window.removeEventListener('online', onOnline)
      clearTimeout(fallbackTimer)
      if (flushTimer !== null) clearTimeout(flushTimer)
      listeners.clear()
      doc.off('update', onUpdate)
      provider.destroy()
      void persistence.destroy()
      doc.destroy()
    },
  }
}
