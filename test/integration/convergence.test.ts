/**
 * Convergence property (fast-check): several clients edit at random while their network reorders and
 * duplicates updates both ways, sockets drop and reconnect, and the server is restarted with SIGTERM or
 * killed with SIGKILL. Right after every restart, before any editor reconnects, the server holds every
 * update it acknowledged as saved; at the end every replica, a newcomer and the stored document (after a
 * final kill -9 and restart) are the same document. A scenario run against a server with the test-only fault
 * `relay-before-durable` (server/sync/faultInjection.ts) must fail: proof that the property can catch it.
 */
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createProject, setupOwner } from '../helpers/accounts'
import { ChaosClient } from '../helpers/chaosClient'
import { waitFor } from '../helpers/clients'
import { sameDocument } from '../helpers/docCompare'
import { type ChildServer, removeTempDirs, spawnServer, stopAllServers } from '../helpers/server'

afterAll(async () => {
  await stopAllServers()
  removeTempDirs()
})

const CLIENTS = 3
/** What the runs exercised, so the property cannot pass vacuously. */
const seen = { SIGTERM: 0, SIGKILL: 0, ackedAtRestart: 0, drops: 0 }

const step = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      client: fc.nat(CLIENTS - 1),
      at: fc.nat(),
      text: fc.string({ minLength: 1, maxLength: 4 }),
      del: fc.nat(3),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('map' as const),
      client: fc.nat(CLIENTS - 1),
      key: fc.constantFrom('a', 'b', 'c'),
      value: fc.nat(99),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('flush' as const), client: fc.nat(CLIENTS - 1) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deliver' as const), client: fc.nat(CLIENTS - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), client: fc.nat(CLIENTS - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('connect' as const), client: fc.nat(CLIENTS - 1) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('restart' as const),
      signal: fc.constantFrom('SIGTERM' as const, 'SIGKILL' as const),
    }),
  },
)
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never

/** A replica loaded fresh from the server: what the server holds right now. */
async function observe(url: string, project: string, cookie: string): Promise<ChaosClient> {
  const observer = new ChaosClient(() => url, project, cookie, Math.random)
  await observer.connect()
  // Its sync step 1 carries an empty state vector: the server's answer is its whole document.
  await waitFor(() => {
    observer.deliver()
    return observer.doc.store.clients.size > 0
  })
  observer.drop()
  return observer
}

/** Whether applying `update` to (a copy of) `doc` changes nothing, i.e. the document already holds it. */
function holds(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  Y.applyUpdate(copy, update)
  return sameDocument(copy, doc)
}

async function runScenario(steps: Step[], seed: number, env: Record<string, string> = {}): Promise<void> {
  let server: ChildServer = await spawnServer({ env })
  const owner = await setupOwner(server)
  const project = await createProject(server.url, owner)
  const rng = fc.sample(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
    numRuns: 10_000,
    seed,
  })
  let r = 0
  const random = () => rng[r++ % rng.length]!
  const clients = Array.from(
    { length: CLIENTS },
    () => new ChaosClient(() => server.url, project, owner.cookie, random),
  )
  await Promise.all(clients.map((c) => c.connect()))
  const acked = () => clients.flatMap((c) => [...c.acked])
  let restarts = 0

  for (const s of steps) {
    if (s.kind === 'edit') {
      const text = clients[s.client]!.doc.getText('body')
      const at = s.at % (text.length + 1)
      if (s.del > 0 && text.length > at) text.delete(at, Math.min(s.del, text.length - at))
      else text.insert(at, s.text)
    } else if (s.kind === 'map') clients[s.client]!.doc.getMap('rubric').set(s.key, s.value)
    else if (s.kind === 'flush') clients[s.client]!.flush()
    else if (s.kind === 'deliver') clients[s.client]!.deliver()
    else if (s.kind === 'drop') {
      if (clients[s.client]!.connected) seen.drops++
      clients[s.client]!.drop()
    } else if (s.kind === 'connect') await clients[s.client]!.connect()
    else if (s.kind === 'restart' && restarts < 2) {
      restarts++
      // Kill right after an acknowledgement arrives: "saved" must already mean durable.
      const typist = clients.find((c) => c.connected)
      if (typist) {
        typist.doc.getText('body').insert(0, 'k')
        typist.flush()
        const last = typist.made.at(-1)!
        await waitFor(() => typist.acked.has(last) || !typist.connected, { message: 'saved before the kill' })
      }
      const before = acked()
      seen[s.signal]++
      seen.ackedAtRestart += before.length
      server.child.kill(s.signal)
      const code = await server.exited
      if (s.signal === 'SIGTERM') expect(code).toBe(0)
      server = await spawnServer({ dataDir: server.dataDir, env: { ...env, PORT: String(server.port) } })
      // Before any editor reconnects (and could resend): every acknowledged update survived.
      const stored = await observe(server.url, project, owner.cookie)
      const lost = before.filter((update) => !holds(stored.doc, update))
      expect(lost.length, `acknowledged updates lost after ${s.signal}`).toBe(0)
    }
    // Let the sockets carry what was sent.
    await new Promise((resolve) => setImmediate(resolve))
  }

  // Heal the network: everyone connected, everything sent and delivered, until all replicas agree.
  await waitFor(
    async () => {
      for (const c of clients) {
        if (!c.connected) await c.connect()
        c.flush()
        c.deliver()
      }
      return clients.every((c) => sameDocument(c.doc, clients[0]!.doc))
    },
    { timeout: 30_000, interval: 50, message: 'replicas converge' },
  )
  const newcomer = await observe(server.url, project, owner.cookie)
  expect(sameDocument(newcomer.doc, clients[0]!.doc)).toBe(true)
  // Everything acknowledged, once all acknowledgements are in.
  await waitFor(
    () => {
      for (const c of clients) c.flush()
      return clients.every((c) => c.made.every((u) => c.acked.has(u)))
    },
    { timeout: 30_000, interval: 50, message: 'every update acknowledged' },
  )
  for (const c of clients) c.drop()

  server.child.kill('SIGKILL')
  await server.exited
  server = await spawnServer({ dataDir: server.dataDir })
  const stored = await observe(server.url, project, owner.cookie)
  expect(sameDocument(stored.doc, clients[0]!.doc)).toBe(true)
  expect(acked().every((update) => holds(stored.doc, update))).toBe(true)
  expect(stored.doc.getText('body').toString()).toBe(clients[0]!.doc.getText('body').toString())
  await server.stop()
}

describe('convergence under reordering, duplication, disconnects and restarts', () => {
  it('all replicas and the stored document end equal, and nothing acknowledged is ever lost', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 60, maxLength: 120 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (steps, seed) => runScenario(steps, seed),
      ),
      { numRuns: 4, seed: 9_0004, endOnFailure: true },
    )
    expect(seen.SIGTERM).toBeGreaterThan(0)
    expect(seen.SIGKILL).toBeGreaterThan(0)
    expect(seen.ackedAtRestart).toBeGreaterThan(0)
    expect(seen.drops).toBeGreaterThan(0)
  }, 300_000)

  it('catches the bug it names: with the server acknowledging before writing (a test-only fault), it fails', async () => {
    const steps: Step[] = [
      { kind: 'edit', client: 0, at: 0, text: 'abc', del: 0 },
      { kind: 'flush', client: 0 },
      { kind: 'map', client: 1, key: 'a', value: 1 },
      { kind: 'flush', client: 1 },
      { kind: 'restart', signal: 'SIGKILL' },
    ]
    await expect(runScenario(steps, 1, { YARDSTICK_FAULT: 'relay-before-durable' })).rejects.toThrow(
      /acknowledged updates lost after SIGKILL/,
    )
  }, 120_000)
})
