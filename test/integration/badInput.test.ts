/**
 * Bad input on the sync socket and the HTTP API: the offending connection is closed with the declared code
 * (or the request gets a 4xx JSON error), other clients keep syncing, and the document is unchanged.
 */
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import type { RunningServer } from '../../server/server'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { MessageType } from '../../shared/protocol/messages'
import { createProject, setupOwner, type TestUser } from '../helpers/accounts'
import {
  connectClient,
  destroyAllClients,
  openRawSocket,
  type TestClient,
  waitFor,
  waitForSynced,
} from '../helpers/clients'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

const MAX = 64 * 1024
let server: RunningServer
let project: string
let owner: TestUser
let a: TestClient
let b: TestClient

beforeAll(async () => {
  server = await startTestServer({ maxMessageBytes: MAX })
  owner = await setupOwner(server)
  project = await createProject(server.url, owner)
  a = connectClient(server.url, project, { user: owner })
  b = connectClient(server.url, project, { user: owner })
  await Promise.all([waitForSynced(a), waitForSynced(b)])
  a.doc.getText('body').insert(0, 'baseline')
  await waitFor(() => b.doc.getText('body').toString() === 'baseline')
})

afterAll(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}

const syncFrame = (subType: number, payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, subType)
    encoding.writeVarUint8Array(e, payload)
  })

function someUpdate(encode: (doc: Y.Doc) => Uint8Array): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('body').insert(0, 'INJECTED ')
  doc.getMap('rubric').set('evil', true)
  return encode(doc)
}

const validUpdateFrame = syncFrame(
  2,
  someUpdate((d) => Y.encodeStateAsUpdate(d)),
)

const serverState = () => Y.encodeStateAsUpdate(server.registry.rooms.get(project)!.doc)

async function storedState(): Promise<Uint8Array> {
  const stored = await server.store.loadDoc(project)
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.data)
  for (const u of stored.updates) Y.applyUpdate(doc, u.data)
  return Y.encodeStateAsUpdate(doc)
}

/** Sends one bad frame on a fresh raw socket and checks the close code, the document and the others. */
async function expectRejected(data: Uint8Array | string, code: number, reason?: string) {
  const before = serverState()
  const storedBefore = await storedState()
  const raw = openRawSocket(server.url, project, { user: owner })
  await raw.opened
  raw.socket.send(data)
  const closed = await raw.closed
  expect(closed.code).toBe(code)
  if (reason) expect(closed.reason).toBe(reason)
  // Give the server a moment to (not) write anything, via a round trip through the others.
  const marker = `ok-${Math.random()}`
  a.doc.getMap('probe').set('marker', marker)
  await waitFor(() => b.doc.getMap('probe').get('marker') === marker, { message: 'others keep syncing' })
  a.doc.getMap('probe').delete('marker')
  await waitFor(() => !b.doc.getMap('probe').has('marker'))
  expect(b.doc.getText('body').toString()).toBe('baseline')
  expect(b.doc.getMap('rubric').has('evil')).toBe(false)
  // The server's document differs from before only by the probe (set then deleted), never by the bad frame.
  const room = server.registry.rooms.get(project)!
  expect(room.doc.getText('body').toString()).toBe('baseline')
  expect(room.doc.getMap('rubric').toJSON()).toEqual({})
  expect(before.length).toBeGreaterThan(0)
  const stored = new Y.Doc()
  Y.applyUpdate(stored, await storedState())
  expect(stored.getText('body').toString()).toBe('baseline')
  expect(storedBefore.length).toBeGreaterThan(0)
}

describe('bad websocket input', () => {
  it('a valid update from a raw socket is accepted (control case)', async () => {
    const raw = openRawSocket(server.url, project, { user: owner })
    await raw.opened
    const doc = new Y.Doc()
    doc.getMap('control').set('ok', 1)
    raw.socket.send(syncFrame(2, Y.encodeStateAsUpdate(doc)))
    await waitFor(() => b.doc.getMap('control').get('ok') === 1)
    raw.socket.close()
  })

  it('closes on a malformed frame', () =>
    expectRejected(new Uint8Array([0, 0xff, 0xff, 0xff]), CloseCode.badMessage, CloseReason.badMessage))

  it('closes on an empty frame', () => expectRejected(new Uint8Array([]), CloseCode.badMessage))

  it('closes on a truncated update frame', () =>
    expectRejected(validUpdateFrame.slice(0, validUpdateFrame.length - 4), CloseCode.badMessage))

  it('closes on a truncated update payload with a consistent length prefix', () => {
    const update = someUpdate((d) => Y.encodeStateAsUpdate(d))
    return expectRejected(
      syncFrame(2, update.slice(0, update.length - 3)),
      CloseCode.badUpdate,
      CloseReason.badUpdate,
    )
  })

  it('closes on trailing bytes after a frame', () =>
    expectRejected(new Uint8Array([...validUpdateFrame, 7, 7]), CloseCode.badMessage))

  it('closes on an unknown message type', () =>
    expectRejected(new Uint8Array([42, 1, 2, 3]), CloseCode.badMessage, CloseReason.unknownMessageType))

  it('closes on an unknown sync message type', () =>
    expectRejected(syncFrame(9, new Uint8Array([0])), CloseCode.badMessage, CloseReason.unknownMessageType))

  it('closes on the server-only "saved" message type', () =>
    expectRejected(
      new Uint8Array([MessageType.saved, 1]),
      CloseCode.badMessage,
      CloseReason.unknownMessageType,
    ))

  it('closes on a Yjs V2-encoded update (sync update and sync step 2)', async () => {
    const v2 = someUpdate((d) => Y.encodeStateAsUpdateV2(d))
    await expectRejected(syncFrame(2, v2), CloseCode.badUpdate, CloseReason.badUpdate)
    await expectRejected(syncFrame(1, v2), CloseCode.badUpdate, CloseReason.badUpdate)
  })

  it('closes on random bytes inside an update', () => {
    const garbage = new Uint8Array(64).map((_, i) => (i * 97 + 13) % 256)
    return expectRejected(syncFrame(2, garbage), CloseCode.badUpdate)
  })

  it('closes on an awareness update with invalid JSON', () => {
    const payload = frame((e) => {
      encoding.writeVarUint(e, 1)
      encoding.writeVarUint(e, 12345)
      encoding.writeVarUint(e, 1)
      encoding.writeVarString(e, '{not json')
    })
    return expectRejected(
      frame((e) => {
        encoding.writeVarUint(e, MessageType.awareness)
        encoding.writeVarUint8Array(e, payload)
      }),
      CloseCode.badMessage,
    )
  })

  it('closes on a text frame', () => expectRejected('hello', CloseCode.badMessage, CloseReason.textFrame))

  it('closes on a frame over the configured size limit', () => {
    const doc = new Y.Doc()
    doc.getText('body').insert(0, 'x'.repeat(MAX + 10))
    return expectRejected(
      syncFrame(2, Y.encodeStateAsUpdate(doc)),
      CloseCode.messageTooLarge,
      CloseReason.messageTooLarge,
    )
  })

  it('closes on a frame over the transport limit', () =>
    expectRejected(new Uint8Array(MAX * 2 + 100), CloseCode.transportTooLarge))

  it('refuses a websocket upgrade on any path but /sync with 404 and creates no room', async () => {
    const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/api/projects`, {
      headers: { cookie: owner.cookie },
    })
    socket.on('error', () => {})
    const status = await new Promise<number>((resolve, reject) => {
      socket.once('unexpected-response', (request, response) => {
        resolve(response.statusCode ?? 0)
        request.destroy()
      })
      socket.once('open', () => reject(new Error('the upgrade was accepted')))
    })
    expect(status).toBe(404)
    expect([...server.registry.rooms.keys()]).toEqual([project])
  })

  it.each([
    ['an unknown project', 'nope-not-here', CloseReason.unknownDocument],
    ['a name with a slash', 'a%2Fb', CloseReason.invalidDocName],
    ['a name with dots', 'a.b', CloseReason.invalidDocName],
    ['an overlong name', 'x'.repeat(65), CloseReason.invalidDocName],
    ['bad percent-encoding', '%E0%A4%A', CloseReason.invalidDocName],
  ])('refuses %s with 4404 and creates no room', async (_label, name, reason) => {
    const raw = openRawSocket(server.url, name, { user: owner })
    const closed = await raw.closed
    expect(closed).toEqual({ code: CloseCode.unknownDocument, reason })
    expect([...server.registry.rooms.keys()]).toEqual([project])
  })
})

describe('bad HTTP input', () => {
  const post = (path: string, body: string) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: owner.cookie },
      body,
    })

  it('answers invalid JSON with 400 and a message', async () => {
    const response = await post('/api/projects', '{"name": ')
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: 'invalid_json',
      message: 'request body must be valid JSON',
    })
  })

  it('answers a body that fails the schema with 400 and the reason', async () => {
    for (const body of [
      '{}',
      '{"name": ""}',
      '{"name": 5}',
      '[]',
      '{"name":"ok","extra":1}',
      `{"name":"${'n'.repeat(200)}"}`,
    ]) {
      const response = await post('/api/projects', body)
      expect(response.status, body).toBe(400)
      const json = (await response.json()) as { error: string; message: string }
      expect(json.error).toBe('invalid_body')
      expect(json.message.length).toBeGreaterThan(0)
    }
  })

  it('answers unknown ids with 404', async () => {
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', '{"name":"x"}'],
    ] as const) {
      const response = await fetch(`${server.url}/api/projects/unknown-id`, {
        method,
        body,
        headers: { 'content-type': 'application/json', cookie: owner.cookie },
      })
      expect(response.status).toBe(404)
      expect(await response.json()).toEqual({ error: 'not_found', message: 'project not found' })
    }
    const route = await fetch(`${server.url}/api/nothing-here`)
    expect(route.status).toBe(404)
  })

  it('answers wrong methods with 405 and Allow', async () => {
    const response = await fetch(`${server.url}/api/projects/${project}`, { method: 'DELETE' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, PATCH')
    expect(((await response.json()) as { error: string }).error).toBe('method_not_allowed')
    const list = await fetch(`${server.url}/api/projects`, { method: 'PUT' })
    expect(list.status).toBe(405)
  })

  it('still serves good requests afterwards', async () => {
    const response = await fetch(`${server.url}/api/projects/${project}`, {
      headers: { cookie: owner.cookie },
    })
    expect(response.status).toBe(200)
  })
})

describe('security headers', () => {
  it('sends a CSP without inline script, no framing, nosniff and a referrer policy on API and pages', async () => {
    for (const path of ['/api/setup', '/healthz', `/api/projects/${project}`]) {
      const response = await fetch(`${server.url}${path}`, { headers: { cookie: owner.cookie } })
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp, path).toContain("script-src 'self'")
      expect(csp, path).not.toMatch(/script-src[^;]*unsafe-inline/)
      expect(csp, path).toContain("frame-ancestors 'none'")
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin')
      // HSTS only over HTTPS.
      expect(response.headers.get('strict-transport-security'), path).toBeNull()
    }
  })
})

// Last in the file: the server answers 413 before reading the whole body and then closes that keep-alive
// socket, which the next fetch in this process might otherwise try to reuse.
describe('request size limits', () => {
  it('answers an oversized JSON body with 413 and a message, and keeps serving', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(300 * 1024) })
    const response = await fetch(`${server.url}/api/projects`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: owner.cookie },
      body: huge,
    })
    expect(response.status).toBe(413)
    expect(((await response.json()) as { error: string }).error).toBe('body_too_large')
    const ok = await fetch(`${server.url}/api/projects/${project}`, { headers: { cookie: owner.cookie } })
    expect(ok.status).toBe(200)
  })
})
