/**
 * Several Yardstick instances (child processes on different ports) sharing one PostgreSQL schema and one
 * Redis: clients on different instances co-edit and converge, presence crosses instances and expires with
 * a dead instance, `kill -9` and SIGTERM lose nothing, a cut link to Redis loses nothing, and sign-outs and
 * membership changes reach sockets on every instance.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { openPostgresStore } from '../../server/storage/postgres'
import { loadDoc } from '../../server/sync/storedDoc'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { api, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import {
  connectClient,
  destroyAllClients,
  openRawSocket,
  type TestClient,
  waitFor,
  waitForSynced,
} from '../helpers/clients'
import { dropSchemas, freshSchema, TEST_DATABASE_URL } from '../helpers/postgres'
import { redisPrefix, requireRedis, TEST_REDIS_URL } from '../helpers/redis'
import { type ChildServer, removeTempDirs, spawnServer, stopAllServers } from '../helpers/server'
import { startTcpProxy, type TcpProxy } from '../helpers/tcpProxy'

const proxies: TcpProxy[] = []

beforeAll(() => requireRedis())
afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()))
  removeTempDirs()
})
afterAll(() => dropSchemas())

interface Cluster {
  schema: string
  databaseUrl: string
  /** Starts one more instance sharing the database and Redis. */
  start(options?: { redisUrl?: string; env?: Record<string, string> }): Promise<ChildServer>
}

async function cluster(): Promise<Cluster> {
  const schema = await freshSchema()
  const databaseUrl = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`
  const prefix = redisPrefix()
  return {
    schema,
    databaseUrl,
    start: (options = {}) =>
      spawnServer({
        env: {
          DATABASE_URL: databaseUrl,
          REDIS_URL: options.redisUrl ?? TEST_REDIS_URL,
          REDIS_PREFIX: prefix,
          INSTANCE_HEARTBEAT_MS: '200',
          INSTANCE_TIMEOUT_MS: '1000',
          // Compact often, so compactions from several instances overlap with the edits.
          COMPACT_AFTER_UPDATES: '25',
          ...options.env,
        },
      }),
  }
}

async function proxy(backends: () => number[]): Promise<TcpProxy> {
  const started = await startTcpProxy(backends)
  proxies.push(started)
  return started
}

/** The document as PostgreSQL holds it. */
async function storedDoc(c: Cluster, name: string): Promise<Y.Doc> {
  const store = await openPostgresStore(TEST_DATABASE_URL, { schema: c.schema })
  try {
    return (await loadDoc(store, name)).doc
  } finally {
    await store.close()
  }
}

const logOf = (doc: Y.Doc) => doc.getArray<string>('log').toArray()
const sortedLog = (doc: Y.Doc) => [...logOf(doc)].sort()

/** Clients that each append `c<i>-<n>` items, and remember every item they received from others. */
function editors(clients: TestClient[]) {
  const seen = clients.map(() => new Set<string>())
  clients.forEach((client, i) => {
    client.doc.getArray<string>('log').observe((event) => {
      if (event.transaction.local) return
      for (const delta of event.changes.delta)
        for (const item of (delta.insert as string[] | undefined) ?? []) seen[i]!.add(item)
    })
  })
  let n = 0
  const timer = setInterval(() => {
    n++
    clients.forEach((client, i) => {
      client.doc.getArray<string>('log').push([`c${i}-${n}`])
    })
  }, 15)
  return {
    seen,
    stop: () => clearInterval(timer),
    written: () => clients.length * n,
  }
}

async function converged(clients: TestClient[], expectedCount: number, timeout = 20_000): Promise<void> {
  await waitFor(() => clients.every((client) => logOf(client.doc).length === expectedCount), {
    timeout,
    message: `every client to hold ${expectedCount} items`,
  })
  const first = sortedLog(clients[0]!.doc)
  for (const client of clients) expect(sortedLog(client.doc)).toEqual(first)
}

const presenceOf = (observer: TestClient, other: TestClient) =>
  observer.provider.awareness.getStates().get(other.doc.clientID) as { cursor?: string } | undefined

/** Two instances behind a round-robin load balancer, an owner and a project; `onlyB` takes A out of rotation. */
async function twoBehindLoadBalancer() {
  const c = await cluster()
  const a = await c.start()
  const owner = await setupOwner(a)
  const project = await createProject(a.url, owner)
  const b = await c.start()
  let live = [a.port, b.port]
  const lb = await proxy(() => live)
  return {
    c,
    a,
    b,
    owner,
    project,
    lbUrl: `http://127.0.0.1:${lb.port}`,
    onlyB: () => {
      live = [b.port]
    },
  }
}

describe('several instances on PostgreSQL and Redis', () => {
  it('co-edit across two instances, share presence, and a late joiner on a third gets everything', async () => {
    const c = await cluster()
    const a = await c.start()
    const owner = await setupOwner(a)
    const project = await createProject(a.url, owner)
    const b = await c.start()

    const onA = connectClient(a.url, project, { user: owner })
    const onB = connectClient(b.url, project, { user: owner })
    await Promise.all([waitForSynced(onA), waitForSynced(onB)])
    onA.provider.awareness.setLocalStateField('cursor', 'on A')
    onB.provider.awareness.setLocalStateField('cursor', 'on B')

    const textA = onA.doc.getText('body')
    const textB = onB.doc.getText('body')
    for (let i = 0; i < 60; i++) {
      textA.insert(textA.length, `a${i} `)
      textB.insert(0, `b${i} `)
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await waitFor(() => textA.toString() === textB.toString() && textA.length > 0, {
      message: 'the two instances to converge',
    })
    for (let i = 0; i < 60; i++) {
      expect(textA.toString()).toContain(`a${i} `)
      expect(textA.toString()).toContain(`b${i} `)
    }
    // Presence crosses instances, with the account's name from the instance the client is on.
    await waitFor(() => presenceOf(onB, onA)?.cursor === 'on A' && presenceOf(onA, onB)?.cursor === 'on B', {
      message: 'presence on both instances',
    })
    expect((presenceOf(onB, onA) as { user?: { name?: string } }).user?.name).toBe(owner.name)

    const third = await c.start()
    const late = connectClient(third.url, project, { user: owner })
    await waitForSynced(late)
    expect(late.doc.getText('body').toString()).toBe(textA.toString())
    await waitFor(
      () => presenceOf(late, onA)?.cursor === 'on A' && presenceOf(late, onB)?.cursor === 'on B',
      {
        message: 'a late joiner on a third instance to see both',
      },
    )
    // An edit on the third instance reaches the other two.
    late.doc.getText('body').insert(0, 'third! ')
    await waitFor(() => textA.toString().startsWith('third! ') && textB.toString().startsWith('third! '))
    expect((await storedDoc(c, project)).getText('body').toString()).toBe(textA.toString())
  })

  it("drops a killed instance's presence for everyone on the other instances", async () => {
    const c = await cluster()
    const a = await c.start()
    const owner = await setupOwner(a)
    const project = await createProject(a.url, owner)
    const b = await c.start()
    const onA = connectClient(a.url, project, { user: owner })
    const onB = connectClient(b.url, project, { user: owner })
    await Promise.all([waitForSynced(onA), waitForSynced(onB)])
    onA.provider.awareness.setLocalStateField('cursor', 'here')
    await waitFor(() => presenceOf(onB, onA)?.cursor === 'here', { message: 'presence across instances' })

    a.child.kill('SIGKILL')
    await a.exited
    // Well before the clients' own 30 s awareness timeout: the instance heartbeat stopped (1 s here).
    await waitFor(() => presenceOf(onB, onA) === undefined, {
      timeout: 8000,
      message: "the dead instance's client to vanish",
    })
    // And a newcomer on the surviving instance is not told about it.
    const newcomer = connectClient(b.url, project, { user: owner })
    await waitForSynced(newcomer)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(presenceOf(newcomer, onA)).toBeUndefined()
  })

  it('kill -9 of one instance during edits through a load balancer: clients move over and nothing received is lost', async () => {
    const { c, a, owner, project, lbUrl, onlyB } = await twoBehindLoadBalancer()

    const clients = Array.from({ length: 4 }, () => connectClient(lbUrl, project, { user: owner }))
    await Promise.all(clients.map((client) => waitForSynced(client)))
    const editing = editors(clients)
    await new Promise((resolve) => setTimeout(resolve, 1500))

    onlyB()
    a.child.kill('SIGKILL')
    await a.exited
    const receivedBeforeKill = editing.seen.flatMap((seen) => [...seen])
    expect(receivedBeforeKill.length).toBeGreaterThan(0)

    await new Promise((resolve) => setTimeout(resolve, 1500))
    editing.stop()
    await converged(clients, editing.written())
    const stored = new Set(logOf(await storedDoc(c, project)))
    for (const item of receivedBeforeKill) expect(stored.has(item), `${item} is stored`).toBe(true)
    expect(stored.size).toBe(editing.written())
  })

  it('SIGTERM of one instance closes its sockets with "going away"; its clients move over and lose nothing', async () => {
    const { c, a, owner, project, lbUrl, onlyB } = await twoBehindLoadBalancer()
    const clients = Array.from({ length: 4 }, () => connectClient(lbUrl, project, { user: owner }))
    await Promise.all(clients.map((client) => waitForSynced(client)))
    const raw = openRawSocket(a.url, project, { user: owner })
    await raw.opened
    const editing = editors(clients)
    await new Promise((resolve) => setTimeout(resolve, 1000))

    onlyB()
    a.child.kill('SIGTERM')
    expect((await raw.closed).code).toBe(1001)
    expect(await a.exited).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    editing.stop()
    await converged(clients, editing.written())
    expect(sortedLog(await storedDoc(c, project))).toEqual(sortedLog(clients[0]!.doc))
  })

  it('loses nothing when the link to Redis is cut during edits, and converges once it is back', async () => {
    const c = await cluster()
    const redisLink = await proxy(() => [Number(new URL(TEST_REDIS_URL).port || 6379)])
    const redisUrl = `redis://127.0.0.1:${redisLink.port}`
    const a = await c.start({ redisUrl })
    const owner = await setupOwner(a)
    const project = await createProject(a.url, owner)
    const b = await c.start({ redisUrl })
    const onA = connectClient(a.url, project, { user: owner })
    const onB = connectClient(b.url, project, { user: owner })
    await Promise.all([waitForSynced(onA), waitForSynced(onB)])
    const editing = editors([onA, onB])
    await new Promise((resolve) => setTimeout(resolve, 500))

    redisLink.cut()
    await waitFor(async () => (await fetch(`${a.url}/readyz`)).status === 503, {
      message: '/readyz to report Redis down',
    })
    const notReady = (await (await fetch(`${b.url}/readyz`)).json()) as { message: string }
    expect(notReady.message).toMatch(/redis/)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    redisLink.restore()
    await waitFor(async () => (await fetch(`${a.url}/readyz`)).status === 200, {
      message: '/readyz to recover',
    })
    await new Promise((resolve) => setTimeout(resolve, 500))
    editing.stop()

    await converged([onA, onB], editing.written())
    expect(sortedLog(await storedDoc(c, project))).toEqual(sortedLog(onA.doc))
  })

  it('shares login rate limits between instances, per client IP behind a trusted proxy', async () => {
    const c = await cluster()
    const env = { AUTH_ATTEMPTS_PER_MINUTE: '3', TRUST_PROXY: 'true' }
    const a = await c.start({ env })
    const b = await c.start({ env })
    const attempt = (server: ChildServer, ip: string) =>
      api(server.url, '/api/auth/login', {
        body: { email: 'nobody@example.com', password: 'wrong password here' },
        headers: { 'x-forwarded-for': `203.0.113.9, ${ip}` },
      }).then((response) => response.status)
    expect(await attempt(a, '198.51.100.1')).toBe(401)
    expect(await attempt(b, '198.51.100.1')).toBe(401)
    expect(await attempt(a, '198.51.100.1')).toBe(401)
    expect(await attempt(b, '198.51.100.1')).toBe(429)
    // Another client behind the same proxy is not affected.
    expect(await attempt(b, '198.51.100.2')).toBe(401)
  })

  it('applies sign-outs and membership changes to sockets on every instance', async () => {
    const c = await cluster()
    const a = await c.start()
    const owner = await setupOwner(a)
    const project = await createProject(a.url, owner)
    const lead: TestUser = await inviteUser(a.url, owner, project, 'lead', 'Lee Lead')
    const b = await c.start()

    const leadOnB = openRawSocket(b.url, project, { user: lead })
    await leadOnB.opened
    const removed = await api(a.url, `/api/projects/${project}/members/${lead.id}`, {
      user: owner,
      method: 'DELETE',
    })
    expect(removed.status).toBe(204)
    expect((await leadOnB.closed).code).toBe(CloseCode.forbidden)

    const ownerOnB = openRawSocket(b.url, project, { user: owner })
    await ownerOnB.opened
    expect((await api(a.url, '/api/auth/logout', { user: owner, body: {} })).status).toBe(204)
    expect((await ownerOnB.closed).code).toBe(CloseCode.unauthenticated)
  })
})
