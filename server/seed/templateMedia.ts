/**
 * Stores the images a project template's examples reference (bundled in templateMediaData.ts) into the blob
 * store and the new project's media catalogue, before its draft is written, so the draft never references
 * a blob that is not there. A template naming media it does not bundle, or bytes whose sha-256 is not their
 * name, is a programming error and throws.
 */
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { contentMedia } from '../../shared/rubric/contentFields'
import type { ExampleMedia } from '../../shared/schema/rubric'
import type { TemplateJson } from '../../shared/templates/templateSchema'
import type { BlobStore } from '../media/blobStore'
import { storeProjectMedia } from '../media/storeProjectMedia'
import type { Store } from '../storage/store'
import { TEMPLATE_MEDIA_BYTES } from './templateMediaData'

export interface TemplateMediaDeps {
  store: Store
  blobs: BlobStore
  /** A directory on the blob store's file system for the temporary copy. */
  uploadDir: string
}

/** Every distinct media item the template's examples reference, by hash. */
export function templateMedia(template: TemplateJson): Map<string, ExampleMedia> {
  const out = new Map<string, ExampleMedia>()
  for (const example of template.examples)
    for (const item of contentMedia(example.content)) if (!out.has(item.hash)) out.set(item.hash, item)
  return out
}

export async function seedTemplateMedia(
  { store, blobs, uploadDir }: TemplateMediaDeps,
  projectId: string,
  uploadedBy: string,
  template: TemplateJson,
): Promise<void> {
  // Every image is found and checked before any is stored.
  const media = [...templateMedia(template)].map(([hash, item]) => {
    const bundled = TEMPLATE_MEDIA_BYTES[hash]
    if (!bundled) throw new Error(`template ${template.id} references media ${hash} it does not bundle`)
    const bytes = Buffer.from(bundled.base64, 'base64')
    if (createHash('sha256').update(bytes).digest('hex') !== hash)
      throw new Error(`template media ${bundled.name} does not hash to ${hash}`)
    return { hash, item, bytes, name: bundled.name }
  })
  if (media.length === 0) return
  await mkdir(uploadDir, { recursive: true })
  for (const { hash, item, bytes, name } of media) {
    // Named like an upload's temp file, so a crash mid-seed is tidied at start-up (media/ingest.ts).
    const temp = join(uploadDir, `${randomUUID()}.part`)
    try {
      await writeFile(temp, bytes)
      const file = { path: temp, hash, kind: item.kind, mime: item.mime, bytes: bytes.length }
      await storeProjectMedia(
        { store, blobs },
        { ...file, width: item.width, height: item.height },
        {
          projectId,
          name,
          uploadedBy,
        },
      )
    } finally {
      await unlink(temp).catch(() => {})
    }
  }
}
