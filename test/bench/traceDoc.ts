/**
 * Building the `automerge-paper` document for the load and client scenarios: the server's seed (synced
 * first) plus one paragraph holding the whole trace, replayed one recorded transaction at a time, either
 * offline (then uploaded as one update when the provider reconnects) or live (one update per batch).
 */
import * as Y from 'yjs'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { openProvider, waitSynced } from './benchClient'
import { benchNow } from './clock'
import { fragmentText } from './docText'
import type { WatchResult } from './ipc'
import type { BenchServer } from './servers'
import { applyTxn, type Trace } from './traces'
import type { ClientWorker } from './workerPool'

export interface BuiltDoc {
  doc: Y.Doc
  /** Time to replay the trace into the local Y.Doc, ms. */
  replayMs: number
  /** `Y.encodeStateAsUpdate(doc).byteLength`. */
  encodedBytes: number
  /** The trace paragraph's text equals the trace's end state. */
  matchesTrace: boolean
  /** How many recorded transactions were replayed. */
  txns: number
}

/** Appends the paragraph the trace is typed into. */
function traceParagraph(doc: Y.Doc): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  paragraph.insert(0, [text])
  const fragment = guidelineFragment(doc)
  fragment.insert(fragment.length, [paragraph])
  return text
}

function replay(doc: Y.Doc, text: Y.XmlText, trace: Trace, from: number, to: number, batch: number): void {
  for (let i = from; i < to; i += batch) {
    doc.transact(() => {
      for (let j = i; j < Math.min(i + batch, to); j++) applyTxn(text, trace.txns[j]!)
    })
  }
}

function finish(doc: Y.Doc, text: Y.XmlText, trace: Trace, txns: number, replayMs: number): BuiltDoc {
  const expected = txns === trace.txns.length ? trace.endContent : null
  return {
    doc,
    replayMs,
    encodedBytes: Y.encodeStateAsUpdate(doc).byteLength,
    matchesTrace: expected === null || fragmentText(text.parent as Y.XmlElement) === expected,
    txns,
  }
}

/** Syncs `docName` from the server into a fresh doc, then replays the trace offline (provider disconnected). */
export async function buildOffline(
  server: BenchServer,
  docName: string,
  trace: Trace,
  txns: number,
): Promise<BuiltDoc> {
  const doc = new Y.Doc()
  const provider = openProvider(server.syncUrl, docName, doc)
  await waitSynced(provider, 30_000, `seed of ${docName}`)
  provider.destroy()
  const started = performance.now()
  const text = traceParagraph(doc)
  replay(doc, text, trace, 0, txns, 1)
  return finish(doc, text, trace, txns, performance.now() - started)
}

/**
 * Starts a watcher in a worker that resolves `done` (bench-clock time) once client `doc.clientID` is
 * complete there; `ready` resolves when the watcher has synced (and rejects if it failed first).
 */
function watchFor(watcher: ClientWorker, server: BenchServer, docName: string, doc: Y.Doc) {
  let onReady!: () => void
  const synced = new Promise<void>((resolve) => {
    onReady = resolve
  })
  const done = watcher.request<WatchResult>(
    {
      op: 'watch',
      url: server.syncUrl,
      doc: docName,
      client: doc.clientID,
      clock: Y.getState(doc.store, doc.clientID),
      timeoutMs: 600_000,
    },
    onReady,
  )
  return { ready: Promise.race([synced, done.then(() => undefined)]), done }
}

/** Uploads a built doc through a stock provider (its SyncStep2: one update); ms until a watcher has it all. */
export async function upload(
  server: BenchServer,
  docName: string,
  doc: Y.Doc,
  watcher: ClientWorker,
): Promise<number> {
  const { ready, done } = watchFor(watcher, server, docName, doc)
  await ready
  const started = benchNow()
  const provider = openProvider(server.syncUrl, docName, doc)
  try {
    const { doneAt } = await done
    return doneAt - started
  } finally {
    provider.destroy()
  }
}

export interface LiveReplay {
  built: BuiltDoc
  updates: number
  /** First update sent → the watcher has every edit, ms. */
  ingestMs: number
}

/**
 * Types the trace live through the server, `batch` recorded transactions per update, yielding to the event
 * loop every 1,000 updates so the socket drains; a watcher in a worker reports when everything arrived.
 */
export async function replayLive(
  server: BenchServer,
  docName: string,
  trace: Trace,
  txns: number,
  batch: number,
  watcher: ClientWorker,
): Promise<LiveReplay> {
  // The final clock is known only after the replay; a dry run offline on a copy of the seed tells it.
  const doc = new Y.Doc()
  const provider = openProvider(server.syncUrl, docName, doc)
  await waitSynced(provider, 30_000, `seed of ${docName}`)
  const dry = new Y.Doc()
  dry.clientID = doc.clientID
  Y.applyUpdate(dry, Y.encodeStateAsUpdate(doc))
  replay(dry, traceParagraph(dry), trace, 0, txns, batch)
  const { ready, done } = watchFor(watcher, server, docName, dry)
  await ready
  dry.destroy()
  const started = benchNow()
  const replayStarted = performance.now()
  const text = traceParagraph(doc)
  const step = 1000 * batch
  for (let i = 0; i < txns; i += step) {
    replay(doc, text, trace, i, Math.min(i + step, txns), batch)
    await new Promise((resolve) => setImmediate(resolve))
  }
  const replayMs = performance.now() - replayStarted
  try {
    const { doneAt } = await done
    return {
      built: finish(doc, text, trace, txns, replayMs),
      updates: Math.ceil(txns / batch) + 1,
      ingestMs: doneAt - started,
    }
  } finally {
    provider.destroy()
  }
}
