/**
 * Real Yardstick servers for tests: in-process on port 0 with a temp DATA_DIR, or as a child process
 * (for SIGTERM / kill -9 tests). Every server started here is stopped by `stopAllServers()`.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type Config, loadConfig } from '../../server/config'
import { type RunningServer, startServer } from '../../server/server'

const ROOT = resolve(import.meta.dirname, '../..')
const tempDirs: string[] = []
const running = new Set<{ stop(): Promise<void> }>()

export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yardstick-test-'))
  tempDirs.push(dir)
  return dir
}

export async function startTestServer(overrides: Partial<Config> = {}): Promise<RunningServer> {
  const config: Config = {
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    dataDir: overrides.dataDir ?? tempDataDir(),
    clientDir: '',
    seedExample: false,
    roomGraceMs: 50,
    ...overrides,
  }
  const server = await startServer(config)
  running.add(server)
  const stop = server.stop
  server.stop = async () => {
    running.delete(server)
    await stop()
  }
  return server
}

export interface ChildServer {
  url: string
  port: number
  /** The one-time owner setup link the server printed (null when an account existed). */
  setupUrl: string | null
  dataDir: string
  child: ChildProcess
  output: () => string
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>
  stop(): Promise<void>
}

export async function spawnServer(
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<ChildServer> {
  const dataDir = options.dataDir ?? tempDataDir()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIR: join(dataDir, 'no-client'),
      SEED_EXAMPLE: 'false',
      ROOM_GRACE_MS: '50',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const exited = new Promise<number | string>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')),
  )
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 30_000)
    const onData = () => {
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        done(Number(match[1]))
      }
    }
    child.stdout?.on('data', onData)
    void exited.then((code) => fail(new Error(`server exited (${code}) before listening:\n${output}`)))
  })
  const handle: ChildServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    setupUrl: /(http:\/\/\S+\/setup#\S+)/.exec(output)?.[1] ?? null,
    dataDir,
    child,
    output: () => output,
    exited,
    async stop() {
      running.delete(handle)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
  running.add(handle)
  return handle
}

export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()))
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}
