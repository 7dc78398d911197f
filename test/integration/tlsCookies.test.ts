/**
 * Behind TLS (`PUBLIC_URL=https://…`, a self-signed certificate made here with openssl, and a small https
 * reverse proxy in front of the server, as in a real deployment): every answer carries HSTS, and the session
 * cookie is `__Host-` with Secure, Path=/, no Domain, HttpOnly and SameSite=Lax — at setup, login and
 * logout. Over plain http neither appears (a browser would ignore both there).
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { createServer as createHttpsServer, request as httpsRequest, type Server } from 'node:https'
import { type AddressInfo, connect } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { SYNC_PATH } from '../../shared/protocol/messages'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { api } from '../helpers/accounts'
import { waitFor } from '../helpers/clients'
import { removeTempDirs, startTestServer, stopAllServers, tempDataDir } from '../helpers/server'

const proxies: Server[] = []
const providers: WebsocketProvider[] = []
afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy()
  await Promise.all(proxies.splice(0).map((p) => new Promise((done) => p.close(done))))
  await stopAllServers()
  removeTempDirs()
})

function selfSignedCertificate() {
  const dir = tempDataDir()
  const key = join(dir, 'key.pem')
  const cert = join(dir, 'cert.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  )
  return { key: readFileSync(key), cert: readFileSync(cert) }
}

/**
 * An https endpoint on a random port that forwards everything to the plain-http server behind it (whose port
 * is asked per request: the server starts after the proxy, since PUBLIC_URL names the proxy's port).
 */
async function tlsProxy(tls: { key: Buffer; cert: Buffer }, upstreamPort: () => number): Promise<number> {
  const proxy = createHttpsServer(tls, (req, res) => {
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: upstreamPort(),
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-proto': 'https' },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => res.writeHead(502).end())
    req.pipe(upstream)
  })
  // Websocket upgrades: replay the request head upstream, then splice the two sockets.
  proxy.on('upgrade', (req, socket, head) => {
    const upstream = connect(upstreamPort(), '127.0.0.1', () => {
      const headers = req.rawHeaders.map((v, i) => (i % 2 ? `${v}\r\n` : `${v}: `)).join('')
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers}\r\n`)
      upstream.write(head)
      upstream.pipe(socket).pipe(upstream)
    })
    upstream.on('error', () => socket.destroy())
    socket.on('error', () => upstream.destroy())
  })
  proxies.push(proxy)
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done))
  return (proxy.address() as AddressInfo).port
}

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** A request over TLS that trusts only our self-signed certificate (verification stays on). */
function tlsFetch(
  port: number,
  ca: Buffer,
  path: string,
  init: { method?: string; body?: unknown; cookie?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { origin: `https://localhost:${port}` }
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  if (init.cookie) headers.cookie = init.cookie
  return new Promise((done, fail) => {
    const req = httpsRequest(
      { host: '127.0.0.1', servername: 'localhost', port, path, method: init.method ?? 'GET', headers, ca },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => {
          body += chunk
        })
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', fail)
    req.end(init.body === undefined ? undefined : JSON.stringify(init.body))
  })
}

/** The attributes of the one session cookie an answer sets, as lower-case names → values. */
function sessionCookie(answer: Answer) {
  const cookies = answer.headers['set-cookie'] ?? []
  expect(cookies, 'exactly one Set-Cookie').toHaveLength(1)
  const [pair, ...attributes] = cookies[0]!.split(';').map((part) => part.trim())
  const [name, value] = pair!.split('=', 2) as [string, string]
  const attrs = new Map(
    attributes.map((a) => {
      const [k, v = ''] = a.split('=', 2)
      return [k!.toLowerCase(), v] as const
    }),
  )
  return { name, value, attrs, pair: pair! }
}

/** What a browser needs to accept (or, for a deletion, to match) a `__Host-` cookie. */
function expectHostPrefixRules(answer: Answer) {
  const cookie = sessionCookie(answer)
  expect(cookie.name).toBe('__Host-ys_session')
  expect(cookie.attrs.has('secure')).toBe(true)
  expect(cookie.attrs.get('path')).toBe('/')
  expect(cookie.attrs.has('domain')).toBe(false)
  return cookie
}

/** A session cookie: the prefix rules, and out of reach of scripts and cross-site requests. */
function expectHostCookie(answer: Answer) {
  const cookie = expectHostPrefixRules(answer)
  expect(cookie.value).toMatch(/^[\w-]{40,}$/)
  expect(cookie.attrs.has('httponly')).toBe(true)
  expect(cookie.attrs.get('samesite')?.toLowerCase()).toBe('lax')
  return cookie
}

const HSTS = 'max-age=31536000; includeSubDomains'
const account = { email: 'tls@example.com', password: 'correct horse battery staple', name: 'Tia TLS' }

/** A server with PUBLIC_URL=https://localhost:<proxy port>, behind a TLS proxy with a fresh certificate. */
async function serverBehindTls() {
  const tls = selfSignedCertificate()
  let serverPort = 0
  const port = await tlsProxy(tls, () => serverPort)
  const server = await startTestServer({ publicUrl: `https://localhost:${port}` })
  serverPort = server.port
  expect(server.setupUrl).toMatch(new RegExp(`^https://localhost:${port}/setup#`))
  return { tls, port, token: new URL(server.setupUrl!).hash.slice(1) }
}

describe('behind TLS', () => {
  it('answers with HSTS and keeps the session in a __Host- cookie through setup, login and logout', async () => {
    const { tls, port, token } = await serverBehindTls()

    const health = await tlsFetch(port, tls.cert, '/api/setup')
    expect(health.status).toBe(200)
    expect(health.headers['strict-transport-security']).toBe(HSTS)

    const setup = await tlsFetch(port, tls.cert, '/api/setup', {
      method: 'POST',
      body: { token, ...account },
    })
    expect(setup.status).toBe(201)
    expect(setup.headers['strict-transport-security']).toBe(HSTS)
    const first = expectHostCookie(setup)
    expect(first.attrs.has('expires')).toBe(true)

    const me = await tlsFetch(port, tls.cert, '/api/auth/me', { cookie: first.pair })
    expect(me.status).toBe(200)
    expect(me.headers['strict-transport-security']).toBe(HSTS)
    // The plain name is not what the server reads any more.
    const plain = await tlsFetch(port, tls.cert, '/api/auth/me', { cookie: `ys_session=${first.value}` })
    expect(plain.status).toBe(401)

    const login = await tlsFetch(port, tls.cert, '/api/auth/login', {
      method: 'POST',
      body: { email: account.email, password: account.password },
    })
    expect(login.status).toBe(200)
    const second = expectHostCookie(login)

    const logout = await tlsFetch(port, tls.cert, '/api/auth/logout', { method: 'POST', cookie: second.pair })
    expect(logout.status).toBeLessThan(300)
    // Deleting a __Host- cookie needs the same Secure and Path=/, or the browser keeps it.
    const cleared = expectHostPrefixRules(logout)
    expect(cleared.value).toBe('')
    expect(Number(cleared.attrs.get('max-age') ?? '1')).toBe(0)
    expect((await tlsFetch(port, tls.cert, '/api/auth/me', { cookie: second.pair })).status).toBe(401)
  })

  it('the stock y-websocket client syncs over wss with the __Host- cookie, and not without it', async () => {
    const { tls, port, token } = await serverBehindTls()
    const setup = await tlsFetch(port, tls.cert, '/api/setup', {
      method: 'POST',
      body: { token, ...account },
    })
    const cookie = expectHostCookie(setup).pair
    const created = await tlsFetch(port, tls.cert, '/api/projects', {
      method: 'POST',
      cookie,
      body: { name: 'Over TLS' },
    })
    expect(created.status).toBe(201)
    const { id } = JSON.parse(created.body) as { id: string }
    const connect = (headers: Record<string, string>) => {
      class TlsWebSocket extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, {
            headers: { origin: `https://localhost:${port}`, ...headers },
            ca: tls.cert,
          })
        }
      }
      const doc = new Y.Doc()
      const provider = new WebsocketProvider(`wss://localhost:${port}${SYNC_PATH}`, id, doc, {
        WebSocketPolyfill: TlsWebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        maxBackoffTime: 300,
      })
      providers.push(provider)
      return { doc, provider }
    }
    const signedIn = connect({ cookie })
    await waitFor(() => signedIn.provider.synced, { message: 'synced over wss' })
    // New projects are seeded on the server with a heading holding the project's name.
    expect(guidelineFragment(signedIn.doc).toString()).toContain('Over TLS')
    const anonymous = connect({})
    await waitFor(() => anonymous.provider.wsUnsuccessfulReconnects > 0, { message: 'anonymous refused' })
    expect(anonymous.provider.synced).toBe(false)
  })

  it('over plain http there is no HSTS and the cookie is neither Secure nor __Host-', async () => {
    const server = await startTestServer({ dataDir: tempDataDir() })
    const token = new URL(server.setupUrl!).hash.slice(1)
    const setup = await api(server.url, '/api/setup', { body: { token, ...account } })
    expect(setup.status).toBe(201)
    expect(setup.headers.get('strict-transport-security')).toBeNull()
    const cookie = setup.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^ys_session=/)
    expect(cookie).not.toMatch(/;\s*secure/i)
  })
})
