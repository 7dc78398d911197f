/**
 * React hook owning a project's draft connection: creates the Y.Doc, IndexedDB copy and websocket provider
 * on mount, tears them down on unmount, and re-renders when the save status or connection state changes.
 */
import { useEffect, useState, useSyncExternalStore } from 'react'
import { createDraftConnection, type DraftConnection, type DraftConnectionState } from './draftConnection'

const idleState: DraftConnectionState = {
  status: 'connecting',
  ready: false,
  closed: null,
  hasUnsavedChanges: false,
}
const noSubscription = () => () => {}

export function useDraftConnection(projectId: string): {
  connection: DraftConnection | null
  state: DraftConnectionState
} {
  const [connection, setConnection] = useState<DraftConnection | null>(null)

  useEffect(() => {
    const created = createDraftConnection(projectId)
    setConnection(created)
    return () => {
      setConnection(null)
      created.destroy()
    }
  }, [projectId])

  const state = useSyncExternalStore(
    connection ? connection.subscribe : noSubscription,
    connection ? connection.getState : () => idleState,
  )
  return { connection, state }
}
