/**
 * React hook owning a project's draft connection: creates the Y.Doc, IndexedDB copy and websocket provider
 * once `enabled` (the user's role allows reading the draft), tears them down on unmount, and re-renders when
 * the save status or connection state changes.
 */
import { useEffect, useState, useSyncExternalStore } from 'react'
import { createDraftConnection, type DraftConnection, type DraftConnectionState } from './draftConnection'

const idleState: DraftConnectionState = {
  status: 'connecting',
  ready: false,
  closed: null,
  hasUnsavedChanges: false,
  connections: 0,
}
const noSubscription = () => () => {}

interface DraftConnectionHookOptions {
  userId: string
  /** False until we know the user may open the draft: no socket is opened before that. */
  enabled: boolean
  readOnly: boolean
}

export function useDraftConnection(
  projectId: string,
  { userId, enabled, readOnly }: DraftConnectionHookOptions,
): { connection: DraftConnection | null; state: DraftConnectionState } {
  const [connection, setConnection] = useState<DraftConnection | null>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: readOnly is applied below without a new connection
  useEffect(() => {
    if (!enabled) return
    const created = createDraftConnection(projectId, { userId, readOnly })
    setConnection(created)
    return () => {
      setConnection(null)
      created.destroy()
    }
  }, [projectId, userId, enabled])

  useEffect(() => {
    connection?.setReadOnly(readOnly)
  }, [connection, readOnly])

  const state = useSyncExternalStore(
    connection ? connection.subscribe : noSubscription,
    connection ? connection.getState : () => idleState,
  )
  return { connection, state }
}
