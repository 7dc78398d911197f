/** Rebuilds a document straight from a server's SQLite file, the way a restarted server would. */
import { join } from 'node:path'
import * as Y from 'yjs'
import { openSqliteStore } from '../../server/storage/sqlite'

export async function storedDoc(dataDir: string, docName: string): Promise<Y.Doc> {
  const store = openSqliteStore(join(dataDir, 'yardstick.sqlite'))
  try {
    const stored = await store.loadDoc(docName)
    const doc = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.data)
    for (const update of stored.updates) Y.applyUpdate(doc, update.data)
    return doc
  } finally {
    await store.close()
  }
}
