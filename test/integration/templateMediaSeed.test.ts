/**
 * Seeding a template's images into a real file-system blob store and SQLite catalogue: the bundled images are
 * stored under their hash and catalogued for the project (seeding twice is harmless); a template that names
 * an image it does not bundle is refused before anything is stored, and no temporary file is left behind;
 * a blob that cannot be stored gets no catalogue row.
 */
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openFsBlobStore } from '../../server/media/fsBlobStore'
import { seedTemplateMedia, templateMedia } from '../../server/seed/templateMedia'
import { openSqliteStore } from '../../server/storage/sqlite'
import { templateById } from '../../shared/templates/index'
import type { TemplateJson } from '../../shared/templates/templateSchema'
import { removeTempDirs, tempDataDir } from '../helpers/server'

afterAll(() => removeTempDirs())

function setup() {
  const dir = tempDataDir()
  const store = openSqliteStore(join(dir, 'yardstick.db'))
  const blobs = openFsBlobStore(dir)
  const uploadDir = join(dir, 'uploads')
  return { dir, store, blobs, uploadDir }
}

describe('seeding template media', () => {
  it('stores and catalogues every image of the image-generation template, idempotently', async () => {
    const deps = setup()
    const project = await deps.store.createProject({ id: 'p1', name: 'Images' })
    const template = templateById('image-generation')!
    await seedTemplateMedia(deps, project.id, 'u1', template)
    await seedTemplateMedia(deps, project.id, 'u1', template)
    const hashes = template.examples.flatMap((e) => (e.content.kind === 'media' ? e.content.media : []))
    expect(hashes).toHaveLength(3)
    for (const { hash } of hashes) {
      expect(await deps.blobs.size(hash)).toBeGreaterThan(1000)
      expect(await deps.store.getMedia(project.id, hash)).toMatchObject({ kind: 'image', mime: 'image/png' })
    }
    expect(readdirSync(deps.uploadDir)).toEqual([])
    await deps.blobs.close()
    await deps.store.close()
  })

  it('refuses a template naming an image it does not bundle, storing nothing', async () => {
    const deps = setup()
    const project = await deps.store.createProject({ id: 'p2', name: 'Broken' })
    const template = structuredClone(templateById('image-generation')!) as TemplateJson
    // The last example's image: the ones before it must not be stored either.
    const last = template.examples.at(-1)!.content
    if (last.kind !== 'media') throw new Error('expected a media example')
    last.media = [{ ...last.media[0]!, hash: 'f'.repeat(64) }]
    await expect(seedTemplateMedia(deps, project.id, 'u1', template)).rejects.toThrow(/does not bundle/)
    const stored: string[] = []
    for await (const hash of deps.blobs.list()) stored.push(hash)
    expect(stored).toEqual([])
    await deps.blobs.close()
    await deps.store.close()
  })

  it('writes no catalogue row when the blob cannot be stored (the row only ever follows durable bytes)', async () => {
    const deps = setup()
    // The blob directory's place is taken by a file: every put fails, as on a full or read-only disk.
    writeFileSync(join(deps.dir, 'blobs'), 'not a directory')
    const project = await deps.store.createProject({ id: 'p3', name: 'No disk' })
    const template = templateById('image-generation')!
    await expect(seedTemplateMedia(deps, project.id, 'u1', template)).rejects.toThrow()
    for (const { hash } of templateMedia(template).values())
      expect(await deps.store.getMedia(project.id, hash)).toBeNull()
    expect(readdirSync(deps.uploadDir)).toEqual([])
    await deps.blobs.close()
    await deps.store.close()
  })
})
