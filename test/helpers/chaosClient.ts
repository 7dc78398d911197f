/**
 * A y-websocket client whose network misbehaves on purpose, for convergence tests: it holds back its
 * outgoing updates and sends them later in a shuffled order with duplicates, applies incoming updates
 * shuffled and duplicated, can drop its socket at any moment and reconnect with a sync handshake, and
 * records which of its updates the server acknowledged as saved (`saveRequest` → `saved`).
 */
import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../../server/sync/wire'
import { MessageType } from '../../shared/protocol/messages'
import { syncUrl } from './clients'

export class ChaosClient {
  readonly doc = new Y.Doc()
  /** Updates made here and not yet sent. */
  private outbox: Uint8Array[] = []
  /** Updates received and not yet applied. */
  private inbox: Uint8Array[] = []
  /** Every update made here, in order; `acked` holds those the server confirmed as saved. */
  readonly made: Uint8Array[] = []
  readonly acked = new Set<Uint8Array>()
  /** Updates sent on the current socket (one by one, or inside a sync step 2). */
  private sent = new Set<Uint8Array>()
  private readonly waitingSave = new Map<number, Uint8Array[]>()
  private nextSaveId = 1
  /** Close codes of the sockets the server closed. */
  readonly closeCodes: number[] = []
  private socket: WebSocket | null = null
  private opened: Promise<void> | null = null

  constructor(
    private readonly baseUrl: () => string,
    private readonly docName: string,
    private readonly cookie: string,
    private readonly random: () => number,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return
      this.made.push(update)
      this.outbox.push(update)
    })
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN
  }

  connect(): Promise<void> {
    if (this.socket) return this.opened!
    const socket = new WebSocket(`${syncUrl(this.baseUrl())}/${this.docName}`, {
      headers: { cookie: this.cookie },
    })
    this.socket = socket
    socket.on('message', (data) => this.receive(new Uint8Array(data as Buffer)))
    socket.on('close', (code) => {
      this.closeCodes.push(code)
      if (this.socket === socket) this.drop()
    })
    socket.on('error', () => {})
    this.opened = new Promise<void>((resolve) => {
      socket.once('open', () => {
        socket.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
        resolve()
      })
      socket.once('close', () => resolve())
    })
    return this.opened
  }

  /** Loses the connection (and whatever was in flight on it). */
  drop(): void {
    const socket = this.socket
    this.socket = null
    this.opened = null
    this.outbox = []
    this.sent = new Set()
    this.waitingSave.clear()
    if (socket && socket.readyState <= WebSocket.OPEN) socket.terminate()
  }

  /** Sends the held-back updates shuffled, some twice, then a save request covering everything made so far. */
  flush(): void {
    if (!this.connected) return
    const batch = [...this.outbox, ...this.outbox.filter(() => this.random() < 0.3)]
    this.outbox = []
    for (const update of this.shuffled(batch)) {
      this.socket!.send(encodeUpdate(update))
      this.sent.add(update)
    }
    const id = this.nextSaveId++
    this.waitingSave.set(id, [...this.sent])
    this.socket!.send(new Uint8Array([MessageType.saveRequest, id]))
  }

  /** Applies the held-back incoming updates shuffled, some twice. */
  deliver(): void {
    const batch = [...this.inbox, ...this.inbox.filter(() => this.random() < 0.3)]
    this.inbox = []
    for (const update of this.shuffled(batch)) Y.applyUpdate(this.doc, update, this)
  }

  private receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    if (type === MessageType.saved) {
      const id = decoding.readVarUint(decoder)
      for (const update of this.waitingSave.get(id) ?? []) this.acked.add(update)
      this.waitingSave.delete(id)
      return
    }
    if (type !== MessageType.sync) return
    const subType = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    if (subType === 0) {
      // The server's state vector: answer with everything it lacks (what survives a restart or a lost socket).
      this.socket?.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, payload)))
      for (const update of this.made) this.sent.add(update)
    } else {
      this.inbox.push(payload.slice())
    }
  }

  private shuffled<T>(items: T[]): T[] {
    const out = [...items]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1))
      ;[out[i], out[j]] = [out[j]!, out[i]!]
    }
    return out
  }
}
