/**
 * Media garbage collection over a real store and blob store (files + SQLite, and chunk rows in PostgreSQL):
 * orphans past the grace period go, fresh orphans stay, blobs a draft references stay, and blobs a published
 * version references stay even once no draft does. Catalogue rows are aged with raw SQL; the collector's
 * own clock is moved forward where only its memory of earlier runs is at stake.
 */
import { createHash, randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { BlobStore } from '../../server/media/blobStore'
import { openFsBlobStore } from '../../server/media/fsBlobStore'
import { createMediaGc } from '../../server/media/mediaGc'
import { openSqlBlobStore } from '../../server/media/sqlBlobStore'
import { storeOver } from '../../server/storage/catalogue/index'
import { openPostgresDb } from '../../server/storage/postgres'
import { openSqliteDb } from '../../server/storage/sqlite'
import type { Store } from '../../server/storage/store'
import { draftDocName } from '../../shared/protocol/docNames'
import type { MediaRef } from '../../shared/schema/media'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { dropSchemas, freshSchema, TEST_DATABASE_URL } from '../helpers/postgres'
import { removeTempDirs, tempDataDir } from '../helpers/server'

afterAll(async () => {
  await dropSchemas()
  removeTempDirs()
})

const HOUR = 60 * 60 * 1000
const GRACE = 24 * HOUR
const LONG_AGO = '2020-01-01T00:00:00.000Z'

interface Setup {
  store: Store
  blobs: BlobStore
  /** Runs SQL on the store's database from outside it. */
  raw(sql: string, params?: unknown[]): Promise<void>
  close(): Promise<void>
}

const setups: Record<string, () => Promise<Setup>> = {
  'files + SQLite': async () => {
    const dir = tempDataDir()
    const file = join(dir, 'yardstick.sqlite')
    const db = openSqliteDb(file)
    return {
      store: storeOver(db),
      blobs: openFsBlobStore(dir),
      async raw(sql, params = []) {
        const other = new Database(file)
        try {
          other.prepare(sql).run(...params)
        } finally {
          other.close()
        }
      },
      close: () => db.close(),
    }
  },
  'PostgreSQL chunks': async () => {
    const schema = await freshSchema()
    const db = await openPostgresDb(TEST_DATABASE_URL, { schema })
    return {
      store: storeOver(db),
      blobs: openSqlBlobStore(db),
      async raw(sql, params = []) {
        const client = new pg.Client({
          connectionString: TEST_DATABASE_URL,
          options: `-c search_path=${schema}`,
        })
        await client.connect()
        try {
          let n = 0
          await client.query(
            sql.replace(/\?/g, () => `$${++n}`),
            params,
          )
        } finally {
          await client.end()
        }
      },
      close: () => db.close(),
    }
  },
}

/** Stores random bytes as an uploaded image of project `p1` (blob first, then its catalogue row). */
async function upload(setup: Setup, options: { row?: boolean } = {}): Promise<MediaRef> {
  const data = randomBytes(2000)
  const hash = createHash('sha256').update(data).digest('hex')
  const path = join(tempDataDir(), 'upload.bin')
  writeFileSync(path, data)
  await setup.blobs.putFile(hash, path)
  const ref: MediaRef = { hash, kind: 'image', mime: 'image/png', alt: 'a picture', width: 10, height: 10 }
  if (options.row !== false)
    await setup.store.recordMediaUpload({
      projectId: 'p1',
      hash,
      kind: 'image',
      mime: 'image/png',
      bytes: data.length,
      width: 10,
      height: 10,
      name: 'picture.png',
      uploadedBy: 'u1',
    })
  return ref
}

/** Writes the draft of `p1` with an image node per ref in the guideline (replacing what was there). */
async function setDraftImages(store: Store, doc: Y.Doc, refs: MediaRef[]): Promise<void> {
  const before = Y.encodeStateVector(doc)
  const fragment = guidelineFragment(doc)
  doc.transact(() => {
    fragment.delete(0, fragment.length)
    fragment.insert(
      0,
      refs.map((ref) => {
        const node = new Y.XmlElement('image')
        for (const [key, value] of Object.entries(ref)) node.setAttribute(key, value as string)
        return node
      }),
    )
  })
  await store.appendUpdates([{ doc: draftDocName('p1'), data: Y.encodeStateAsUpdate(doc, before) }])
}

async function publishWith(store: Store, refs: MediaRef[]): Promise<void> {
  await store.publishVersion({
    projectId: 'p1',
    bump: 'major',
    changelog: 'with media',
    author: { id: 'u1', name: 'Lead' },
    // The snapshot holds no media: the version's JSON alone must keep its blobs.
    snapshot: Y.encodeStateAsUpdate(new Y.Doc()),
    counts: { criteria: 0, examples: 1, openThreads: 0 },
    render: (version) =>
      JSON.stringify({ version, examples: [{ id: 'e1', content: { kind: 'media', items: refs } }] }),
  })
}

const ageRows = (setup: Setup, hash: string) =>
  setup.raw('UPDATE media SET created_at = ? WHERE hash = ?', [LONG_AGO, hash])

async function present(setup: Setup, ref: MediaRef): Promise<boolean> {
  return (await setup.blobs.size(ref.hash)) !== null
}

describe.each(Object.keys(setups))('media garbage collection: %s', (name) => {
  it('deletes orphans past the grace period and keeps fresh, draft-referenced and version-referenced ones', async () => {
    const setup = await setups[name]!()
    const { store } = setup
    try {
      await store.createProject({ id: 'p1', name: 'P1' })
      const draft = new Y.Doc()
      const oldOrphan = await upload(setup)
      const freshOrphan = await upload(setup)
      const inDraft = await upload(setup)
      const inVersion = await upload(setup)
      await setDraftImages(store, draft, [inDraft, inVersion])
      await publishWith(store, [inVersion])
      for (const ref of [oldOrphan, inDraft, inVersion]) await ageRows(setup, ref.hash)

      const gc = createMediaGc({ store, blobs: setup.blobs, graceMs: GRACE })
      const first = await gc.run()
      expect(first).toMatchObject({ blobs: 4, referenced: 2, recent: 1, deleted: 1, rowsDeleted: 1 })
      expect(await present(setup, oldOrphan)).toBe(false)
      expect(await store.getMedia('p1', oldOrphan.hash)).toBeNull()
      for (const kept of [freshOrphan, inDraft, inVersion]) expect(await present(setup, kept)).toBe(true)

      // The draft drops the version's image; a day later (the collector's memory of it expired) it is
      // still kept, because the published version references it. The other orphan's grace is over too.
      await setDraftImages(store, draft, [inDraft])
      await ageRows(setup, freshOrphan.hash)
      const later = await gc.run(Date.now() + 2 * GRACE)
      expect(later).toMatchObject({ blobs: 3, referenced: 2, deleted: 1 })
      expect(await present(setup, inVersion)).toBe(true)
      expect(await store.getMedia('p1', inVersion.hash)).not.toBeNull()
      expect(await present(setup, inDraft)).toBe(true)
      expect(await present(setup, freshOrphan)).toBe(false)
    } finally {
      await setup.close()
    }
  }, 60_000)

  it('keeps a blob dropped from a draft for a grace period after it was last seen referenced', async () => {
    const setup = await setups[name]!()
    const { store } = setup
    try {
      await store.createProject({ id: 'p1', name: 'P1' })
      const draft = new Y.Doc()
      const image = await upload(setup)
      await ageRows(setup, image.hash)
      await setDraftImages(store, draft, [image])
      const gc = createMediaGc({ store, blobs: setup.blobs, graceMs: GRACE })
      expect(await gc.run()).toMatchObject({ referenced: 1, deleted: 0 })
      // Deleted from the draft (an undo could bring it back): kept for now, collected a grace period later.
      await setDraftImages(store, draft, [])
      expect(await gc.run(Date.now() + HOUR)).toMatchObject({ referenced: 1, deleted: 0 })
      expect(await present(setup, image)).toBe(true)
      expect(await gc.run(Date.now() + GRACE + HOUR)).toMatchObject({ deleted: 1 })
      expect(await present(setup, image)).toBe(false)
    } finally {
      await setup.close()
    }
  }, 60_000)

  it('ages a blob without a catalogue row (stored, row not yet recorded) from when it was first seen', async () => {
    const setup = await setups[name]!()
    const { store } = setup
    try {
      await store.createProject({ id: 'p1', name: 'P1' })
      const rowless = await upload(setup, { row: false })
      const gc = createMediaGc({ store, blobs: setup.blobs, graceMs: GRACE })
      expect(await gc.run()).toMatchObject({ recent: 1, deleted: 0 })
      expect(await gc.run(Date.now() + GRACE / 2)).toMatchObject({ recent: 1, deleted: 0 })
      expect(await present(setup, rowless)).toBe(true)
      expect(await gc.run(Date.now() + GRACE + HOUR)).toMatchObject({ deleted: 1 })
      expect(await present(setup, rowless)).toBe(false)
    } finally {
      await setup.close()
    }
  }, 60_000)

  it('deletes nothing when a published version cannot be read (no collection on an incomplete picture)', async () => {
    const setup = await setups[name]!()
    const { store } = setup
    try {
      await store.createProject({ id: 'p1', name: 'P1' })
      const orphan = await upload(setup)
      const inVersion = await upload(setup)
      await publishWith(store, [inVersion])
      for (const ref of [orphan, inVersion]) await ageRows(setup, ref.hash)
      await setup.raw('UPDATE versions SET json = \'{"examples": [\' WHERE project_id = ?', ['p1'])
      const gc = createMediaGc({ store, blobs: setup.blobs, graceMs: GRACE })
      await expect(gc.run()).rejects.toThrow(SyntaxError)
      for (const ref of [orphan, inVersion]) {
        expect(await present(setup, ref)).toBe(true)
        expect(await store.getMedia('p1', ref.hash)).not.toBeNull()
      }
    } finally {
      await setup.close()
    }
  }, 60_000)

  it('keeps an old orphan uploaded again (the repeat refreshes its row)', async () => {
    const setup = await setups[name]!()
    const { store } = setup
    try {
      await store.createProject({ id: 'p1', name: 'P1' })
      const image = await upload(setup)
      await ageRows(setup, image.hash)
      await store.recordMediaUpload({
        projectId: 'p1',
        hash: image.hash,
        kind: 'image',
        mime: 'image/png',
        bytes: 2000,
        width: 10,
        height: 10,
        name: 'again.png',
        uploadedBy: 'u2',
      })
      const gc = createMediaGc({ store, blobs: setup.blobs, graceMs: GRACE })
      expect(await gc.run()).toMatchObject({ recent: 1, deleted: 0 })
      expect(await present(setup, image)).toBe(true)
    } finally {
      await setup.close()
    }
  }, 60_000)
})
