/**
 * PostgreSQL plumbing for the adapter: a pool, queries written with `?` placeholders (the same SQL text as
 * the SQLite adapter) turned into `$1…$n`, transactions, and the shared migrations with a version table.
 */
import pg from 'pg'
import { MIGRATIONS, migrationSql } from '../schema'

// 64-bit integers (sequence numbers, counts) come back as JS numbers, not strings.
pg.types.setTypeParser(20, (value) => Number(value))

export type Queryable = pg.Pool | pg.PoolClient

function numbered(sql: string): string {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

export async function query<R extends pg.QueryResultRow = Record<string, unknown>>(
  db: Queryable,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  return (await db.query<R>(numbered(sql), params)).rows
}

export async function execute(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  return (await db.query(numbered(sql), params)).rowCount ?? 0
}

export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
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

/** Runs the migrations not yet applied, one transaction each, serialised across instances by an advisory lock. */
export async function migrate(pool: pg.Pool): Promise<void> {
  await transaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(7231001)')
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
    )
    const done = new Set(
      (await query<{ version: number }>(client, 'SELECT version FROM schema_migrations')).map(
        (r) => r.version,
      ),
    )
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (done.has(index + 1)) continue
      await client.query(migrationSql(sql, 'postgres'))
      await execute(client, 'INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [
        index + 1,
        new Date().toISOString(),
      ])
    }
  })
}
