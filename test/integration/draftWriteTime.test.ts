/**
 * A project's "updated" time follows edits of its draft, in both adapters: appending draft updates moves
 * `updated_at` (once it is a minute old), comment updates and other projects' rows do not move, and invite
 * notes are stored and read back.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openPostgresStore } from '../../server/storage/postgres'
import { openSqliteStore } from '../../server/storage/sqlite'
import type { Store } from '../../server/storage/store'
import { commentsDocName } from '../../shared/protocol/docNames'
import { dropSchemas, freshSchema, TEST_DATABASE_URL } from '../helpers/postgres'
import { removeTempDirs, tempDataDir } from '../helpers/server'

afterAll(async () => {
  await dropSchemas()
  removeTempDirs()
})

const LONG_AGO = '2020-01-01T00:00:00.000Z'

interface Opened {
  store: Store
  /** Sets a project's updated_at behind the store's back. */
  backdate(id: string): Promise<void>
  close(): Promise<void>
}

const adapters: Record<string, () => Promise<Opened>> = {
  SQLite: async () => {
    const file = join(tempDataDir(), 'store.sqlite')
    const store = openSqliteStore(file)
    const raw = new Database(file)
    return {
      store,
      backdate: async (id) => {
        raw.prepare('UPDATE projects SET updated_at = ? WHERE id = ?').run(LONG_AGO, id)
      },
      close: async () => {
        raw.close()
        await store.close()
      },
    }
  },
  PostgreSQL: async () => {
    const schema = await freshSchema()
    const store = await openPostgresStore(TEST_DATABASE_URL, { schema })
    const raw = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` })
    await raw.connect()
    return {
      store,
      backdate: async (id) => {
        await raw.query('UPDATE projects SET updated_at = $1 WHERE id = $2', [LONG_AGO, id])
      },
      close: async () => {
        await raw.end()
        await store.close()
      },
    }
  },
}

for (const [name, open] of Object.entries(adapters)) {
  describe(`draft writes and invite notes: ${name}`, () => {
    it('moves updated_at when the draft is written, not for comments or other projects', async () => {
      const { store, backdate, close } = await open()
      try {
        const edited = await store.createProject({ id: 'edited', name: 'Edited' })
        await store.createProject({ id: 'commented', name: 'Commented' })
        await store.createProject({ id: 'untouched', name: 'Untouched' })
        for (const id of ['edited', 'commented', 'untouched']) await backdate(id)
        const before = Date.now()
        const seqs = await store.appendUpdates([
          { doc: 'edited', data: new Uint8Array([0, 0]) },
          { doc: commentsDocName('commented'), data: new Uint8Array([0, 0]) },
          { doc: 'edited', data: new Uint8Array([0, 0]) },
        ])
        expect(seqs).toHaveLength(3)
        expect(seqs[0]! < seqs[1]! && seqs[1]! < seqs[2]!).toBe(true)
        const after = await store.getProject('edited')
        expect(Date.parse(after!.updatedAt)).toBeGreaterThanOrEqual(before - 1000)
        expect(after!.createdAt).toBe(edited.createdAt)
        expect((await store.getProject('commented'))!.updatedAt).toBe(LONG_AGO)
        expect((await store.getProject('untouched'))!.updatedAt).toBe(LONG_AGO)

        // Within the minute, further writes leave the time alone (no extra row writes while typing).
        const first = after!.updatedAt
        await store.appendUpdates([{ doc: 'edited', data: new Uint8Array([0, 0]) }])
        expect((await store.getProject('edited'))!.updatedAt).toBe(first)
      } finally {
        await close()
      }
    })

    it('stores who an invite is for', async () => {
      const { store, close } = await open()
      try {
        await store.createProject({ id: 'p', name: 'P' })
        const user = { id: 'u', email: 'u@example.com', name: 'U', color: '#2563eb', passwordHash: 'x' }
        await store.addSetupToken('setup')
        expect(await store.completeSetup('setup', user)).toBe(true)
        const expiresAt = new Date(Date.now() + 3600_000).toISOString()
        const base = { projectId: 'p', role: 'annotator' as const, createdBy: 'u', expiresAt }
        await store.createInvite({ ...base, id: 'i1', tokenHash: 'h1', note: 'ana@example.com' })
        await store.createInvite({ ...base, id: 'i2', tokenHash: 'h2' })
        const notes = Object.fromEntries((await store.listInvites('p')).map((i) => [i.id, i.note]))
        expect(notes).toEqual({ i1: 'ana@example.com', i2: '' })
      } finally {
        await close()
      }
    })
  })
}
