/**
 * Starts a complete Yardstick server (store, rooms, HTTP + websocket on one port) and returns a handle
 * to stop it. Used by `main.ts` and by in-process integration tests.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { createAdaptorServer } from '@hono/node-server'
import { Redis } from 'ioredis'
import { WebSocketServer } from 'ws'
import { projectDocNames } from '../shared/protocol/docNames'
import { createApp } from './app'
import { userDocAccess, userMayEditDraft } from './auth/docAccess'
import { upgradeLimiter } from './auth/rateLimit'
import { hashToken, newId, randomToken } from './auth/tokens'
import type { ClusterEvents, ControlMessage, Fanout } from './cluster/fanout'
import { openRedisFanout } from './cluster/redisFanout'
import type { Config } from './config'
import { log } from './log'
import type { BlobStore } from './media/blobStore'
import { openFsBlobStore } from './media/fsBlobStore'
import { removeStaleUploads } from './media/ingest'
import { createMediaGc, type MediaGc, scheduleMediaGc } from './media/mediaGc'
import { openSqlBlobStore } from './media/sqlBlobStore'
import { RefusalLog } from './refusalLog'
import { seedExampleProjectIfEmpty } from './seed/exampleProject'
import { storeOver } from './storage/catalogue/index'
import { openPostgresDb } from './storage/postgres'
import type { Db } from './storage/sql'
import { openSqliteDb } from './storage/sqlite'
import type { Store } from './storage/store'
import { RoomRegistry } from './sync/roomRegistry'
import { handleSyncUpgrades } from './sync/syncUpgrade'
import { DEFAULT_RETRY_SCHEDULE } from './webhooks/backoff'
import { createWebhookWorker, type WebhookWorker } from './webhooks/worker'

export interface RunningServer {
  port: number
  url: string
  dataDir: string
  store: Store
  blobs: BlobStore
  /** Media garbage collection (also run on a timer every MEDIA_GC_INTERVAL_MS). */
  mediaGc: MediaGc
  registry: RoomRegistry
  /** The webhook delivery worker (null with WEBHOOK_WORKER=false). */
  webhookWorker: WebhookWorker | null
  /** The link to the other instances (null when running alone). */
  fanout: Fanout | null
  /** The Hono app (its `routes` are what the authorization matrix test enumerates). */
  app: ReturnType<typeof createApp>
  /** The one-time link that creates the owner account (null once an account exists). */
  setupUrl: string | null
  /** Closes sockets with "going away", writes everything queued, and closes the store. */
  stop(): Promise<void>
}

async function openDb(config: Config): Promise<Db> {
  if (!config.databaseUrl) return openSqliteDb(join(config.dataDir, 'yardstick.sqlite'))
  if (!/^postgres(ql)?:\/\//.test(config.databaseUrl))
    throw new Error('DATABASE_URL must be a postgres:// URL')
  log.info('using PostgreSQL', { url: config.databaseUrl.replace(/\/\/[^@]*@/, '//…@') })
  return openPostgresDb(config.databaseUrl)
}

/** Media bytes: files under DATA_DIR, or chunks in the store's own database (closed with the store). */
function openBlobStore(config: Config, db: Db): BlobStore {
  if (config.media.blobStore === 'sql') return openSqlBlobStore(db)
  if (config.redisUrl)
    log.warn('BLOB_STORE=fs with several instances: every instance must share DATA_DIR/blobs', {
      dir: join(config.dataDir, 'blobs'),
    })
  return openFsBlobStore(config.dataDir)
}

async function openFanout(config: Config, events: ClusterEvents): Promise<Fanout | null> {
  if (!config.redisUrl) return null
  if (!config.databaseUrl)
    throw new Error('REDIS_URL needs DATABASE_URL: several instances must share one PostgreSQL database')
  if (!/^rediss?:\/\//.test(config.redisUrl)) throw new Error('REDIS_URL must be a redis:// URL')
  log.info('relaying between instances through Redis', { url: config.redisUrl.replace(/\/\/[^@]*@/, '//…@') })
  return openRedisFanout({
    url: config.redisUrl,
    prefix: config.redisPrefix,
    heartbeatMs: config.instanceHeartbeatMs,
    instanceTimeoutMs: config.instanceTimeoutMs,
    events,
  })
}

export async function startServer(config: Config): Promise<RunningServer> {
  const db = await openDb(config)
  const store = storeOver(db)
  const blobs = openBlobStore(config, db)
  // Messages from other instances are applied once the registry exists (it is created just below).
  let registry: RoomRegistry | null = null
  /** A member's role changed or they left: every socket of theirs on the project's documents follows. */
  const applyMembershipChange = (projectId: string, userId: string) => {
    for (const docName of projectDocNames(projectId)) {
      void Promise.all([
        userDocAccess(store, userId, docName),
        userMayEditDraft(store, userId, docName),
      ]).then(
        ([access, mayEditDraft]) => {
          registry?.setUserMayEditDraft(docName, userId, mayEditDraft)
          registry?.setUserAccess(docName, userId, access === 'write' || access === 'read' ? access : null)
        },
        (error) =>
          log.error('could not apply a membership change to open sockets', { projectId, userId, error }),
      )
    }
  }
  const applyControl = (message: ControlMessage) => {
    if (message.kind === 'sessionEnded') registry?.closeSession(message.sessionId)
    else applyMembershipChange(message.projectId, message.userId)
  }
  let fanout: Fanout | null
  try {
    fanout = await openFanout(config, {
      control: applyControl,
      instanceGone: (instanceId) => registry?.dropInstance(instanceId),
      reconnected: () => registry?.catchUpAfterOutage(),
    })
  } catch (error) {
    await blobs.close()
    await store.close()
    throw error
  }
  // Uploads cut off by a crash of an earlier run (a live one is written to within the hour).
  const staleUploads = await removeStaleUploads(join(config.dataDir, 'uploads'), 60 * 60 * 1000)
  if (staleUploads > 0) log.info('removed abandoned upload files', { count: staleUploads })
  if (config.seedExample) {
    const seeded = await seedExampleProjectIfEmpty(store, newId)
    if (seeded) log.info('seeded the example project', { id: seeded.id, name: seeded.name })
  }
  const rooms = new RoomRegistry({
    store,
    roomGraceMs: config.roomGraceMs,
    compactAfterUpdates: config.compactAfterUpdates,
    relayBeforeDurable: config.syncRelay === 'before-durable',
    fanout,
    maxRooms: config.syncLimits.openRooms,
  })
  registry = rooms
  /** Applies a control message here and sends it to the other instances. */
  const broadcastControl = (message: ControlMessage) => {
    applyControl(message)
    fanout?.publishControl(message)
  }
  // Fails fast while Redis is away, so the in-memory insurance limiter answers instead.
  const rateLimitRedis = config.redisUrl
    ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0 })
    : null
  rateLimitRedis?.on('error', () => {})
  let stopping: Promise<void> | null = null
  let publicUrl = config.publicUrl ?? `http://localhost:${config.port}`
  const allowedOrigins = [
    ...config.allowedOrigins,
    ...(config.publicUrl ? [new URL(config.publicUrl).origin] : []),
  ]
  const webhookPolicy = { allowPrivate: config.webhooks.allowPrivate }
  const webhookWorker = config.webhooks.worker
    ? createWebhookWorker({
        store,
        policy: webhookPolicy,
        timeoutMs: config.webhooks.timeoutMs,
        schedule: DEFAULT_RETRY_SCHEDULE,
        pollMs: config.webhooks.pollMs,
      })
    : null
  const app = createApp({
    store,
    webhooks: { policy: webhookPolicy, nudge: () => webhookWorker?.nudge() },
    blobs,
    media: config.media,
    uploadDir: join(config.dataDir, 'uploads'),
    registry: rooms,
    clientDir: config.clientDir,
    maxMessageBytes: config.maxMessageBytes,
    allowedOrigins,
    auth: {
      secureCookies: publicUrl.startsWith('https:'),
      publicUrl: () => publicUrl,
      authAttemptsPerMinute: config.authAttemptsPerMinute,
      trustProxy: config.trustProxy,
      rateLimitRedis,
    },
    onSessionEnded: (sessionId) => broadcastControl({ kind: 'sessionEnded', sessionId }),
    onMembershipChanged: (projectId, userId) =>
      broadcastControl({ kind: 'membershipChanged', projectId, userId }),
    async readiness() {
      if (stopping) throw new Error('shutting down')
      await store.ping().catch((error: Error) => {
        throw new Error(`database: ${error.message}`)
      })
      await fanout?.ping().catch((error: Error) => {
        throw new Error(`redis: ${error.message}`)
      })
    },
  })
  // The transport cap is twice our limit so that oversized messages get our own close code and reason.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxMessageBytes * 2,
    perMessageDeflate: false,
  })
  const server = createAdaptorServer({ fetch: app.fetch })
  const refusals = new RefusalLog(config.refusalLog).start()
  const mediaGc = createMediaGc({ store, blobs, graceMs: config.media.gcGraceMs })
  const mediaGcTimer = scheduleMediaGc(mediaGc, config.media.gcIntervalMs)
  handleSyncUpgrades(server as Server, wss, {
    upgradeLimiter: upgradeLimiter(config.upgradeLimits, rateLimitRedis, config.redisPrefix),
    refusals,
    store,
    registry: rooms,
    maxMessageBytes: config.maxMessageBytes,
    limits: config.syncLimits,
    trustProxy: config.trustProxy,
    access: { secureCookies: publicUrl.startsWith('https:'), allowedOrigins },
  })

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

  const stop = () => {
    stopping ??= (async () => {
      await rooms.shutdown()
      await fanout?.close()
      rateLimitRedis?.disconnect()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        'closeAllConnections' in server && server.closeAllConnections()
      })
      refusals.close()
      await mediaGcTimer.stop()
      await webhookWorker?.stop()
      await blobs.close()
      await store.close()
    })()
    return stopping
  }
  return {
    port,
    url,
    dataDir: config.dataDir,
    store,
    blobs,
    mediaGc,
    webhookWorker,
    registry: rooms,
    fanout,
    app,
    setupUrl,
    stop,
  }
}
