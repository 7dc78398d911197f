/** Runs the blob store contract against chunk rows in PostgreSQL, each test in a fresh schema. */
import { afterAll } from 'vitest'
import { dropSchemas, freshSchema, TEST_DATABASE_URL } from '../helpers/postgres'
import { removeTempDirs } from '../helpers/server'
import { blobStoreContractSuite } from './blobStoreContract'

afterAll(async () => {
  await dropSchemas()
  removeTempDirs()
})

blobStoreContractSuite('PostgreSQL chunks', async () => ({
  kind: 'postgres',
  url: TEST_DATABASE_URL,
  schema: await freshSchema(),
}))
