/**
 * Runs the storage contract suite against the PostgreSQL store, each test in a fresh schema; plus what only
 * PostgreSQL has (TRUNCATE).
 */
import pg from 'pg'
import { afterAll, expect, it } from 'vitest'
import { openPostgresStore } from '../../server/storage/postgres'
import { dropSchemas, freshSchema, TEST_DATABASE_URL } from '../helpers/postgres'
import { mediaCatalogueSuite } from './mediaCatalogueContract'
import { storeContractSuite } from './storeContract'

afterAll(() => dropSchemas())

async function fresh() {
  const schema = await freshSchema()
  return {
    store: await openPostgresStore(TEST_DATABASE_URL, { schema }),
    reopen: () => openPostgresStore(TEST_DATABASE_URL, { schema }),
    async raw(sql: string) {
      const client = new pg.Client({
        connectionString: TEST_DATABASE_URL,
        options: `-c search_path=${schema}`,
      })
      await client.connect()
      try {
        await client.query(sql)
      } finally {
        await client.end()
      }
    },
  }
}

storeContractSuite('PostgreSQL', { fresh })
mediaCatalogueSuite('PostgreSQL', { fresh })

it('refuses to TRUNCATE the audit log', async () => {
  const { store, raw } = await fresh()
  await store.appendAudit({ projectId: 'p', actorId: null, action: 'kept', details: {} })
  await expect(raw('TRUNCATE audit_log')).rejects.toThrow(/append-only/)
  expect((await store.listAudit('p', 10)).map((e) => e.action)).toEqual(['kept'])
  await store.close()
})

it('refuses to TRUNCATE the gold edit log', async () => {
  const { store, raw } = await fresh()
  const edit = {
    projectId: 'p',
    exampleId: 'e',
    userId: 'u',
    at: 1000,
    changes: [{ slot: 'c', from: null, to: [1] }],
  }
  await store.recordGoldEdits([edit])
  await expect(raw('TRUNCATE gold_edits')).rejects.toThrow(/append-only/)
  expect(await store.listGoldEdits('p', { limit: 10 })).toHaveLength(1)
  await store.close()
})
