/**
 * Rebuilding a Yjs document from storage, written once: `loadDoc(store, name)` is what rooms, the
 * cross-instance catch-up, publishing, diffs and comment counts use. An unreadable stored update is logged
 * and skipped (the rest of the document still loads); a storage failure rejects. `mergeStored` is the same
 * rebuild for compaction, which stores the merged result as the new snapshot.
 */
import * as Y from 'yjs'
import { log } from '../log'
import type { DocStore, StoredDoc } from '../storage/store'

export interface LoadedDoc {
  doc: Y.Doc
  /** Highest stored sequence number applied (0 for a document never written). */
  throughSeq: number
  /** How many log updates came after the snapshot (what compaction would fold in). */
  logLength: number
}

export interface LoadOptions {
  /** The document to apply the stored state to (default: a new garbage-collecting Y.Doc). */
  into?: Y.Doc
  /** Transaction origin of the applied updates (lets update listeners tell loads apart). */
  origin?: unknown
}

function applyLogged(doc: Y.Doc, update: Uint8Array, name: string, seq: number | null): void {
  try {
    Y.applyUpdate(doc, update)
  } catch (error) {
    log.error('skipping unreadable stored update', { doc: name, seq, error })
  }
}

/** Applies a stored snapshot and log to `doc` in one transaction. */
export function applyStoredDoc(doc: Y.Doc, name: string, stored: StoredDoc, origin: unknown = null): void {
  doc.transact(() => {
    if (stored.snapshot) applyLogged(doc, stored.snapshot.data, name, stored.snapshot.throughSeq)
    for (const update of stored.updates) applyLogged(doc, update.data, name, update.seq)
  }, origin)
}

/** Reads document `name` from the store and rebuilds it. */
export async function loadDoc(store: DocStore, name: string, options: LoadOptions = {}): Promise<LoadedDoc> {
  const stored = await store.loadDoc(name)
  const doc = options.into ?? new Y.Doc({ gc: true })
  applyStoredDoc(doc, name, stored, options.origin ?? null)
  return {
    doc,
    throughSeq: Math.max(stored.snapshot?.throughSeq ?? 0, stored.updates.at(-1)?.seq ?? 0),
    logLength: stored.updates.length,
  }
}

/** Merges a stored snapshot and log into one update (what compaction stores as the new snapshot). */
export function mergeStored(snapshot: Uint8Array | null, updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc({ gc: true })
  try {
    doc.transact(() => {
      for (const update of snapshot ? [snapshot, ...updates] : updates)
        applyLogged(doc, update, 'compaction', null)
    })
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
