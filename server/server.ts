/**
 * Starts a complete Yardstick server (store, rooms, HTTP + websocket on one port) and returns a handle
 * to stop it. Used by `main.ts` and by in-process integration tests.
 */

import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { createAdaptorServer } from '@hono/node-server'
import { WebSocketServer } from 'ws'
import { createApp } from './app'
import type { Config } from './config'
import { newProjectId } from './http/projects'
import { log } from './log'
import { seedExampleProjectIfEmpty } from './seed/exampleProject'
import { openSqliteStore } from './storage/sqlite'
import type { Store } from './storage/store'
import { RoomRegistry } from './sync/roomRegistry'

export interface RunningServer {
  port: number
  url: string
  dataDir: string
  store: Store
  registry: RoomRegistry
  /** Closes sockets with "going away", writes everything queued, and closes the store. */
  stop(): Promise<void>
}

export async function startServer(config: Config): Promise<RunningServer> {
  const store = openSqliteStore(join(config.dataDir, 'yardstick.sqlite'))
  if (config.seedExample) {
    const seeded = await seedExampleProjectIfEmpty(store, newProjectId)
    if (seeded) log.info('seeded the example project', { id: seeded.id, name: seeded.name })
  }
  const registry = new RoomRegistry({
    store,
    roomGraceMs: config.roomGraceMs,
    compactAfterUpdates: config.compactAfterUpdates,
  })
  const app = createApp({
    store,
    registry,
    clientDir: config.clientDir,
    maxMessageBytes: config.maxMessageBytes,
  })
  // The transport cap is twice our limit so that oversized messages get our own close code and reason.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxMessageBytes * 2,
    perMessageDeflate: false,
  })
  const server = createAdaptorServer({ fetch: app.fetch, websocket: { server: wss } })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`

  let stopping: Promise<void> | null = null
  const stop = () => {
    stopping ??= (async () => {
      await registry.shutdown()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        'closeAllConnections' in server && server.closeAllConnections()
      })
      await store.close()
    })()
    return stopping
  }
  return { port, url, dataDir: config.dataDir, store, registry, stop }
}
