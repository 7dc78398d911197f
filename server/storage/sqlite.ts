/**
 * The embedded default store: one SQLite file (better-sqlite3, WAL) under DATA_DIR, running the SQL
 * catalogue. Queries run synchronously from start to end — a transaction is one better-sqlite3 call, so no
 * other request can interleave with it on the single connection — and `synchronous = FULL` makes a resolved
 * `appendUpdates` survive a crash or power loss.
 * (Moving the log's commits to a worker thread was measured and reverted: see test/bench/RESULTS.md.)
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { storeOver } from './catalogue/index'
import { type BatchInsert, type Db, driveSync, type Op, type Query, start } from './sql'
import { migrate } from './sqliteMigrations'
import type { Store } from './store'

/** Fewest free pages worth an incremental_vacuum after a compaction (and at least a quarter of the file). */
const VACUUM_MIN_PAGES = 16

export function openSqliteStore(file: string): Store {
  return storeOver(openSqliteDb(file))
}

export function openSqliteDb(file: string): Db {
  mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  // Pages freed by compaction go back to the file system (takes effect on a new database; see reclaim).
  db.pragma('auto_vacuum = INCREMENTAL')
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
  migrate(db)

  const statements = new Map<string, Database.Statement<unknown[]>>()
  const prepared = (text: string) => {
    let statement = statements.get(text)
    if (!statement) {
      statement = db.prepare<unknown[]>(text)
      statements.set(text, statement)
    }
    return statement
  }
  const batchText = (insert: BatchInsert) =>
    `INSERT INTO ${insert.table} (${insert.columns.join(', ')}) VALUES (${insert.columns.map(() => '?').join(', ')})`
  const batches = new WeakMap<BatchInsert, Database.Statement<unknown[]>>()
  const insertRows = db.transaction(
    (statement: Database.Statement<unknown[]>, rows: readonly (readonly unknown[])[]): number[] =>
      rows.map((row) => Number(statement.run(...row).lastInsertRowid)),
  )

  const execute = (op: Op): unknown => {
    switch (op.kind) {
      case 'all':
        return prepared(op.statement.sqlite).all(...op.params)
      case 'get':
        return prepared(op.statement.sqlite).get(...op.params)
      case 'run':
        return prepared(op.statement.sqlite).run(...op.params).changes
      case 'insertAll': {
        let statement = batches.get(op.insert)
        if (!statement) {
          statement = db.prepare<unknown[]>(batchText(op.insert))
          batches.set(op.insert, statement)
        }
        return insertRows(statement, op.rows)
      }
      case 'lock':
        // One writer at a time already: write transactions begin IMMEDIATE.
        return undefined
    }
  }
  const inTransaction = db.transaction((query: Query<unknown>) => driveSync(query, execute))
  // Returns freed pages to the file system when they are a sizeable part of the file, not after every
  // compaction: each incremental_vacuum is one more synced commit on the event loop.
  const vacuumIfWorthIt = () => {
    const free = db.pragma('freelist_count', { simple: true }) as number
    const pages = db.pragma('page_count', { simple: true }) as number
    if (free >= VACUUM_MIN_PAGES && free * 4 >= pages) db.pragma('incremental_vacuum')
  }

  return {
    dialect: 'sqlite',
    run: async (query) => driveSync(start(query), execute),
    // Synchronous from first statement to last: nothing else runs on this connection in between.
    read: async (query) => driveSync(start(query), execute),
    write: async <T>(query: Query<T> | (() => Query<T>)) => inTransaction.immediate(start(query)) as T,
    async reclaim() {
      vacuumIfWorthIt()
    },
    async close() {
      // Return every page compaction freed, so the file at rest tracks the documents' real size.
      db.pragma('incremental_vacuum')
      db.close()
    },
  }
}
