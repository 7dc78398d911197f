/**
 * Rubric and example edits made here run in a transaction with this origin, so the draft-wide undo manager
 * undoes exactly one's own structured edits (peers' edits and TipTap's guideline typing have other origins).
 * Each discrete edit (a click, a choice) is its own undo step; typing in one field merges as usual.
 */
import type * as Y from 'yjs'

export const LOCAL_ORIGIN = Symbol('yardstick-local-edit')

const undoManagers = new WeakMap<Y.Doc, Y.UndoManager>()

/** The draft-wide undo manager of a document registers itself here (see useDraftUndo). */
export function registerUndoManager(doc: Y.Doc, manager: Y.UndoManager | null): void {
  if (manager) undoManagers.set(doc, manager)
  else undoManagers.delete(doc)
}

/** Runs `fn` (calls to shared/ydoc helpers) as one local, undoable transaction. */
export function writeLocal<T>(doc: Y.Doc, fn: () => T, { typing = false } = {}): T {
  if (!typing) undoManagers.get(doc)?.stopCapturing()
  let result: T | undefined
  doc.transact(() => {
    result = fn()
  }, LOCAL_ORIGIN)
  if (!typing) undoManagers.get(doc)?.stopCapturing()
  return result as T
}
