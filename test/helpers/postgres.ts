/**
 * PostgreSQL for tests: TEST_DATABASE_URL (default: the local server, database `test`), each test in a
 * schema of its own that is dropped afterwards. Fails with what to do when no server answers.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const created: string[] = []

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
  } catch (error) {
    throw new Error(
      `PostgreSQL is needed for these tests and none answered at ${TEST_DATABASE_URL} (${(error as Error).message}). ` +
        'Start it (e.g. `service postgresql start`, or `apt-get install -y postgresql`) or set TEST_DATABASE_URL.',
    )
  }
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** A new, empty schema; pass it to openPostgresStore(TEST_DATABASE_URL, { schema }). */
export async function freshSchema(): Promise<string> {
  const schema = `t_${randomBytes(6).toString('hex')}`
  await admin((client) => client.query(`CREATE SCHEMA ${schema}`))
  created.push(schema)
  return schema
}

export async function dropSchemas(): Promise<void> {
  const schemas = created.splice(0)
  if (schemas.length === 0) return
  await admin(async (client) => {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  })
}
