/**
 * Soak: trace replay by many clients on several documents for a long time (30 min in a full run), with random
 * disconnects and a `kill -9` and restart of the server every few minutes. Every edit also appends a unique
 * marker, so at the end the run counts what clients sent, what the database holds and what was lost (must be
 * 0), checks every replica equals the stored document, and reports the server's peak RSS and whether it grew
 * after the first segment. Opt-in: `npm run bench -- --only soak` (tiny in `--quick`).
 */
import { createServer } from 'node:net'
import { join } from 'node:path'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { openSqliteStore } from '../../../server/storage/sqlite'
import { guidelineFragment } from '../../../shared/ydoc/layout'
import { openProvider, waitSynced } from '../benchClient'
import type { BenchContext } from '../context'
import type { BenchServer } from '../servers'
import { fmt, type Section } from '../table'
import { TRACE_NAMES } from '../traces'
import { TraceTypist } from '../typist'

const MARKERS = 'soak'

export interface SoakResult {
  durationMs: number
  clients: number
  docs: number
  kills: number
  disconnects: number
  sent: number
  stored: number
  lost: number
  replicasEqualStored: boolean
  peakRssBytes: number
  /** Server RSS at the end of each segment between restarts. */
  segmentEndRssBytes: number[]
  rssGrewAfterFirstSegment: boolean
}

interface SoakClient {
  doc: Y.Doc
  docName: string
  provider: WebsocketProvider
  typist: TraceTypist
  markers: Y.Array<string>
  key: string
  made: number
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

function processGone(pid: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      try {
        process.kill(pid, 0)
        setTimeout(check, 50)
      } catch {
        resolve()
      }
    }
    check()
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function runSoak(ctx: BenchContext): Promise<SoakResult> {
  // Every stock provider registers an exit handler on the process.
  process.setMaxListeners(ctx.sizes.soak.clients + 20)
  const size = ctx.sizes.soak
  const port = String(await freePort())
  const start = (dataDir?: string) =>
    ctx.startServer('yardstick', 'soak', { env: { PORT: port }, ...(dataDir ? { dataDir } : {}) })
  let server: BenchServer = await start()
  const dataDir = server.dataDir!
  const docNames = await server.createDocs(size.docs, 'soak')
  const clients: SoakClient[] = []
  const rss: number[] = []
  const segmentEnds: number[] = []
  let kills = 0
  let disconnects = 0
  let stopped = false
  try {
    for (let i = 0; i < size.clients; i++) {
      const doc = new Y.Doc()
      const docName = docNames[i % docNames.length]!
      const provider = openProvider(server.syncUrl, docName, doc)
      await waitSynced(provider, 30_000, `soak client ${i}`)
      const key = `c${i}`
      const typist = new TraceTypist(doc, key, {
        trace: TRACE_NAMES[i % TRACE_NAMES.length]!,
        offset: ((i * 7) % 40) * 250,
      })
      typist.setup()
      clients.push({ doc, docName, provider, typist, markers: doc.getArray<string>(MARKERS), key, made: 0 })
    }
    ctx.log(`soak: ${clients.length} clients on ${docNames.length} documents; ${size.durationMs / 1000} s`)

    const typing = setInterval(() => {
      for (const client of clients) {
        client.doc.transact(() => {
          client.typist.typeNext()
          client.markers.push([`${client.key}-${client.made++}`])
        })
      }
    }, 1000 / size.editsPerSecond)
    const chaos = setInterval(() => {
      for (const client of clients) {
        if (!client.provider.shouldConnect || Math.random() >= size.disconnectProbabilityPerSecond) continue
        disconnects++
        client.provider.disconnect()
        setTimeout(
          () => {
            if (!stopped) client.provider.connect()
          },
          500 + Math.random() * 3000,
        )
      }
    }, 1000)
    const sampler = setInterval(() => rss.push(server.sample().rssBytes), 1000)

    const started = performance.now()
    let nextKill = started + size.killEveryMs
    while (performance.now() - started < size.durationMs) {
      await sleep(Math.min(1000, Math.max(0, nextKill - performance.now())))
      if (performance.now() < nextKill || performance.now() - started >= size.durationMs) continue
      segmentEnds.push(server.sample().rssBytes)
      process.kill(server.pid, 'SIGKILL')
      await processGone(server.pid)
      kills++
      ctx.log(`soak: kill -9 #${kills} at ${((performance.now() - started) / 1000).toFixed(0)} s; restarting`)
      server = await start(dataDir)
      nextKill += size.killEveryMs
    }
    clearInterval(typing)
    clearInterval(chaos)
    clearInterval(sampler)
    segmentEnds.push(server.sample().rssBytes)
    stopped = true
    for (const client of clients) if (!client.provider.shouldConnect) client.provider.connect()

    // Every replica of a document must end up with every marker any of its clients made.
    const expected = new Map<string, number>()
    for (const client of clients)
      expected.set(client.docName, (expected.get(client.docName) ?? 0) + client.made)
    const deadline = performance.now() + 120_000
    while (
      !clients.every((c) => c.markers.length === expected.get(c.docName)) &&
      performance.now() < deadline
    )
      await sleep(200)
    for (const client of clients) client.provider.destroy()
    await server.stop()

    const store = openSqliteStore(join(dataDir, 'yardstick.sqlite'))
    let stored = 0
    let replicasEqualStored = true
    try {
      for (const docName of docNames) {
        const loaded = await store.loadDoc(docName)
        const doc = new Y.Doc()
        if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot.data)
        for (const update of loaded.updates) Y.applyUpdate(doc, update.data)
        const markers = new Set(doc.getArray<string>(MARKERS).toArray())
        stored += markers.size
        const text = guidelineFragment(doc).toString()
        for (const client of clients.filter((c) => c.docName === docName)) {
          if (guidelineFragment(client.doc).toString() !== text) replicasEqualStored = false
        }
      }
    } finally {
      await store.close()
    }
    const sent = clients.reduce((n, c) => n + c.made, 0)
    const first = segmentEnds[0] ?? Number.NaN
    const last = segmentEnds.at(-1) ?? Number.NaN
    return {
      durationMs: size.durationMs,
      clients: clients.length,
      docs: docNames.length,
      kills,
      disconnects,
      sent,
      stored,
      lost: sent - stored,
      replicasEqualStored,
      peakRssBytes: Math.max(...rss.filter(Number.isFinite)),
      segmentEndRssBytes: segmentEnds,
      rssGrewAfterFirstSegment: segmentEnds.length > 1 && last > first * 1.25,
    }
  } finally {
    stopped = true
    for (const client of clients) client.provider.destroy()
    await server.stop()
  }
}

export function soakSection(result: SoakResult): Section {
  return {
    title: '8. Soak',
    setup: `${result.clients} clients replaying editing traces on ${result.docs} documents for ${result.durationMs >= 60_000 ? `${result.durationMs / 60_000} min` : `${result.durationMs / 1000} s`}, random disconnects (${fmt.int(result.disconnects)} in all), kill -9 and restart of the server ${result.kills} times; every edit carries a unique marker.`,
    header: [
      'updates sent',
      'stored',
      'lost',
      'replicas = stored',
      'peak RSS',
      'RSS at each restart',
      'RSS grew',
    ],
    rows: [
      [
        fmt.int(result.sent),
        fmt.int(result.stored),
        fmt.int(result.lost),
        result.replicasEqualStored ? 'yes' : 'NO',
        fmt.bytes(result.peakRssBytes),
        result.segmentEndRssBytes.map((b) => fmt.bytes(b)).join(', '),
        result.rssGrewAfterFirstSegment ? 'yes' : 'no',
      ],
    ],
    targets: [{ text: 'no update lost', met: result.lost === 0 && result.replicasEqualStored }],
    notes: ['"RSS grew": the RSS at the last restart is more than 1.25 × the RSS at the first one.'],
  }
}
