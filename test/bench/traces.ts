/**
 * The recorded editing traces in test/fixtures/editing-traces: loading them, and applying their
 * transactions to a Y.Text / Y.XmlText as live typing would.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import type * as Y from 'yjs'

export const TRACE_NAMES = ['automerge-paper', 'seph-blog1'] as const
export type TraceName = (typeof TRACE_NAMES)[number]

/** `[position, deleteCount, insertText]`, applied like `Array.splice`. */
export type Patch = readonly [number, number, string]

export interface Trace {
  name: TraceName
  /** One entry per recorded transaction (one keystroke, paste or cut). */
  txns: Patch[][]
  endContent: string
}

const FIXTURES = resolve(import.meta.dirname, '../fixtures/editing-traces')
const cache = new Map<TraceName, Trace>()

interface TraceFile {
  endContent: string
  txns: { patches: [number, number, string][] }[]
}

export function loadTrace(name: TraceName): Trace {
  const cached = cache.get(name)
  if (cached) return cached
  const file = JSON.parse(
    gunzipSync(readFileSync(join(FIXTURES, `${name}.json.gz`))).toString('utf8'),
  ) as TraceFile
  // Trace positions count code points, Y.Text counts UTF-16 units: equal only without astral characters.
  if (/[\uD800-\uDFFF]/.test(file.endContent)) throw new Error(`${name}: astral characters are not supported`)
  const trace: Trace = { name, txns: file.txns.map((txn) => txn.patches), endContent: file.endContent }
  cache.set(name, trace)
  return trace
}

/** Applies one recorded transaction to a text type (the caller wraps it in a Yjs transaction). */
export function applyTxn(text: Y.Text | Y.XmlText, txn: Patch[]): void {
  for (const [position, deleteCount, insert] of txn) {
    if (deleteCount > 0) text.delete(position, deleteCount)
    if (insert.length > 0) text.insert(position, insert)
  }
}

const prefixCache = new Map<string, string>()

/** The text after the first `count` transactions (memoised: typists share a few offsets). */
export function textAfter(trace: Trace, count: number): string {
  const key = `${trace.name}:${count}`
  const cached = prefixCache.get(key)
  if (cached !== undefined) return cached
  const chars: string[] = []
  for (const txn of trace.txns.slice(0, count)) {
    for (const [position, deleteCount, insert] of txn) chars.splice(position, deleteCount, ...insert)
  }
  const text = chars.join('')
  prefixCache.set(key, text)
  return text
}
