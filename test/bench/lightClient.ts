/**
 * A passive receiver that speaks the y-websocket protocol without a Y.Doc, for the capacity scenario: a stock
 * provider applying every update costs ~40 µs of client CPU, more than a 2-core machine can spend on 4,500
 * receivers. It does what a stock provider does on the wire — SyncStep1 on open, answers the server's
 * SyncStep1, announces and renews an awareness state — and reads the latency marker from each update.
 */

import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import type { ClientSpec } from './ipc'
import type { LatencyRecorder } from './recorder'
import { splitSyncUrl } from './session'

const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const MESSAGE_QUERY_AWARENESS = 3
const SYNC_STEP1 = 0
const SYNC_STEP2 = 1
const SYNC_UPDATE = 2
/** Stock awareness renews its state every 15 s (half its 30 s timeout). */
const AWARENESS_RENEW_MS = 15_000
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc())

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** The send time carried by a typist's update: the only ContentAny number in it (see typist.ts). */
function markerOf(update: Uint8Array): number | null {
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentAny) {
      const value = struct.content.arr[0]
      if (typeof value === 'number') return value
    }
  }
  return null
}

export class LightClient {
  private readonly socket: WebSocket
  private readonly clientId = Math.floor(Math.random() * 0xffffffff)
  private awarenessClock = 0
  private awarenessSentAt = 0
  synced = false
  private onSynced: (() => void) | null = null

  constructor(
    readonly spec: ClientSpec,
    private readonly recorder: LatencyRecorder,
  ) {
    const { url, headers } = splitSyncUrl(spec.url)
    this.socket = new WebSocket(`${url}/${encodeURIComponent(spec.doc)}`, { headers })
    this.socket.binaryType = 'nodebuffer'
    this.socket.on('open', () => {
      this.send(
        message((e) => {
          encoding.writeVarUint(e, MESSAGE_SYNC)
          encoding.writeVarUint(e, SYNC_STEP1)
          encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()))
        }),
      )
      this.announce()
    })
    this.socket.on('message', (data: Buffer) =>
      this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
    )
    this.socket.on('error', () => {})
  }

  ready(timeoutMs: number): Promise<void> {
    if (this.synced) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`light client ${this.spec.key}: not synced`)),
        timeoutMs,
      )
      this.onSynced = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }

  /** Re-announces the awareness state when it is due, as the stock Awareness does. */
  renewAwareness(now: number): void {
    if (now - this.awarenessSentAt >= AWARENESS_RENEW_MS) this.announce()
  }

  private announce(): void {
    this.awarenessSentAt = Date.now()
    const clock = this.awarenessClock++
    this.send(
      message((e) => {
        encoding.writeVarUint(e, MESSAGE_AWARENESS)
        const update = message((u) => {
          encoding.writeVarUint(u, 1)
          encoding.writeVarUint(u, this.clientId)
          encoding.writeVarUint(u, clock)
          encoding.writeVarString(u, '{}')
        })
        encoding.writeVarUint8Array(e, update)
      }),
    )
  }

  private receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_QUERY_AWARENESS) {
      this.announce()
      return
    }
    if (type !== MESSAGE_SYNC) return
    const syncType = decoding.readVarUint(decoder)
    if (syncType === SYNC_STEP1) {
      this.send(
        message((e) => {
          encoding.writeVarUint(e, MESSAGE_SYNC)
          encoding.writeVarUint(e, SYNC_STEP2)
          encoding.writeVarUint8Array(e, EMPTY_UPDATE)
        }),
      )
    } else if (syncType === SYNC_STEP2) {
      this.synced = true
      this.onSynced?.()
    } else if (syncType === SYNC_UPDATE && this.recorder.recording) {
      const sentAt = markerOf(decoding.readVarUint8Array(decoder))
      if (sentAt !== null) this.recorder.add(sentAt)
    }
  }

  private send(data: Uint8Array): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(data)
  }

  destroy(): void {
    this.socket.terminate()
  }
}
