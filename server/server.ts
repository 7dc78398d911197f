/**
 * Starts a complete Yardstick server (store, rooms, HTTP + websocket on one port) and returns a handle
 * to stop it. Used by `main.ts` and by in-process integration tests.
 */
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { createAdaptorServer } from '@hono/node-server'
import { WebSocketServer } from 'ws'
import { projectDocNames } from '../shared/protocol/docNames'
import { createApp } from './app'
import { userDocAccess } from './auth/docAccess'
import { hashToken, newId, randomToken } from './auth/tokens'
import type { Config } from './config'
import { log } from './log'
import { seedExampleProjectIfEmpty } from './seed/exampleProject'
import { openPostgresStore } from './storage/postgres'
import { openSqliteStore } from './storage/sqlite'
import type { Store } from './storage/store'
import { RoomRegistry } from './sync/roomRegistry'

export interface RunningServer {
  port: number
  url: string
  dataDir: string
  store: Store
  registry: RoomRegistry
  /** The Hono app (its `routes` are what the authorization matrix test enumerates). */
  app: ReturnType<typeof createApp>
  /** The one-time link that creates the owner account (null once an account exists). */
  setupUrl: string | null
  /** Closes sockets with "going away", writes everything queued, and closes the store. */
  stop(): Promise<void>
}

async function openStore(config: Config): Promise<Store> {
  if (!config.databaseUrl) return openSqliteStore(join(config.dataDir, 'yardstick.sqlite'))
  if (!/^postgres(ql)?:\/\//.test(config.databaseUrl))
    throw new Error('DATABASE_URL must be a postgres:// URL')
  log.info('using PostgreSQL', { url: config.databaseUrl.replace(/\/\/[^@]*@/, '//…@') })
  return openPostgresStore(config.databaseUrl)
}

export async function startServer(config: Config): Promise<RunningServer> {
  const store = await openStore(config)
  if (config.seedExample) {
    const seeded = await seedExampleProjectIfEmpty(store, newId)
    if (seeded) log.info('seeded the example project', { id: seeded.id, name: seeded.name })
  }
  const registry = new RoomRegistry({
    store,
    roomGraceMs: config.roomGraceMs,
    compactAfterUpdates: config.compactAfterUpdates,
  })
  let publicUrl = config.publicUrl ?? `http://localhost:${config.port}`
  const app = createApp({
    store,
    registry,
    clientDir: config.clientDir,
    maxMessageBytes: config.maxMessageBytes,
    allowedOrigins: [
      ...config.allowedOrigins,
      ...(config.publicUrl ? [new URL(config.publicUrl).origin] : []),
    ],
    auth: {
      secureCookies: publicUrl.startsWith('https:'),
      publicUrl: () => publicUrl,
      authAttemptsPerMinute: config.authAttemptsPerMinute,
    },
    onSessionEnded: (sessionId) => registry.closeSession(sessionId),
    onMembershipChanged(projectId, userId) {
      for (const docName of projectDocNames(projectId)) {
        void userDocAccess(store, userId, docName).then(
          (access) =>
            registry.setUserAccess(docName, userId, access === 'write' || access === 'read' ? access : null),
          (error) =>
            log.error('could not apply a membership change to open sockets', { projectId, userId, error }),
        )
      }
    },
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
  if (!config.publicUrl) publicUrl = `http://localhost:${port}`

  let setupUrl: string | null = null
  if ((await store.countUsers()) === 0) {
    const token = randomToken(32)
    await store.addSetupToken(hashToken(token))
    setupUrl = `${publicUrl}/setup#${token}`
  }

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
  return { port, url, dataDir: config.dataDir, store, registry, app, setupUrl, stop }
}
