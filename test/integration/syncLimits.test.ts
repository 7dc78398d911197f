/**
 * The sync server's per-client limits, each answered with its close code and reason and each affecting only
 * the client that exceeded it: messages per second, connections per account and per address, documents open
 * in memory; and 10,000 sockets asking for documents that do not exist leave no rooms, no rows and little
 * memory behind.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config'
import type { SyncLimitConfig } from '../../server/sync/syncLimits'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { MessageType } from '../../shared/protocol/messages'
import { createProject, inviteUser, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, openRawSocket, waitFor, waitForSynced } from '../helpers/clients'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

const limits = (overrides: Partial<SyncLimitConfig>) => ({
  syncLimits: { ...loadConfig({}).syncLimits, ...overrides },
})
const QUERY_AWARENESS = new Uint8Array([MessageType.queryAwareness])

describe('sync limits', () => {
  it('closes a connection that sends too many messages per second, and only that one', async () => {
    const server = await startTestServer(limits({ messagesPerSecond: 5, messageBurst: 10 }))
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const calm = connectClient(server.url, project, { user: owner })
    await waitForSynced(calm)
    const flood = openRawSocket(server.url, project, { user: owner })
    await flood.opened
    for (let i = 0; i < 50; i++) flood.socket.send(QUERY_AWARENESS)
    expect(await flood.closed).toEqual({ code: CloseCode.rateLimited, reason: CloseReason.tooManyMessages })
    // The calm client goes on editing.
    calm.doc.getText('t').insert(0, 'still here')
    const other = connectClient(server.url, project, { user: owner })
    await waitFor(() => other.doc.getText('t').toString() === 'still here')
    expect(calm.provider.wsconnected).toBe(true)
  })

  it('refuses connections beyond the per-account limit until one closes', async () => {
    const server = await startTestServer(limits({ connectionsPerAccount: 3 }))
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const open = Array.from({ length: 3 }, () => openRawSocket(server.url, project, { user: owner }))
    await Promise.all(open.map((s) => s.opened))
    const fourth = openRawSocket(server.url, project, { user: owner })
    expect(await fourth.closed).toEqual({
      code: CloseCode.rateLimited,
      reason: CloseReason.tooManyAccountConnections,
    })
    // Another account is not affected.
    const lead = await inviteUser(server.url, owner, project, 'lead', 'Lee Lead')
    const leads = openRawSocket(server.url, project, { user: lead })
    await leads.opened
    open[0]!.socket.close()
    await open[0]!.closed
    await waitFor(async () => {
      const again = openRawSocket(server.url, project, { user: owner })
      const outcome = await Promise.race([
        again.opened.then(() => new Promise((resolve) => setTimeout(() => resolve('open'), 200))),
        again.closed.then(() => 'closed'),
      ])
      return outcome === 'open'
    })
  })

  it('refuses connections beyond the per-address limit, counting the proxy-given address when trusted', async () => {
    const server = await startTestServer({ ...limits({ connectionsPerAddress: 2 }), trustProxy: true })
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const from = (ip: string) =>
      openRawSocket(server.url, project, { user: owner, headers: { 'x-forwarded-for': ip } })
    const a = [from('198.51.100.1'), from('198.51.100.1')]
    await Promise.all(a.map((s) => s.opened))
    expect(await from('198.51.100.1').closed).toEqual({
      code: CloseCode.rateLimited,
      reason: CloseReason.tooManyAddressConnections,
    })
    await from('198.51.100.2').opened
  })

  it('answers "try again later" when the server holds its maximum of open documents', async () => {
    const server = await startTestServer(limits({ openRooms: 2 }))
    const owner = await setupOwner(server)
    const projects = [
      await createProject(server.url, owner, 'one'),
      await createProject(server.url, owner, 'two'),
      await createProject(server.url, owner, 'three'),
    ]
    const first = openRawSocket(server.url, projects[0]!, { user: owner })
    const second = openRawSocket(server.url, projects[1]!, { user: owner })
    await Promise.all([first.opened, second.opened])
    expect(await openRawSocket(server.url, projects[2]!, { user: owner }).closed).toEqual({
      code: CloseCode.tryAgainLater,
      reason: CloseReason.tooManyRooms,
    })
    // More connections to an open document are fine.
    await openRawSocket(server.url, projects[0]!, { user: owner }).opened
    // Once a document is evicted, the third one opens (the stock client retries 1013 by itself).
    second.socket.close()
    await waitFor(() => server.registry.stats().rooms === 1)
    const third = connectClient(server.url, projects[2]!, { user: owner })
    await waitForSynced(third)
  })

  it('10,000 sockets asking for random document names create no rooms, no rows and little memory', async () => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    // Every socket must reach the document lookup; the upgrade budget is tested in upgradeLimits.test.ts.
    const server = await startTestServer({
      upgradeLimits: { ...loadConfig({}).upgradeLimits, upgradesPerMinute: 0 },
    })
    const owner = await setupOwner(server)
    await createProject(server.url, owner)
    gc()
    const heapBefore = process.memoryUsage().heapUsed
    const names: string[] = []
    const codes = new Map<number, number>()
    for (let batch = 0; batch < 50; batch++) {
      const closes = Array.from({ length: 200 }, () => {
        const name = `nope-${Math.random().toString(36).slice(2)}`
        names.push(name)
        return openRawSocket(server.url, name, { user: owner }).closed
      })
      for (const { code } of await Promise.all(closes)) codes.set(code, (codes.get(code) ?? 0) + 1)
    }
    expect(codes).toEqual(new Map([[CloseCode.unknownDocument, 10_000]]))
    expect(server.registry.stats()).toEqual({ rooms: 0, connections: 0 })
    for (const name of names.slice(0, 50))
      expect(await server.store.docStats(name)).toEqual({ updateCount: 0, updateBytes: 0, snapshotBytes: 0 })
    gc()
    const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024
    expect(grownMb).toBeLessThan(30)
  }, 120_000)
})
