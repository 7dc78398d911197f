/** Server configuration read once from the environment, with the defaults `npm start` uses. */
import { resolve } from 'node:path'
import ipaddr from 'ipaddr.js'
import { DEFAULT_MAX_IMAGE_PIXELS, DEFAULT_MEDIA_LIMITS, type MediaKind } from '../shared/schema/media'
import type { UpgradeLimitConfig } from './auth/rateLimit'
import type { RefusalLogOptions } from './refusalLog'
import type { SyncLimitConfig } from './sync/syncLimits'

/** Where media blobs live, how big uploads may be, and how unreferenced blobs are collected. */
export interface MediaConfig {
  /** `fs`: files under DATA_DIR/blobs (the default); `sql`: chunked rows in the store's database. */
  blobStore: 'fs' | 'sql'
  /** Largest accepted upload per kind, in bytes (413 above). */
  maxBytes: Readonly<Record<MediaKind, number>>
  /** Largest image (width × height) the server decodes; larger dimensions are refused before decoding. */
  maxImagePixels: number
  /** A blob uploaded less than this long ago is never collected, referenced or not. */
  gcGraceMs: number
  /** How often garbage collection runs (0: never). */
  gcIntervalMs: number
}

/** Webhook delivery (server/webhooks/): where it may connect, how long it waits, whether it runs here. */
export interface WebhookConfig {
  /** WEBHOOK_ALLOW_PRIVATE_HOSTS: addresses/CIDRs allowed though not public (and over http); off by default. */
  allowPrivate: string[]
  timeoutMs: number
  pollMs: number
  /** WEBHOOK_WORKER=false: this instance queues deliveries but leaves sending them to the others. */
  worker: boolean
}

export interface Config {
  port: number
  host: string
  dataDir: string
  /** Built client to serve (index.html and assets); absent in API-only tests. */
  clientDir: string
  /** Largest accepted websocket message; larger ones close the connection with 4413. */
  maxMessageBytes: number
  /** How long an empty room stays in memory before it is evicted. */
  roomGraceMs: number
  /** Compact a document's update log once this many updates sit after its snapshot. */
  compactAfterUpdates: number
  /**
   * SYNC_RELAY: `after-durable` (the default, invariant 2) relays an update once it is written;
   * `before-durable` (opt-in, measured in the fan-out bench) relays it to this instance's other clients as soon
   * as it is checked, with "saved" still sent only once it is written — see docs/operations.md for its loss window.
   */
  syncRelay: SyncRelay
  /** Seed the example project when the database has no project. */
  seedExample: boolean
  /** Base URL of links the server prints and hands out; defaults to http://localhost:<port>. */
  publicUrl: string | null
  /** Origins besides the request's own allowed to change state and open sync sockets. */
  allowedOrigins: string[]
  /** Attempts per minute per IP on login, setup and invite endpoints. */
  authAttemptsPerMinute: number
  /** `postgres://…` to use PostgreSQL instead of the embedded SQLite file. */
  databaseUrl: string | null
  /** `redis://…` to relay between several instances sharing one PostgreSQL database. */
  redisUrl: string | null
  /** Prefix of the Redis channel names (deployments sharing one Redis need different ones). */
  redisPrefix: string
  /** How often an instance tells the others it is alive. */
  instanceHeartbeatMs: number
  /** Silence after which the others treat an instance as gone and drop its clients' presence. */
  instanceTimeoutMs: number
  /** Behind a reverse proxy: take the client IP (for rate limits) from X-Forwarded-For. */
  trustProxy: boolean
  /** What one client may make the sync server do (see sync/syncLimits.ts). */
  syncLimits: SyncLimitConfig
  /** Websocket upgrades per minute per client address (see docs/operations.md for the defaults' reasoning). */
  upgradeLimits: UpgradeLimitConfig
  /** How refusals are logged: one line per address and reason per interval, with a count. */
  refusalLog: Pick<RefusalLogOptions, 'intervalMs' | 'maxAddresses'>
  media: MediaConfig
  webhooks: WebhookConfig
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`)
  return value
}

function intAtLeast(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum: number): number {
  const value = intFromEnv(env, name, fallback)
  if (value < minimum) throw new Error(`${name} must be at least ${minimum}, got "${env[name]}"`)
  return value
}

export const SYNC_RELAY_MODES = ['after-durable', 'before-durable'] as const
export type SyncRelay = (typeof SYNC_RELAY_MODES)[number]

function syncRelayFromEnv(env: NodeJS.ProcessEnv): SyncRelay {
  const raw = env.SYNC_RELAY || 'after-durable'
  const mode = SYNC_RELAY_MODES.find((m) => m === raw)
  if (!mode) throw new Error(`SYNC_RELAY must be one of ${SYNC_RELAY_MODES.join(', ')}, got "${raw}"`)
  return mode
}

const BLOB_STORES = ['fs', 'sql'] as const
const HOUR_MS = 60 * 60 * 1000
/** Shortest grace: an upload's 201 and the edit that references it must never straddle a collection. */
const MIN_GC_GRACE_MS = 10 * 60 * 1000
/** Shortest GC interval (a shorter one would rescan every document all the time). */
const MIN_GC_INTERVAL_MS = 1000

function blobStoreFromEnv(env: NodeJS.ProcessEnv): MediaConfig['blobStore'] {
  const raw = env.BLOB_STORE || 'fs'
  const store = BLOB_STORES.find((s) => s === raw)
  if (!store) throw new Error(`BLOB_STORE must be one of ${BLOB_STORES.join(', ')}, got "${raw}"`)
  return store
}

export function loadMediaConfig(env: NodeJS.ProcessEnv): MediaConfig {
  const gcIntervalMs = intFromEnv(env, 'MEDIA_GC_INTERVAL_MS', HOUR_MS)
  if (gcIntervalMs !== 0 && gcIntervalMs < MIN_GC_INTERVAL_MS)
    throw new Error(
      `MEDIA_GC_INTERVAL_MS must be 0 (off) or at least ${MIN_GC_INTERVAL_MS}, got "${env.MEDIA_GC_INTERVAL_MS}"`,
    )
  return {
    blobStore: blobStoreFromEnv(env),
    maxBytes: {
      image: intAtLeast(env, 'MAX_IMAGE_BYTES', DEFAULT_MEDIA_LIMITS.image, 1),
      video: intAtLeast(env, 'MAX_VIDEO_BYTES', DEFAULT_MEDIA_LIMITS.video, 1),
      audio: intAtLeast(env, 'MAX_AUDIO_BYTES', DEFAULT_MEDIA_LIMITS.audio, 1),
    },
    maxImagePixels: intAtLeast(env, 'MAX_IMAGE_PIXELS', DEFAULT_MAX_IMAGE_PIXELS, 1),
    gcGraceMs: intAtLeast(env, 'MEDIA_GC_GRACE_MS', 24 * HOUR_MS, MIN_GC_GRACE_MS),
    gcIntervalMs,
  }
}

export function loadWebhookConfig(env: NodeJS.ProcessEnv): WebhookConfig {
  const allowPrivate = (env.WEBHOOK_ALLOW_PRIVATE_HOSTS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  for (const entry of allowPrivate) {
    const valid = entry.includes('/') ? ipaddr.isValidCIDR(entry) : ipaddr.isValid(entry)
    if (!valid)
      throw new Error(`WEBHOOK_ALLOW_PRIVATE_HOSTS takes IP addresses or CIDR ranges, got "${entry}"`)
  }
  return {
    allowPrivate,
    timeoutMs: intAtLeast(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100),
    pollMs: intAtLeast(env, 'WEBHOOK_POLL_MS', 5_000, 50),
    worker: env.WEBHOOK_WORKER !== 'false',
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFromEnv(env, 'PORT', 3000),
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR || './data'),
    clientDir: resolve(env.CLIENT_DIR || './dist/client'),
    maxMessageBytes: intFromEnv(env, 'MAX_MESSAGE_BYTES', 8 * 1024 * 1024),
    roomGraceMs: intFromEnv(env, 'ROOM_GRACE_MS', 2000),
    compactAfterUpdates: intFromEnv(env, 'COMPACT_AFTER_UPDATES', 500),
    syncRelay: syncRelayFromEnv(env),
    seedExample: env.SEED_EXAMPLE !== 'false',
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : null,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    authAttemptsPerMinute: intFromEnv(env, 'AUTH_ATTEMPTS_PER_MINUTE', 10),
    databaseUrl: env.DATABASE_URL || null,
    redisUrl: env.REDIS_URL || null,
    redisPrefix: env.REDIS_PREFIX || 'yardstick',
    instanceHeartbeatMs: intFromEnv(env, 'INSTANCE_HEARTBEAT_MS', 2000),
    instanceTimeoutMs: intFromEnv(env, 'INSTANCE_TIMEOUT_MS', 10_000),
    trustProxy: env.TRUST_PROXY === 'true',
    syncLimits: {
      messagesPerSecond: intFromEnv(env, 'MAX_MESSAGES_PER_SECOND', 100),
      messageBurst: intFromEnv(env, 'MESSAGE_BURST', 1000),
      connectionsPerAccount: intFromEnv(env, 'MAX_CONNECTIONS_PER_ACCOUNT', 100),
      connectionsPerAddress: intFromEnv(env, 'MAX_CONNECTIONS_PER_ADDRESS', 1000),
      openRooms: intFromEnv(env, 'MAX_OPEN_DOCUMENTS', 10_000),
    },
    upgradeLimits: {
      upgradesPerMinute: intFromEnv(env, 'MAX_UPGRADES_PER_MINUTE', 600),
      refusedUpgradeCost: intFromEnv(env, 'REFUSED_UPGRADE_COST', 10),
      windowSeconds: 60,
    },
    refusalLog: {
      intervalMs: intAtLeast(env, 'REFUSAL_LOG_INTERVAL_MS', 60_000, 100),
      maxAddresses: intFromEnv(env, 'REFUSAL_LOG_MAX_ADDRESSES', 100),
    },
    media: loadMediaConfig(env),
    webhooks: loadWebhookConfig(env),
  }
}
