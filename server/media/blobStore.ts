/**
 * The blob store port: content-addressed bytes (the key is the sha-256 of the bytes, lowercase hex). Media
 * uploads land here after their type, size and (for images) re-encoding are settled. Implementations: a
 * directory under DATA_DIR (the embedded default) and chunked rows in the SQL database (SQLite or PostgreSQL,
 * for several instances). One contract suite (`test/integration/blobStoreContract.ts`) runs against each.
 */
import type { Readable } from 'node:stream'

export interface BlobRange {
  /** First byte, inclusive. */
  start: number
  /** Last byte, inclusive (HTTP Range semantics). */
  end: number
}

export interface BlobStore {
  /**
   * Stores the complete file at `path` (already hashed by the caller: `hash` is its sha-256) and resolves once
   * the bytes are durable. Atomic: until it resolves no reader sees the blob, and a crash part way leaves
   * nothing visible. Storing a hash that is already present is a no-op. The caller owns `path` afterwards
   * (it may delete it).
   */
  putFile(hash: string, path: string): Promise<void>
  /** The stored size in bytes, or null when the blob is absent. */
  size(hash: string): Promise<number | null>
  /** Streams the blob (or `range` of it); null when absent. The range must lie inside the blob. */
  read(hash: string, range?: BlobRange): Promise<Readable | null>
  /** Removes the blob if present (garbage collection only). */
  delete(hash: string): Promise<void>
  /** Every stored hash (garbage collection). */
  list(): AsyncIterable<string>
  close(): Promise<void>
}
