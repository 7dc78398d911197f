/**
 * Media garbage collection: deletes the blobs (and their catalogue rows) that no live draft and no
 * published version references and that nobody uploaded within the grace period. A blob a published
 * version references is never deleted: versions are immutable, media included.
 *
 * Races, and why the grace period covers them: a blob uploaded after a run's reference scan began is not in
 * that scan's drafts, but its catalogue row is younger than the grace period, so the run keeps it (rows are
 * deleted only when older than the cut, in the same transaction that counts what remains). Before its row
 * is recorded a just-stored blob has no row at all; a blob without rows is deleted only after this process
 * has seen it without rows for a whole grace period. An upload of bytes that are already stored refreshes
 * the row's time, which rescues an old orphan too. What remains is a window of one statement: an identical
 * re-upload recorded between a run's last row check and its blob delete. A media node deleted from a draft
 * and restored later by undo is covered while this process runs: a blob stays for a grace period after a
 * scan last saw it referenced.
 */
import * as Y from 'yjs'
import { collectMediaHashes, mediaHashesInDraft } from '../../shared/media/mediaRefs'
import { draftDocName } from '../../shared/protocol/docNames'
import { log } from '../log'
import type { Store } from '../storage/store'
import { loadDoc } from '../sync/storedDoc'
import type { BlobStore } from './blobStore'

export interface MediaGcDeps {
  store: Store
  blobs: BlobStore
  graceMs: number
}

export interface MediaGcCounts {
  /** Blobs in the blob store when the run listed them. */
  blobs: number
  /** Kept because a draft or a published version references them (or did within the grace period). */
  referenced: number
  /** Kept because they were uploaded (or first seen without a catalogue row) within the grace period. */
  recent: number
  deleted: number
  /** Catalogue rows deleted with them. */
  rowsDeleted: number
}

export interface MediaGc {
  /** One collection; `now` may be moved forward by tests (times recorded by the store stay real). */
  run(now?: number): Promise<MediaGcCounts>
}

/** Every hash a published version references: its JSON, and its draft snapshot for good measure. */
function versionHashes(json: string, snapshot: Uint8Array): Set<string> {
  // A version whose JSON does not parse stops the run: nothing may be deleted on an incomplete picture.
  const hashes = collectMediaHashes(JSON.parse(json))
  const doc = new Y.Doc({ gc: true })
  try {
    Y.applyUpdate(doc, snapshot)
    for (const hash of mediaHashesInDraft(doc)) hashes.add(hash)
  } finally {
    doc.destroy()
  }
  return hashes
}

export function createMediaGc({ store, blobs, graceMs }: MediaGcDeps): MediaGc {
  /** Versions are immutable: each one's hashes are read once per process. */
  const versionCache = new Map<string, Set<string>>()
  /** When a scan last saw each hash referenced. */
  const lastReferenced = new Map<string, number>()
  /** When this process first saw each blob that has no catalogue row. */
  const rowlessSince = new Map<string, number>()

  async function referencedHashes(now: number): Promise<Set<string>> {
    const referenced = new Set<string>()
    for (const project of await store.listProjects()) {
      const { doc } = await loadDoc(store, draftDocName(project.id))
      for (const hash of mediaHashesInDraft(doc)) referenced.add(hash)
      doc.destroy()
      for (const { version } of await store.listVersions(project.id)) {
        const key = `${project.id}\u0000${version}`
        let hashes = versionCache.get(key)
        if (!hashes) {
          const stored = await store.getVersion(project.id, version)
          if (!stored) throw new Error(`version ${version} of ${project.id} vanished during the scan`)
          hashes = versionHashes(stored.json, stored.snapshot)
          versionCache.set(key, hashes)
        }
        for (const hash of hashes) referenced.add(hash)
      }
    }
    for (const hash of referenced) lastReferenced.set(hash, now)
    return referenced
  }

  return {
    async run(now = Date.now()) {
      const counts: MediaGcCounts = { blobs: 0, referenced: 0, recent: 0, deleted: 0, rowsDeleted: 0 }
      const cut = new Date(now - graceMs).toISOString()
      // References first: anything uploaded from here on has a catalogue row younger than the cut.
      const referenced = await referencedHashes(now)
      const recent = new Set(await store.mediaHashesUploadedSince(cut))
      const listed = new Set<string>()
      for await (const hash of blobs.list()) {
        listed.add(hash)
        counts.blobs++
        if (referenced.has(hash) || now - (lastReferenced.get(hash) ?? -Infinity) < graceMs) {
          counts.referenced++
          continue
        }
        if (recent.has(hash)) {
          counts.recent++
          continue
        }
        const rows = await store.deleteMediaRows(hash, cut)
        counts.rowsDeleted += rows.deleted
        if (rows.remaining > 0) {
          counts.recent++
          continue
        }
        if (rows.deleted === 0) {
          // No row: a put whose row is not recorded yet, or a row lost to a crash. Aged by this process's eyes.
          const since = rowlessSince.get(hash) ?? now
          rowlessSince.set(hash, since)
          if (now - since < graceMs) {
            counts.recent++
            continue
          }
        }
        await blobs.delete(hash)
        rowlessSince.delete(hash)
        counts.deleted++
      }
      for (const hash of rowlessSince.keys()) if (!listed.has(hash)) rowlessSince.delete(hash)
      for (const [hash, at] of lastReferenced) if (now - at >= graceMs) lastReferenced.delete(hash)
      return counts
    },
  }
}

/** Runs collection every `intervalMs` (never two at once); `stop()` waits for a run in progress. */
export function scheduleMediaGc(gc: MediaGc, intervalMs: number): { stop(): Promise<void> } {
  let running: Promise<void> | null = null
  const tick = () => {
    if (running) return
    const started = Date.now()
    running = gc
      .run()
      .then(
        (counts) => log.info('media garbage collection', { ...counts, ms: Date.now() - started }),
        (error) => log.error('media garbage collection failed; nothing more deleted this run', { error }),
      )
      .finally(() => {
        running = null
      })
  }
  const timer = intervalMs > 0 ? setInterval(tick, intervalMs) : null
  timer?.unref()
  return {
    async stop() {
      if (timer) clearInterval(timer)
      await running
    },
  }
}
