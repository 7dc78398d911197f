/**
 * Stock y-websocket clients in Node (WebsocketProvider with the `ws` package), plus raw sockets for
 * sending hand-made frames, and `waitFor` for retrying assertions instead of sleeping.
 */
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { SYNC_PATH } from '../../shared/protocol/messages'

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  destroy(): void
}

const clients = new Set<TestClient>()

export function syncUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}${SYNC_PATH}`
}

/** A `ws` WebSocket class that sends the given headers (session cookie, Origin) with the upgrade. */
export function websocketWithHeaders(headers: Record<string, string>): typeof globalThis.WebSocket {
  class HeaderWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers })
    }
  }
  return HeaderWebSocket as unknown as typeof globalThis.WebSocket
}

export function connectClient(
  baseUrl: string,
  docName: string,
  options: {
    doc?: Y.Doc
    name?: string
    user?: { cookie: string } | null
    headers?: Record<string, string>
  } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc()
  const headers = { ...(options.user ? { cookie: options.user.cookie } : {}), ...options.headers }
  const provider = new WebsocketProvider(syncUrl(baseUrl), docName, doc, {
    WebSocketPolyfill: websocketWithHeaders(headers),
    disableBc: true,
    maxBackoffTime: 300,
  })
  if (options.name) provider.awareness.setLocalStateField('user', { name: options.name })
  const client: TestClient = {
    doc,
    provider,
    destroy() {
      clients.delete(client)
      provider.destroy()
    },
  }
  clients.add(client)
  return client
}

export function destroyAllClients(): void {
  for (const client of [...clients]) client.destroy()
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  {
    timeout = 10_000,
    interval = 20,
    message = 'condition',
  }: { timeout?: number; interval?: number; message?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeout
  for (;;) {
    if (await condition()) return
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${message}`)
    await new Promise((resolve) => setTimeout(resolve, interval))
  }
}

export const waitForSynced = (client: TestClient, timeout = 10_000) =>
  waitFor(() => client.provider.synced, { timeout, message: 'provider synced' })

export interface RawSocket {
  socket: WebSocket
  received: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
  opened: Promise<void>
}

/** A bare websocket to the sync endpoint, for sending frames the stock client never would. */
export function openRawSocket(
  baseUrl: string,
  docName: string,
  options: { user?: { cookie: string } | null; headers?: Record<string, string> } = {},
): RawSocket {
  const headers = { ...(options.user ? { cookie: options.user.cookie } : {}), ...options.headers }
  const socket = new WebSocket(`${syncUrl(baseUrl)}/${docName}`, { headers })
  const received: Uint8Array[] = []
  socket.on('message', (data) => received.push(new Uint8Array(data as Buffer)))
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  return { socket, received, closed, opened }
}
