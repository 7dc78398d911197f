/** Runs the storage contract suite against the PostgreSQL adapter, each test in a fresh schema. */
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
    }
  },
})
