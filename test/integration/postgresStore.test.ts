/** Runs the storage contract suite against the PostgreSQL adapter, each test in a fresh schema. */
import pg from 'pg'
import { afterAll } from 'vitest'
import { openPostgresStore } from '../../server/storage/postgres'
import { dropSchemas, freshSchema, TEST_DATABASE_URL } from '../helpers/postgres'
import { storeContractSuite } from './storeContract'

afterAll(() => dropSchemas())

storeContractSuite('PostgreSQL', {
  async fresh() {
    const schema = await freshSchema()
    return {
      store: await openPostgresStore(TEST_DATABASE_URL, { schema }),
      reopen: () => openPostgresStore(TEST_DATABASE_URL, { schema }),
      async raw(sql) {
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
  },
})
