/** Runs the storage contract suite against the SQLite adapter on a real file in a temp directory. */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll } from 'vitest'
import { openSqliteStore } from '../../server/storage/sqlite'
import { removeTempDirs, tempDataDir } from '../helpers/server'
import { mediaCatalogueSuite } from './mediaCatalogueContract'
import { type StoreFactory, storeContractSuite } from './storeContract'

afterAll(() => removeTempDirs())

const factory: StoreFactory = {
  async fresh() {
    const file = join(tempDataDir(), 'store.sqlite')
    return {
      store: openSqliteStore(file),
      reopen: async () => openSqliteStore(file),
      async raw(sql) {
        const db = new Database(file)
        try {
          db.exec(sql)
        } finally {
          db.close()
        }
      },
    }
  },
}

storeContractSuite('SQLite', factory)
mediaCatalogueSuite('SQLite', factory)
