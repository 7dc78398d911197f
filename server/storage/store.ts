/**
 * The storage interface every adapter implements (SQLite now, PostgreSQL next). One contract test suite
 * (`test/integration/storeContract.ts`) runs against each adapter.
 *
 * Documents are an append-only log of Yjs V1 updates plus at most one compacted snapshot per document;
 * a snapshot covers every update whose sequence number is at or below its `throughSeq`.
 */
import type { Project } from '../../shared/schema/project'

export interface StoredUpdate {
  seq: number
  data: Uint8Array
}

export interface StoredDoc {
  snapshot: { throughSeq: number; data: Uint8Array } | null
  /** Updates after the snapshot, in sequence order. */
  updates: StoredUpdate[]
}

export interface UpdateToAppend {
  doc: string
  data: Uint8Array
}

export interface DocStats {
  updateCount: number
  updateBytes: number
  snapshotBytes: number
}

export interface DocStore {
  /** Everything needed to rebuild the document (empty when it has never been written). */
  loadDoc(doc: string): Promise<StoredDoc>
  /** Appends updates (possibly for several documents) in one durable transaction; returns their seqs. */
  appendUpdates(updates: UpdateToAppend[]): Promise<number[]>
  /**
   * Replaces the snapshot with `data` (the state through `throughSeq`) and deletes the updates it covers,
   * atomically. Updates with a higher seq, including ones appended while the snapshot was built, are kept.
   */
  compactDoc(doc: string, data: Uint8Array, throughSeq: number): Promise<void>
  docStats(doc: string): Promise<DocStats>
}

export interface ProjectStore {
  listProjects(): Promise<Project[]>
  getProject(id: string): Promise<Project | null>
  createProject(project: { id: string; name: string }): Promise<Project>
  renameProject(id: string, name: string): Promise<Project | null>
  countProjects(): Promise<number>
}

export interface Store extends DocStore, ProjectStore {
  close(): Promise<void>
}
