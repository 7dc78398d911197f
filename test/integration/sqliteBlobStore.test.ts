/** Runs the blob store contract against chunk rows in a SQLite file (BLOB_STORE=sql without DATABASE_URL). */
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { removeTempDirs, tempDataDir } from '../helpers/server'
import { blobStoreContractSuite } from './blobStoreContract'

afterAll(() => removeTempDirs())

blobStoreContractSuite('SQLite chunks', async () => ({
  kind: 'sqlite',
  file: join(tempDataDir(), 'yardstick.sqlite'),
}))
