/**
 * A draft-wide Y.UndoManager over every shared type of the draft that tracks only this client's rubric and
 * example edits (LOCAL_ORIGIN); TipTap keeps its own undo for guideline typing. Re-renders on stack changes.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react'
import * as Y from 'yjs'
import { draftScope } from '../../shared/ydoc/restore'
import { LOCAL_ORIGIN, registerUndoManager } from './localOrigin'

export interface DraftUndo {
  undo(): void
  redo(): void
  canUndo: boolean
  canRedo: boolean
}

export function useDraftUndo(doc: Y.Doc): DraftUndo {
  const manager = useMemo(
    () => new Y.UndoManager(draftScope(doc), { trackedOrigins: new Set([LOCAL_ORIGIN]) }),
    [doc],
  )
  useEffect(() => {
    registerUndoManager(doc, manager)
    return () => {
      registerUndoManager(doc, null)
      manager.destroy()
    }
  }, [doc, manager])
  const state = useSyncExternalStore(
    (listener) => {
      const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const
      for (const event of events) manager.on(event, listener)
      return () => {
        for (const event of events) manager.off(event, listener)
      }
    },
    () => `${manager.undoStack.length}:${manager.redoStack.length}`,
  )
  const [undoCount, redoCount] = state.split(':').map(Number)
  return {
    undo: () => manager.undo(),
    redo: () => manager.redo(),
    canUndo: (undoCount ?? 0) > 0,
    canRedo: (redoCount ?? 0) > 0,
  }
}
