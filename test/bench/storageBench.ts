/**
 * Storage micro-bench (`npx tsx test/bench/storageBench.ts [--quick] [--where memory|file]`): the SQLite hot path before the SQL
 * catalogue (storageBaseline.ts) and after it (openSqliteStore), in the same process, in alternating rounds,
 * on a real file (WAL, synchronous = FULL: every append is a synced commit) and in memory (no disk, so only
 * the code path's own cost shows). Prints a table and writes JSON under bench-results/. It measures; it
 * never passes or fails on time.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { openSqliteStore } from '../../server/storage/sqlite'
import type { DocStore } from '../../server/storage/store'
import { describeMachine, machineInfo } from './machine'
import { ROOT, removeTempDirs, tempDir } from './servers'
import { median } from './stats'
import { openBaselineHotPath } from './storageBaseline'
import { fmt, renderText, type Section } from './table'

type HotPath = Pick<DocStore, 'appendUpdates' | 'loadDoc'> & { close(): unknown }
type Where = 'file' | 'memory'
interface Workload {
  name: string
  where: Where
  /** Operations per round. */
  ops: number
  prepare?(store: HotPath, file: string): Promise<void>
  op(store: HotPath, i: number): Promise<unknown>
}

const quick = process.argv.includes('--quick')
/** `--where memory` or `--where file` runs only those workloads. */
const whereArg = process.argv.indexOf('--where')
const onlyWhere = whereArg >= 0 ? process.argv[whereArg + 1] : undefined
const ROUNDS = quick ? 3 : 9

/** A keystroke-sized Yjs update (one character typed into a Y.Text). */
function keystrokes(count: number): Uint8Array[] {
  const doc = new Y.Doc()
  const out: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => out.push(u))
  for (let i = 0; i < count; i++) doc.getText('t').insert(i, String.fromCharCode(97 + (i % 26)))
  return out
}
const KEYS = keystrokes(2000)
const key = (i: number) => KEYS[i % KEYS.length]!

/** A document of a 2,000-keystroke snapshot plus `tail` updates in the log, written over a connection of its own. */
function seedDoc(file: string, tail: number): void {
  const db = new Database(file)
  db.prepare('INSERT INTO doc_snapshots (doc, through_seq, data) VALUES (?, 0, ?)').run(
    'loaded',
    Y.mergeUpdates(KEYS),
  )
  const insert = db.prepare('INSERT INTO doc_updates (doc, data) VALUES (?, ?)')
  db.transaction(() => {
    for (let i = 0; i < tail; i++) insert.run('loaded', key(i))
  })()
  db.close()
}

function workloads(): Workload[] {
  const n = (full: number, small: number) => (quick ? small : full)
  return [
    {
      name: 'appendUpdates, 1 update',
      where: 'file',
      ops: n(300, 50),
      op: (s, i) => s.appendUpdates([{ doc: 'd', data: key(i) }]),
    },
    {
      name: 'appendUpdates, 1 update',
      where: 'memory',
      ops: n(20_000, 2_000),
      op: (s, i) => s.appendUpdates([{ doc: 'd', data: key(i) }]),
    },
    {
      name: 'appendUpdates, 10 updates (2 docs)',
      where: 'memory',
      ops: n(5_000, 500),
      op: (s, i) =>
        s.appendUpdates(Array.from({ length: 10 }, (_, j) => ({ doc: j % 2 ? 'a' : 'b', data: key(i + j) }))),
    },
    {
      name: 'loadDoc, 0 snapshot + 1 update',
      where: 'memory',
      ops: n(20_000, 2_000),
      prepare: (s) => s.appendUpdates([{ doc: 'small', data: key(0) }]).then(() => undefined),
      op: (s) => s.loadDoc('small'),
    },
    {
      name: 'loadDoc, snapshot + 200 updates',
      where: 'file',
      ops: n(2_000, 200),
      prepare: async (_, file) => seedDoc(file, 200),
      op: (s) => s.loadDoc('loaded'),
    },
  ]
}

const openers = {
  before: (file: string): HotPath => openBaselineHotPath(file),
  after: (file: string): HotPath => openSqliteStore(file),
}
type Side = keyof typeof openers

async function measure(w: Workload): Promise<Record<Side, number[]>> {
  const dir = tempDir('storage-bench-')
  const stores = {} as Record<Side, HotPath>
  for (const side of Object.keys(openers) as Side[]) {
    const file = w.where === 'memory' ? ':memory:' : join(dir, `${side}.sqlite`)
    stores[side] = openers[side](file)
    await w.prepare?.(stores[side], file)
  }
  const perOpMicros: Record<Side, number[]> = { before: [], after: [] }
  // One warm-up round each, then alternating rounds (which side goes first alternates too).
  for (let round = -1; round < ROUNDS; round++) {
    const order: Side[] = round % 2 === 0 ? ['before', 'after'] : ['after', 'before']
    for (const side of order) {
      const started = process.hrtime.bigint()
      for (let i = 0; i < w.ops; i++) await w.op(stores[side], i)
      const micros = Number(process.hrtime.bigint() - started) / 1000 / w.ops
      if (round >= 0) perOpMicros[side].push(micros)
    }
  }
  for (const store of Object.values(stores)) await store.close()
  return perOpMicros
}

async function main(): Promise<void> {
  const machine = machineInfo()
  const results = []
  for (const w of workloads().filter((x) => !onlyWhere || x.where === onlyWhere)) {
    const perOp = await measure(w)
    const before = median(perOp.before)
    const after = median(perOp.after)
    results.push({ workload: w.name, where: w.where, ops: w.ops, rounds: ROUNDS, before, after, perOp })
    process.stderr.write(
      `${w.name} (${w.where}): before ${before.toFixed(2)} µs, after ${after.toFixed(2)} µs\n`,
    )
  }
  const section: Section = {
    title: 'Storage hot path (SQLite): before and after the SQL catalogue',
    setup: `Median over ${ROUNDS} alternating rounds of the mean time per call, same process, ${describeMachine(machine)}.`,
    header: ['workload', 'where', 'calls/round', 'before µs', 'after µs', 'after/before'],
    rows: results.map((r) => [
      r.workload,
      r.where,
      fmt.int(r.ops),
      r.before.toFixed(2),
      r.after.toFixed(2),
      fmt.ratio(r.after / r.before),
    ]),
    targets: [],
    notes: [
      '"file": WAL with synchronous = FULL, so each append is a synced commit; "memory": no disk, the code path alone.',
      'Before = the adapter at 6c603fd, frozen in test/bench/storageBaseline.ts.',
    ],
  }
  process.stdout.write(`\n${renderText(section)}`)
  const outDir = resolve(ROOT, 'bench-results')
  mkdirSync(outDir, { recursive: true })
  const out = join(outDir, `storage-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(out, `${JSON.stringify({ machine, quick, results }, null, 2)}\n`)
  process.stdout.write(`\nwrote ${out}\n`)
}

main()
  .catch((error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`)
    process.exitCode = 1
  })
  .finally(() => removeTempDirs())
