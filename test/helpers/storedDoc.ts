/** A document as a server's SQLite file holds it, rebuilt with the server's own loader (as a restart would). */
import { join } from 'node:path'
import type * as Y from 'yjs'
import { openSqliteStore } from '../../server/storage/sqlite'
import { loadDoc } from '../../server/sync/storedDoc'

export async function storedDoc(dataDir: string, docName: string): Promise<Y.Doc> {
  const store = openSqliteStore(join(dataDir, 'yardstick.sqlite'))
  try {
    return (await loadDoc(store, docName)).doc
  } finally {
    await store.close()
  }
}
