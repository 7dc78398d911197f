/**
 * The small database interface the SQL catalogue is written against. A query is a generator that `yield*`s
 * its statements (`all`, `get`, `run`, `insertAll`, `lock`); each driver runs it — SQLite synchronously
 * inside one better-sqlite3 call (no promise per statement, nothing can interleave), PostgreSQL with an
 * await per statement on a pooled client. Statements are declared once with `sql()`, whose dialect hooks
 * give each driver its text: `$n` placeholders and `FOR UPDATE` row locks for PostgreSQL.
 */
import type { Dialect } from './schema'

export interface Statement {
  readonly sqlite: string
  readonly postgres: string
}

export interface StatementOptions {
  /** PostgreSQL locks the selected rows until the transaction ends (SQLite's writer is alone anyway). */
  forUpdate?: boolean
  /** A different text per dialect, when one text cannot serve both (keep it rare). */
  postgres?: string
}

function numbered(text: string): string {
  let n = 0
  return text.replace(/\?/g, () => `$${++n}`)
}

/** Declares a statement once, written with `?` placeholders in the SQL both databases understand. */
export function sql(text: string, options: StatementOptions = {}): Statement {
  const postgres = options.postgres ?? (options.forUpdate ? `${text} FOR UPDATE` : text)
  return { sqlite: text, postgres: numbered(postgres) }
}

/** An insert of many rows in one atomic step that returns each row's generated id, in order. */
export interface BatchInsert {
  readonly table: string
  readonly columns: readonly string[]
  readonly returning: string
}

export type Op =
  | { kind: 'all' | 'get' | 'run'; statement: Statement; params: readonly unknown[] }
  | { kind: 'insertAll'; insert: BatchInsert; rows: readonly (readonly unknown[])[] }
  | { kind: 'lock'; key: string }

/** A query: yields statements to its driver and returns T. */
export type Query<T> = Generator<Op, T, unknown>

/** Every row the statement selects (or returns). */
export function* all<R>(statement: Statement, params: readonly unknown[] = []): Query<R[]> {
  return (yield { kind: 'all', statement, params }) as R[]
}

/** The first row, or undefined. */
export function* get<R>(statement: Statement, params: readonly unknown[] = []): Query<R | undefined> {
  return (yield { kind: 'get', statement, params }) as R | undefined
}

/** Runs a statement that returns no rows; resolves to the number of rows it changed. */
export function* run(statement: Statement, params: readonly unknown[] = []): Query<number> {
  return (yield { kind: 'run', statement, params }) as number
}

/** Inserts every row atomically (even outside a transaction) and returns their generated ids in order. */
export function* insertAll(insert: BatchInsert, rows: readonly (readonly unknown[])[]): Query<number[]> {
  return (yield { kind: 'insertAll', insert, rows }) as number[]
}

/**
 * Serialises transactions that take the same key, across instances (PostgreSQL advisory lock, held until
 * the transaction ends). SQLite needs none: its write transactions already run one at a time.
 */
export function* lock(key: string): Query<void> {
  yield { kind: 'lock', key }
}

type QuerySource<T> = Query<T> | (() => Query<T>)

/** What a driver gives the catalogue. */
export interface Db {
  readonly dialect: Dialect
  /** Each statement commits on its own (a single statement, including `insertAll`, is atomic). */
  run<T>(query: QuerySource<T>): Promise<T>
  /** All statements read one consistent state of the database. */
  read<T>(query: QuerySource<T>): Promise<T>
  /** One transaction: all of it commits, or none. */
  write<T>(query: QuerySource<T>): Promise<T>
  /** Gives space freed by deleting document history back to the file system where the database can. */
  reclaim(): Promise<void>
  close(): Promise<void>
}

export const start = <T>(query: QuerySource<T>): Query<T> => (typeof query === 'function' ? query() : query)

/** Drives a query to its end with a synchronous executor (the SQLite driver). */
export function driveSync<T>(query: Query<T>, execute: (op: Op) => unknown): T {
  let step = query.next()
  while (!step.done) {
    let result: unknown
    try {
      result = execute(step.value)
    } catch (error) {
      step = query.throw(error)
      continue
    }
    step = query.next(result)
  }
  return step.value
}

/** Drives a query to its end with an asynchronous executor (the PostgreSQL driver). */
export async function driveAsync<T>(query: Query<T>, execute: (op: Op) => Promise<unknown>): Promise<T> {
  let step = query.next()
  while (!step.done) {
    let result: unknown
    try {
      result = await execute(step.value)
    } catch (error) {
      step = query.throw(error)
      continue
    }
    step = query.next(result)
  }
  return step.value
}
