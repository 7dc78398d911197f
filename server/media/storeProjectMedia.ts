/**
 * Keeps one file as a project's media, in the one order that is safe: the blob durable in the BlobStore
 * first, then the project's catalogue row, so a row never names bytes that are not stored. The upload route
 * and template seeding both come through here.
 */
import type { MediaKind } from '../../shared/schema/media'
import type { Store } from '../storage/store'
import type { BlobStore } from './blobStore'

export interface MediaFile {
  /** The complete file on disk (the caller deletes it afterwards). */
  path: string
  hash: string
  kind: MediaKind
  mime: string
  bytes: number
  width?: number
  height?: number
}

export async function storeProjectMedia(
  { store, blobs }: { store: Store; blobs: BlobStore },
  file: MediaFile,
  owner: { projectId: string; name: string; uploadedBy: string },
): Promise<void> {
  await blobs.putFile(file.hash, file.path)
  await store.recordMediaUpload({
    projectId: owner.projectId,
    hash: file.hash,
    kind: file.kind,
    mime: file.mime,
    bytes: file.bytes,
    width: file.width ?? null,
    height: file.height ?? null,
    name: owner.name,
    uploadedBy: owner.uploadedBy,
  })
}
