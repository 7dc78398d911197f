/**
 * The media catalogue part of the storage contract (both databases): idempotent upload records that refresh
 * their time, lookups, the "uploaded since" list and the guarded deletion garbage collection uses. Called
 * from sqliteStore.test.ts and postgresStore.test.ts with their `fresh()` factories.
 */
import { describe, expect, it } from 'vitest'
import type { NewMedia } from '../../server/storage/store'
import type { StoreFactory } from './storeContract'

const HASH_A = 'a'.repeat(64)
const HASH_B = 'b'.repeat(64)

const upload = (projectId: string, hash: string, extra: Partial<NewMedia> = {}): NewMedia => ({
  projectId,
  hash,
  kind: 'image',
  mime: 'image/png',
  bytes: 1234,
  width: 40,
  height: 30,
  name: 'shot.png',
  uploadedBy: 'u1',
  ...extra,
})

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

export function mediaCatalogueSuite(adapter: string, factory: StoreFactory): void {
  describe(`Media catalogue: ${adapter}`, () => {
    it('records an upload and reads it back; absent rows are null', async () => {
      const { store } = await factory.fresh()
      await store.createProject({ id: 'p1', name: 'P1' })
      const before = new Date().toISOString()
      const row = await store.recordMediaUpload(upload('p1', HASH_A))
      expect(row).toMatchObject({ ...upload('p1', HASH_A) })
      expect(row.createdAt >= before).toBe(true)
      expect(await store.getMedia('p1', HASH_A)).toEqual(row)
      expect(await store.getMedia('p1', HASH_B)).toBeNull()
      expect(await store.getMedia('p2', HASH_A)).toBeNull()
      const video = await store.recordMediaUpload(
        upload('p1', HASH_B, {
          kind: 'video',
          mime: 'video/webm',
          bytes: 600_000_000,
          width: null,
          height: null,
        }),
      )
      expect(video).toMatchObject({ kind: 'video', bytes: 600_000_000, width: null, height: null })
      await store.close()
    })

    it('is idempotent per project and hash: a repeat keeps the first details and refreshes the time', async () => {
      const { store } = await factory.fresh()
      await store.createProject({ id: 'p1', name: 'P1' })
      const first = await store.recordMediaUpload(upload('p1', HASH_A))
      await tick()
      const again = await store.recordMediaUpload(
        upload('p1', HASH_A, { name: 'renamed.png', uploadedBy: 'u2' }),
      )
      expect(again).toMatchObject({ name: 'shot.png', uploadedBy: 'u1' })
      expect(again.createdAt > first.createdAt).toBe(true)
      expect(await store.getMedia('p1', HASH_A)).toEqual(again)
      await store.close()
    })

    it('refuses a row for an unknown project or of an unknown kind', async () => {
      const { store } = await factory.fresh()
      await expect(store.recordMediaUpload(upload('nope', HASH_A))).rejects.toThrow()
      await store.createProject({ id: 'p1', name: 'P1' })
      const bad = upload('p1', HASH_A, { kind: 'text' as NewMedia['kind'] })
      await expect(store.recordMediaUpload(bad)).rejects.toThrow()
      expect(await store.getMedia('p1', HASH_A)).toBeNull()
      await store.close()
    })

    it('lists hashes uploaded since a time, each once across projects', async () => {
      const { store } = await factory.fresh()
      await store.createProject({ id: 'p1', name: 'P1' })
      await store.createProject({ id: 'p2', name: 'P2' })
      await store.recordMediaUpload(upload('p1', HASH_A))
      await tick()
      const cut = new Date().toISOString()
      await tick()
      await store.recordMediaUpload(upload('p1', HASH_B))
      await store.recordMediaUpload(upload('p2', HASH_B))
      expect(await store.mediaHashesUploadedSince(cut)).toEqual([HASH_B])
      expect((await store.mediaHashesUploadedSince('1970-01-01T00:00:00.000Z')).sort()).toEqual([
        HASH_A,
        HASH_B,
      ])
      await store.close()
    })

    it('deletes only the rows of a hash older than the cut, and says what remains', async () => {
      const { store } = await factory.fresh()
      await store.createProject({ id: 'p1', name: 'P1' })
      await store.createProject({ id: 'p2', name: 'P2' })
      await store.recordMediaUpload(upload('p1', HASH_A))
      await store.recordMediaUpload(upload('p1', HASH_B))
      await tick()
      const cut = new Date().toISOString()
      await tick()
      await store.recordMediaUpload(upload('p2', HASH_A))
      expect(await store.deleteMediaRows(HASH_A, cut)).toEqual({ deleted: 1, remaining: 1 })
      expect(await store.getMedia('p1', HASH_A)).toBeNull()
      expect(await store.getMedia('p2', HASH_A)).not.toBeNull()
      expect(await store.getMedia('p1', HASH_B)).not.toBeNull()
      expect(await store.deleteMediaRows(HASH_B, cut)).toEqual({ deleted: 1, remaining: 0 })
      expect(await store.deleteMediaRows(HASH_B, cut)).toEqual({ deleted: 0, remaining: 0 })
      await store.close()
    })
  })
}
