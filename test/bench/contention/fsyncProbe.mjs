// The fsync floor, measured beside the servers: one small durable commit every INTERVAL_MS — a SQLite insert
// (WAL, synchronous = FULL, in the directory given) or a PostgreSQL insert (synchronous_commit on) — and on
// request the percentiles of how long each took, ms. Plain JS so the bench forks it without tsx.
// Usage (forked with IPC): fsyncProbe.mjs sqlite <dir> | fsyncProbe.mjs postgres <url>
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'

const INTERVAL_MS = 20
const [mode, target] = process.argv.slice(2)
let samples = []
let stopped = false

async function open() {
  if (mode === 'sqlite') {
    const db = new Database(join(target, 'fsync-probe.sqlite'))
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.exec('CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, data BLOB NOT NULL)')
    const insert = db.prepare('INSERT INTO probe (data) VALUES (?)')
    const row = Buffer.alloc(100)
    return { commit: async () => insert.run(row), close: async () => db.close() }
  }
  if (mode === 'postgres') {
    const client = new pg.Client({ connectionString: target })
    await client.connect()
    const table = `bench_fsync_probe_${process.pid}`
    await client.query(`CREATE TABLE ${table} (id BIGSERIAL PRIMARY KEY, data BYTEA NOT NULL)`)
    const row = Buffer.alloc(100)
    return {
      commit: () => client.query(`INSERT INTO ${table} (data) VALUES ($1)`, [row]),
      close: async () => {
        await client.query(`DROP TABLE ${table}`)
        await client.end()
      },
    }
  }
  throw new Error(`fsyncProbe: unknown mode ${mode}`)
}

function summary() {
  const sorted = Float64Array.from(samples).sort()
  const at = (p) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : Number.NaN
  samples = []
  return {
    count: sorted.length,
    p50: at(50),
    p90: at(90),
    p99: at(99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
  }
}

const store = await open()
process.on('message', async (message) => {
  if (message.op === 'report') process.send({ id: message.id, result: summary() })
  if (message.op === 'stop') {
    stopped = true
    await store.close()
    process.send({ id: message.id, result: {} }, () => process.exit(0))
  }
})
process.on('disconnect', () => process.exit(0))
process.send({ started: true })
while (!stopped) {
  const started = performance.now()
  await store.commit()
  samples.push(performance.now() - started)
  await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS))
}
