/**
 * Issue 17 point 2: websocket upgrades are rate-limited per client address (429 + Retry-After before the
 * handshake, which the stock client retries with backoff), the limit is shared between instances through
 * Redis, and refusals are logged aggregated — one line per address and reason with a count — so a flood of
 * anonymous or unknown-document sockets writes a handful of lines, while a signed-in client keeps working.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { loadConfig } from '../../server/config'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { createProject, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, syncUrl, waitFor, waitForSynced } from '../helpers/clients'
import { dropSchemas, freshSchema, TEST_DATABASE_URL } from '../helpers/postgres'
import { redisPrefix, requireRedis, TEST_REDIS_URL } from '../helpers/redis'
import {
  type ChildServer,
  removeTempDirs,
  spawnServer,
  startTestServer,
  stopAllServers,
} from '../helpers/server'
import { startTcpProxy, type TcpProxy } from '../helpers/tcpProxy'

const proxies: TcpProxy[] = []

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()))
  removeTempDirs()
})
afterAll(() => dropSchemas())

type Outcome =
  | { kind: 'http'; status: number; retryAfter: string | null; body: string }
  | { kind: 'close'; code: number; reason: string }
  | { kind: 'open' }

/** A refusal after the handshake arrives at once; a socket still open after this was accepted. */
const ACCEPTED_AFTER_MS = 2_000

/**
 * Opens one raw sync socket and reports how it ended: an HTTP answer instead of the upgrade, a close, or
 * (closing it then) still open after ACCEPTED_AFTER_MS.
 */
function attempt(baseUrl: string, docName: string, headers: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${syncUrl(baseUrl)}/${docName}`, { headers })
    socket.on('error', () => {})
    socket.on('open', () => {
      setTimeout(() => {
        resolve({ kind: 'open' })
        socket.close()
      }, ACCEPTED_AFTER_MS)
    })
    socket.on('unexpected-response', (request, response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        body += chunk
      })
      response.on('end', () => {
        const retryAfter = response.headers['retry-after'] ?? null
        resolve({ kind: 'http', status: response.statusCode ?? 0, retryAfter, body })
        request.destroy()
      })
    })
    socket.on('close', (code, reason) => resolve({ kind: 'close', code, reason: reason.toString() }))
  })
}

const describeOutcome = (o: Outcome) =>
  o.kind === 'http' ? `http ${o.status}` : o.kind === 'close' ? `close ${o.code}` : 'open'

function tally(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const outcome of outcomes)
    counts[describeOutcome(outcome)] = (counts[describeOutcome(outcome)] ?? 0) + 1
  return counts
}

/** Stops a child server with SIGTERM (which writes the pending refusal counts) and returns its WARN lines. */
async function warnLinesAtShutdown(server: ChildServer): Promise<string[]> {
  server.child.kill('SIGTERM')
  await server.exited
  return server
    .output()
    .split('\n')
    .filter((line) => / (WARN|ERROR) /.test(line))
}

/** The `count=` of the refusal line for `reason` (0 when there is none). */
function countIn(lines: string[], reason: string): number {
  const line = lines.find((l) => l.includes(` refusals `) && l.includes(`reason=${JSON.stringify(reason)}`))
  return line ? Number(/ count=(\d+)/.exec(line)?.[1]) : 0
}

const TOO_MANY = 'too many connection attempts'

/** A fresh PostgreSQL schema (several instances need a shared store to share Redis). */
async function sharedDatabase(): Promise<string> {
  await requireRedis()
  const schema = await freshSchema()
  return `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`
}

describe('websocket upgrade limits and aggregated refusal logs', () => {
  it('300 anonymous upgrades: a few log lines with counts, 429 + Retry-After past the budget, a signed-in client unharmed', async () => {
    // Defaults for the limit and the log interval; the attacker comes through our proxy with its own address.
    const server = await spawnServer({ env: { TRUST_PROXY: 'true' } })
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const editor = connectClient(server.url, project, { user: owner })
    await waitForSynced(editor)
    const text = editor.doc.getText('t')
    const reader = connectClient(server.url, project, { user: owner })
    await waitForSynced(reader)

    const attacker = { 'x-forwarded-for': '203.0.113.9' }
    let typing = 0
    const typist = setInterval(() => text.insert(text.length, `${typing++} `), 5)
    const outcomes = await Promise.all(
      Array.from({ length: 300 }, () => attempt(server.url, project, attacker)),
    )
    clearInterval(typist)

    const counts = tally(outcomes)
    expect((counts['close 4401'] ?? 0) + (counts['http 429'] ?? 0), JSON.stringify(counts)).toBe(300)
    // Each refusal costs 1 + 10 of the 600-point budget: about 55 get "sign in required", the rest wait.
    expect(counts['close 4401']).toBeGreaterThan(0)
    expect(counts['close 4401']).toBeLessThanOrEqual(600 / 11 + 1)
    const limited = outcomes.find((o) => o.kind === 'http')
    expect(limited).toMatchObject({ kind: 'http', status: 429 })
    if (limited?.kind !== 'http') throw new Error('unreachable')
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1)
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60)
    expect(JSON.parse(limited.body)).toMatchObject({ error: 'rate_limited' })
    expect(JSON.parse(limited.body).message).toContain(`try again in ${limited.retryAfter} s`)

    // The signed-in client kept editing throughout, and another one (its own address) connects now.
    const expected = text.toString()
    await waitFor(() => reader.doc.getText('t').toString() === expected, { message: 'reader caught up' })
    expect(editor.provider.wsconnected && reader.provider.wsconnected).toBe(true)
    const late = connectClient(server.url, project, { user: owner })
    await waitForSynced(late)
    expect(late.doc.getText('t').toString()).toBe(expected)

    const lines = await warnLinesAtShutdown(server)
    console.info('outcomes of 300 anonymous upgrades', counts, '\nlog lines:\n', lines.join('\n'))
    expect(lines.length, lines.join('\n')).toBeLessThanOrEqual(4)
    expect(countIn(lines, CloseReason.unauthenticated)).toBe(counts['close 4401'])
    expect(countIn(lines, TOO_MANY)).toBe(counts['http 429'])
    for (const line of lines.filter((l) => l.includes(' refusals ')))
      expect(line).toContain('address="203.0.113.9"')
  })

  it('10,000 sockets for unknown documents write one line with the count', async () => {
    // The budget is off so that every socket reaches the document lookup (with it on, most would get 429).
    const server = await spawnServer({ env: { MAX_UPGRADES_PER_MINUTE: '0' } })
    const owner = await setupOwner(server)
    await createProject(server.url, owner)
    const outcomes: Outcome[] = []
    for (let batch = 0; batch < 50; batch++) {
      const names = Array.from({ length: 200 }, () => `nope-${Math.random().toString(36).slice(2)}`)
      outcomes.push(
        ...(await Promise.all(names.map((name) => attempt(server.url, name, { cookie: owner.cookie })))),
      )
    }
    expect(tally(outcomes)).toEqual({ [`close ${CloseCode.unknownDocument}`]: 10_000 })
    const lines = await warnLinesAtShutdown(server)
    expect(lines, lines.join('\n')).toHaveLength(1)
    expect(countIn(lines, CloseReason.unknownDocument)).toBe(10_000)
  }, 180_000)

  it('the stock client refused with 429 retries by itself and syncs once the budget refills', async () => {
    const server = await startTestServer({
      upgradeLimits: { upgradesPerMinute: 3, refusedUpgradeCost: 0, windowSeconds: 2 },
    })
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const used = await Promise.all(Array.from({ length: 3 }, () => attempt(server.url, 'nope', {})))
    expect(tally(used)).toEqual({ [`close ${CloseCode.unauthenticated}`]: 3 })
    expect(await attempt(server.url, project, { cookie: owner.cookie })).toMatchObject({ status: 429 })

    const client = connectClient(server.url, project, { user: owner })
    let refusedAttempts = 0
    client.provider.on('connection-close', () => refusedAttempts++)
    await waitForSynced(client, 15_000)
    expect(refusedAttempts).toBeGreaterThan(0)
    // It did not give up (as it would on a 44xx close): it is connected and stays so.
    expect(client.provider.shouldConnect).toBe(true)
  })

  it('refused upgrades cost more of the budget than accepted ones', async () => {
    const server = await startTestServer({
      upgradeLimits: { ...loadConfig({}).upgradeLimits, upgradesPerMinute: 22, refusedUpgradeCost: 10 },
    })
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    // Two refusals (1 + 10 each) spend the whole budget...
    for (let i = 0; i < 2; i++)
      expect(await attempt(server.url, project)).toMatchObject({ code: CloseCode.unauthenticated })
    expect(await attempt(server.url, project, { cookie: owner.cookie })).toMatchObject({ status: 429 })
    // ...while on a fresh server 22 signed-in upgrades fit in it.
    const other = await startTestServer({
      upgradeLimits: { ...loadConfig({}).upgradeLimits, upgradesPerMinute: 22, refusedUpgradeCost: 10 },
    })
    const owner2 = await setupOwner(other)
    const project2 = await createProject(other.url, owner2)
    const sockets = Array.from(
      { length: 22 },
      () =>
        new WebSocket(`${syncUrl(other.url)}/${project2}`, {
          headers: { cookie: owner2.cookie },
        }),
    )
    await Promise.all(
      sockets.map((s) => new Promise((resolve, reject) => s.once('open', resolve).once('error', reject))),
    )
    for (const socket of sockets) socket.close()
  })

  it('two instances sharing Redis share one budget per address', async () => {
    const databaseUrl = await sharedDatabase()
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redisPrefix(),
      MAX_UPGRADES_PER_MINUTE: '10',
      REFUSED_UPGRADE_COST: '0',
    }
    const a = await spawnServer({ env })
    const b = await spawnServer({ env })
    const first = []
    for (let i = 0; i < 6; i++) first.push(await attempt(a.url, 'nope'))
    const second = []
    for (let i = 0; i < 6; i++) second.push(await attempt(b.url, 'nope'))
    expect(tally(first)).toEqual({ 'close 4401': 6 })
    // B alone has seen 6 of 10, yet the last two are refused: the count is shared.
    expect(second.map(describeOutcome)).toEqual([...Array(4).fill('close 4401'), 'http 429', 'http 429'])
    // Each instance logs what it refused.
    const linesA = await warnLinesAtShutdown(a)
    const linesB = await warnLinesAtShutdown(b)
    expect(countIn(linesA, CloseReason.unauthenticated)).toBe(6)
    expect(countIn(linesB, CloseReason.unauthenticated)).toBe(4)
    expect(countIn(linesB, TOO_MANY)).toBe(2)
  })

  it('with Redis away, each instance keeps limiting on its own and nothing fails', async () => {
    const redisLink = await startTcpProxy(() => [Number(new URL(TEST_REDIS_URL).port || 6379)])
    proxies.push(redisLink)
    const server = await spawnServer({
      env: {
        DATABASE_URL: await sharedDatabase(),
        REDIS_URL: `redis://127.0.0.1:${redisLink.port}`,
        REDIS_PREFIX: redisPrefix(),
        MAX_UPGRADES_PER_MINUTE: '5',
        REFUSED_UPGRADE_COST: '0',
      },
    })
    redisLink.cut()
    const outcomes = []
    for (let i = 0; i < 7; i++) outcomes.push(describeOutcome(await attempt(server.url, 'nope')))
    expect(outcomes).toEqual([...Array(5).fill('close 4401'), 'http 429', 'http 429'])
    const lines = await warnLinesAtShutdown(server)
    expect(
      lines.filter((line) => line.includes('ERROR')),
      lines.join('\n'),
    ).toEqual([])
    expect(countIn(lines, TOO_MANY)).toBe(2)
  })
})
