// An outside fan-out probe, independent of the bench harness (none of its code): 50 stock y-websocket clients
// in this one process on one document, 10 of them inserting a character ~10 times a second for 12 s, each
// edit stamped in a Y.Map; every other client records stamp → arrival. Prints p50 / p99 / max in ms. Used to
// check that the harness's reference figures match what a plain client sees (test/bench/RESULTS.md).
// Usage: node test/bench/outsideProbe.mjs ws://127.0.0.1:<port>/sync <doc> [clients] [typists] [seconds]
//        (Yardstick: PROBE_COOKIE='ys_session=…' in the environment)
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

const [url, doc, clientsArg = '50', typistsArg = '10', secondsArg = '12'] = process.argv.slice(2)
if (!url || !doc) {
  console.error(
    'usage: node test/bench/outsideProbe.mjs <ws://host:port/sync> <doc> [clients] [typists] [seconds]',
  )
  process.exit(2)
}
const [clients, typists, seconds] = [clientsArg, typistsArg, secondsArg].map(Number)
process.setMaxListeners(0) // every provider adds an exit listener
const headers = process.env.PROBE_COOKIE ? { cookie: process.env.PROBE_COOKIE } : {}
class HeaderWebSocket extends WebSocket {
  constructor(address, protocols) {
    super(address, protocols, { headers })
  }
}

const latencies = []
let recording = false
const peers = Array.from({ length: clients }, (_, i) => {
  const ydoc = new Y.Doc()
  const provider = new WebsocketProvider(url, doc, ydoc, {
    WebSocketPolyfill: HeaderWebSocket,
    disableBc: true,
  })
  const stamps = ydoc.getMap('probe')
  stamps.observe((event) => {
    if (event.transaction.local || !recording) return
    const now = performance.timeOrigin + performance.now()
    for (const key of event.keysChanged) latencies.push(now - stamps.get(key))
  })
  return { i, ydoc, provider, stamps, text: ydoc.getText('probe-text') }
})
await Promise.all(
  peers.map((peer) =>
    peer.provider.synced ? null : new Promise((done) => peer.provider.once('sync', done)),
  ),
)
await new Promise((resolve) => setTimeout(resolve, 1000))
recording = true
const end = performance.now() + seconds * 1000
await Promise.all(
  peers.slice(0, typists).map(async (peer) => {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 100))
    while (performance.now() < end) {
      peer.ydoc.transact(() => {
        peer.text.insert(peer.text.length, 'x')
        peer.stamps.set(`c${peer.i}`, performance.timeOrigin + performance.now())
      })
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }),
)
await new Promise((resolve) => setTimeout(resolve, 1000))
recording = false
latencies.sort((a, b) => a - b)
const at = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]
console.log(
  JSON.stringify({
    arrivals: latencies.length,
    p50: +at(50).toFixed(2),
    p99: +at(99).toFixed(2),
    max: +latencies.at(-1).toFixed(2),
  }),
)
for (const peer of peers) peer.provider.destroy()
process.exit(0)
