/**
 * The whole app built by `createApp` over a real SQLite file in a temp directory, for tests that send
 * requests through `app.request()` with no socket (Hono's own style). `close()` shuts it down and removes
 * the directory.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../../server/app'
import { loadMediaConfig } from '../../server/config'
import { openFsBlobStore } from '../../server/media/fsBlobStore'
import { openSqliteStore } from '../../server/storage/sqlite'
import type { Store } from '../../server/storage/store'
import { RoomRegistry } from '../../server/sync/roomRegistry'

export const IN_PROCESS_ORIGIN = 'http://localhost'

export interface InProcessApp {
  app: ReturnType<typeof createApp>
  store: Store
  dir: string
  close(): Promise<void>
}

/** `withClient`: serve a minimal built client too, so the app mounts its static routes. */
export function createInProcessApp({ withClient = false } = {}): InProcessApp {
  const dir = mkdtempSync(join(tmpdir(), 'yardstick-app-'))
  let clientDir: string | null = null
  if (withClient) {
    clientDir = join(dir, 'client')
    mkdirSync(clientDir)
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Yardstick</title>')
  }
  const store = openSqliteStore(join(dir, 'yardstick.sqlite'))
  const registry = new RoomRegistry({
    store,
    roomGraceMs: 10,
    compactAfterUpdates: 500,
    fanout: null,
    maxRooms: 100,
  })
  const app = createApp({
    store,
    blobs: openFsBlobStore(dir),
    media: loadMediaConfig({}),
    uploadDir: join(dir, 'uploads'),
    registry,
    clientDir,
    maxMessageBytes: 1 << 20,
    allowedOrigins: [],
    auth: {
      secureCookies: false,
      publicUrl: () => IN_PROCESS_ORIGIN,
      authAttemptsPerMinute: 1000,
      trustProxy: false,
      rateLimitRedis: null,
    },
    onSessionEnded: () => {},
    onMembershipChanged: () => {},
    webhooks: { policy: { allowPrivate: [] }, nudge: () => {} },
    readiness: async () => store.ping(),
  })
  return {
    app,
    store,
    dir,
    async close() {
      await registry.shutdown()
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
