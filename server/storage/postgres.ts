/**
 * The PostgreSQL store (`DATABASE_URL=postgres://…`), for several server instances sharing one database:
 * a pool running the SQL catalogue, one await per statement, transactions on a pooled client, and the shared
 * migrations with a version table. A committed transaction is durable (synchronous_commit stays on).
 */
import pg from 'pg'
import { storeOver } from './catalogue/index'
import { MIGRATIONS, migrationSql } from './schema'
import { type BatchInsert, type Db, driveAsync, type Op, type Query, start } from './sql'
import type { Store } from './store'

/** Serialises migrations across instances (an advisory lock key of our own). */
const MIGRATION_LOCK = 7231001
const INT8_OID = 20
const BYTEA_OID = 17

// 64-bit integers (sequence numbers, counts) come back as JS numbers; byte arrays as Uint8Arrays of their
// own (not slices of pg's shared buffer pool). Per pool, so other pg users in the process are unaffected.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID) return (value: string) => Number(value)
    if (oid === BYTEA_OID) {
      const parse = pg.types.getTypeParser(BYTEA_OID, 'text')
      return (value: string) => new Uint8Array(parse(value) as Buffer)
    }
    return pg.types.getTypeParser(oid, format ?? 'text')
  }) as pg.CustomTypesConfig['getTypeParser'],
}

type Queryable = pg.Pool | pg.PoolClient

function batchText(insert: BatchInsert, rows: number): string {
  let n = 0
  const tuple = () => `(${insert.columns.map(() => `$${++n}`).join(', ')})`
  const values = Array.from({ length: rows }, tuple).join(', ')
  return `INSERT INTO ${insert.table} (${insert.columns.join(', ')}) VALUES ${values} RETURNING ${insert.returning}`
}

async function execute(client: Queryable, op: Op): Promise<unknown> {
  switch (op.kind) {
    case 'all':
      return (await client.query(op.statement.postgres, op.params as unknown[])).rows
    case 'get':
      return (await client.query(op.statement.postgres, op.params as unknown[])).rows[0]
    case 'run':
      return (await client.query(op.statement.postgres, op.params as unknown[])).rowCount ?? 0
    case 'insertAll': {
      // One multi-row statement: atomic on its own, and seqs come back in VALUES order.
      const result = await client.query(batchText(op.insert, op.rows.length), op.rows.flat())
      return result.rows.map((row) => row[op.insert.returning] as number)
    }
    case 'lock':
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [op.key])
      return undefined
  }
}

async function transaction<T>(pool: pg.Pool, begin: string, work: (client: pg.PoolClient) => Promise<T>) {
  const client = await pool.connect()
  try {
    await client.query(begin)
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/** Runs the migrations not yet applied, serialised across instances by an advisory lock. */
async function migrate(pool: pg.Pool): Promise<void> {
  await transaction(pool, 'BEGIN', async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
    )
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    )
    for (const [index, migration] of MIGRATIONS.entries()) {
      if (done.has(index + 1)) continue
      await client.query(migrationSql(migration, 'postgres'))
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
        index + 1,
        new Date().toISOString(),
      ])
    }
  })
}

export async function openPostgresDb(
  connectionString: string,
  options: { schema?: string } = {},
): Promise<Db> {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    types,
    // Tests isolate themselves in a schema of their own.
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  })
  await migrate(pool)
  const inTransaction =
    (begin: string) =>
    <T>(query: Query<T> | (() => Query<T>)) =>
      transaction(pool, begin, (client) => driveAsync(start(query), (op) => execute(client, op)))

  return {
    dialect: 'postgres',
    run: (query) => driveAsync(start(query), (op) => execute(pool, op)),
    // One snapshot for every read (a compaction in between could otherwise hide updates).
    read: inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'),
    write: inTransaction('BEGIN'),
    async reclaim() {
      // Autovacuum returns the space.
    },
    async close() {
      await pool.end()
    },
  }
}

export async function openPostgresStore(
  connectionString: string,
  options: { schema?: string } = {},
): Promise<Store> {
  return storeOver(await openPostgresDb(connectionString, options))
}
