/**
 * One simulated user: a stock y-websocket `WebsocketProvider` over the `ws` package with its own Y.Doc.
 * It reports arrivals of other clients' edits (their markers) to the worker's recorder, and types a
 * trace when it is a typist.
 */
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { exampleGuideline } from '../../server/seed/exampleGuideline'
import { appendBlocks } from '../../shared/ydoc/guidelineBuilder'
import { guidelineFragment } from '../../shared/ydoc/layout'
import type { ClientSpec } from './ipc'
import type { LatencyRecorder } from './recorder'
import { splitSyncUrl } from './session'
import { MARKER_MAP, TraceTypist } from './typist'

export function openProvider(syncUrl: string, docName: string, doc: Y.Doc): WebsocketProvider {
  const { url, headers } = splitSyncUrl(syncUrl)
  class SessionWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers })
    }
  }
  return new WebsocketProvider(url, docName, doc, {
    WebSocketPolyfill: SessionWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 1000,
  })
}

export function waitSynced(provider: WebsocketProvider, timeoutMs: number, what: string): Promise<void> {
  if (provider.synced) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      provider.off('sync', onSync)
      reject(new Error(`${what}: not synced after ${timeoutMs} ms`))
    }, timeoutMs)
    const onSync = (synced: boolean) => {
      if (!synced) return
      clearTimeout(timer)
      provider.off('sync', onSync)
      resolve()
    }
    provider.on('sync', onSync)
  })
}

export class BenchClient {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  typist: TraceTypist | null = null
  private connectedOnce = false

  constructor(
    readonly spec: ClientSpec,
    recorder: LatencyRecorder,
  ) {
    const markers = this.doc.getMap<number>(MARKER_MAP)
    markers.observe((event) => {
      if (event.transaction.local) return
      for (const key of event.keysChanged) {
        const sentAt = markers.get(key)
        if (typeof sentAt === 'number') recorder.add(sentAt)
      }
    })
    this.provider = openProvider(spec.url, spec.doc, this.doc)
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status !== 'connected') return
      if (this.connectedOnce) recorder.reconnects++
      this.connectedOnce = true
    })
  }

  /** Waits for the first sync, then seeds content or prepares the typist's paragraph. */
  async ready(timeoutMs: number): Promise<void> {
    await waitSynced(this.provider, timeoutMs, `client ${this.spec.key} on ${this.spec.doc}`)
    if (this.spec.seed) appendBlocks(guidelineFragment(this.doc), exampleGuideline)
    if (this.spec.typist) {
      this.typist = new TraceTypist(this.doc, this.spec.key, this.spec.typist)
      this.typist.setup()
    }
  }

  destroy(): void {
    this.provider.destroy()
    this.doc.destroy()
  }
}
