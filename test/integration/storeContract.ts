/**
 * The storage contract every Store adapter must pass (SQLite now; PostgreSQL next). Call
 * `storeContractSuite(name, open)` from an adapter's test file with a function that opens a fresh,
 * empty store — and reopens the same one when given the previous handle's location.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Store } from '../../server/storage/store'

export interface StoreFactory {
  /** A new, empty store. */
  fresh(): Promise<{ store: Store; reopen(): Promise<Store> }>
}

function updateSetting(key: string, value: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('m').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

async function rebuild(store: Store, name: string): Promise<Y.Doc> {
  const stored = await store.loadDoc(name)
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.data)
  for (const u of stored.updates) Y.applyUpdate(doc, u.data)
  return doc
}

export function storeContractSuite(adapter: string, factory: StoreFactory): void {
  describe(`Store contract: ${adapter}`, () => {
    it('loads an unknown document as empty', async () => {
      const { store } = await factory.fresh()
      expect(await store.loadDoc('nothing')).toEqual({ snapshot: null, updates: [] })
      expect(await store.docStats('nothing')).toEqual({ updateCount: 0, updateBytes: 0, snapshotBytes: 0 })
      await store.close()
    })

    it('appends updates in one batch across documents with increasing seqs', async () => {
      const { store } = await factory.fresh()
      const seqs = await store.appendUpdates([
        { doc: 'a', data: updateSetting('k', '1') },
        { doc: 'b', data: updateSetting('k', '2') },
        { doc: 'a', data: updateSetting('j', '3') },
      ])
      expect(seqs).toHaveLength(3)
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs)
      expect(new Set(seqs).size).toBe(3)
      const a = await store.loadDoc('a')
      expect(a.updates.map((u) => u.seq)).toEqual([seqs[0], seqs[2]])
      expect((await rebuild(store, 'a')).getMap('m').toJSON()).toEqual({ k: '1', j: '3' })
      expect((await rebuild(store, 'b')).getMap('m').toJSON()).toEqual({ k: '2' })
      expect(await store.appendUpdates([])).toEqual([])
      await store.close()
    })

    it('returns stored bytes unchanged', async () => {
      const { store } = await factory.fresh()
      const data = new Uint8Array(300).map((_, i) => (i * 31) % 256)
      await store.appendUpdates([{ doc: 'bytes', data }])
      const loaded = await store.loadDoc('bytes')
      expect(new Uint8Array(loaded.updates[0]!.data)).toEqual(data)
      await store.close()
    })

    it('compacts into a snapshot and keeps updates appended after it', async () => {
      const { store } = await factory.fresh()
      const [s1, s2] = await store.appendUpdates([
        { doc: 'd', data: updateSetting('a', '1') },
        { doc: 'd', data: updateSetting('b', '2') },
      ])
      const covered = await rebuild(store, 'd')
      // An update arrives after the snapshot was taken but before compaction is written.
      const [s3] = await store.appendUpdates([{ doc: 'd', data: updateSetting('c', '3') }])
      await store.compactDoc('d', Y.encodeStateAsUpdate(covered), s2!)
      const loaded = await store.loadDoc('d')
      expect(loaded.snapshot?.throughSeq).toBe(s2)
      expect(loaded.updates.map((u) => u.seq)).toEqual([s3])
      expect((await rebuild(store, 'd')).getMap('m').toJSON()).toEqual({ a: '1', b: '2', c: '3' })
      expect(s1).toBeLessThan(s2!)
      const stats = await store.docStats('d')
      expect(stats.updateCount).toBe(1)
      expect(stats.snapshotBytes).toBeGreaterThan(0)
      await store.close()
    })

    it('never replaces a snapshot with an older one', async () => {
      const { store } = await factory.fresh()
      const [s1] = await store.appendUpdates([{ doc: 'd', data: updateSetting('a', '1') }])
      const old = await rebuild(store, 'd')
      const [s2] = await store.appendUpdates([{ doc: 'd', data: updateSetting('b', '2') }])
      await store.compactDoc('d', Y.encodeStateAsUpdate(await rebuild(store, 'd')), s2!)
      await store.compactDoc('d', Y.encodeStateAsUpdate(old), s1!)
      expect((await store.loadDoc('d')).snapshot?.throughSeq).toBe(s2)
      expect((await rebuild(store, 'd')).getMap('m').toJSON()).toEqual({ a: '1', b: '2' })
      await store.close()
    })

    it('keeps documents separate when compacting', async () => {
      const { store } = await factory.fresh()
      await store.appendUpdates([{ doc: 'x', data: updateSetting('x', '1') }])
      const [sy] = await store.appendUpdates([{ doc: 'y', data: updateSetting('y', '1') }])
      await store.compactDoc('y', Y.encodeStateAsUpdate(await rebuild(store, 'y')), sy!)
      expect((await store.loadDoc('x')).updates).toHaveLength(1)
      await store.close()
    })

    it('creates, lists, renames and counts projects', async () => {
      const { store } = await factory.fresh()
      expect(await store.countProjects()).toBe(0)
      const p = await store.createProject({ id: 'p1', name: 'First' })
      expect(p).toMatchObject({ id: 'p1', name: 'First' })
      await store.createProject({ id: 'p2', name: 'Second' })
      expect(await store.countProjects()).toBe(2)
      expect((await store.listProjects()).map((x) => x.id).sort()).toEqual(['p1', 'p2'])
      const renamed = await store.renameProject('p1', 'Renamed')
      expect(renamed?.name).toBe('Renamed')
      expect(await store.getProject('p1')).toMatchObject({ name: 'Renamed' })
      expect(await store.renameProject('missing', 'x')).toBeNull()
      expect(await store.getProject('missing')).toBeNull()
      await expect(store.createProject({ id: 'p1', name: 'dup' })).rejects.toThrow()
      await store.close()
    })

    it('keeps everything across close and reopen', async () => {
      const { store, reopen } = await factory.fresh()
      await store.createProject({ id: 'keep', name: 'Kept' })
      await store.appendUpdates([{ doc: 'keep', data: updateSetting('k', 'v') }])
      await store.close()
      const again = await reopen()
      expect(await again.getProject('keep')).toMatchObject({ name: 'Kept' })
      expect((await rebuild(again, 'keep')).getMap('m').toJSON()).toEqual({ k: 'v' })
      await again.close()
    })
  })
}
