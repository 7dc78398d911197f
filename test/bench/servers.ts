/**
 * The two servers under test, each in its own process: Yardstick from its production build with a temp
 * DATA_DIR, and the stock y-websocket server (referenceServer.mjs). Both print a "listening on" line.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { track } from './children'
import { type ProcSample, sampleProcess } from './procStats'
import { benchSession, syncUrlWithSession } from './session'

export const ROOT = resolve(import.meta.dirname, '../..')

export type ServerKind = 'yardstick' | 'reference'
export const SERVER_LABEL: Record<ServerKind, string> = {
  yardstick: 'Yardstick',
  reference: 'y-websocket-server 0.1.1',
}

export interface ServerOptions {
  /** Node arguments that start Yardstick (see buildSnapshot.ts). */
  yardstickEntry: string[]
  /** Yardstick: the built client it serves. */
  clientDir?: string | null
  /** Yardstick only: reuse a data directory (restarts); a fresh temp one otherwise. */
  dataDir?: string
  env?: Record<string, string>
  /** Write a V8 CPU profile (`--cpu-prof`) into this directory when the server exits. */
  profileDir?: string
  /** Where the server's stderr goes (appended). */
  logFile?: string
  /** Start the V8 inspector on a free port (memory scenario: forced GC and heap size, see inspector.ts). */
  inspect?: boolean
}

export interface BenchServer {
  kind: ServerKind
  label: string
  /** http://127.0.0.1:<port> */
  url: string
  /** ws://127.0.0.1:<port>/sync — the provider appends /<doc>; for Yardstick it carries the session (session.ts). */
  syncUrl: string
  /** Yardstick: the bench owner's session cookie. */
  cookie: string | null
  pid: number
  dataDir: string | null
  /** The inspector's websocket URL when started with `inspect`. */
  inspectorUrl: string | null
  /** Creates `count` documents the server accepts (projects for Yardstick, plain names for the reference). */
  createDocs(count: number, prefix?: string): Promise<string[]>
  sample(): ProcSample
  /** SIGTERM, then waits for the exit (Yardstick writes and compacts what is pending). */
  stop(): Promise<void>
}

const tempDirs: string[] = []

/** A fresh directory under the OS temp dir, removed by `removeTempDirs()` at the end of the run. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  tempDirs.push(dir)
  return dir
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

export async function startServer(kind: ServerKind, options: ServerOptions): Promise<BenchServer> {
  const dataDir = kind === 'yardstick' ? (options.dataDir ?? tempDir('yardstick-bench-')) : null
  const nodeArgs = [
    ...(options.profileDir ? ['--cpu-prof', '--cpu-prof-dir', options.profileDir] : []),
    ...(options.inspect ? ['--inspect=127.0.0.1:0'] : []),
  ]
  if (options.profileDir) mkdirSync(options.profileDir, { recursive: true })
  const entry = kind === 'reference' ? [join(ROOT, 'test/bench/referenceServer.mjs')] : options.yardstickEntry
  const child = track(
    spawn(process.execPath, [...nodeArgs, ...entry], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        SEED_EXAMPLE: 'false',
        AUTH_ATTEMPTS_PER_MINUTE: '100000',
        // The bench is one account on one address opening thousands of sockets, typing as fast as it is told.
        MAX_CONNECTIONS_PER_ACCOUNT: '1000000',
        MAX_CONNECTIONS_PER_ADDRESS: '1000000',
        MAX_MESSAGES_PER_SECOND: '1000000',
        MESSAGE_BURST: '1000000',
        MAX_UPGRADES_PER_MINUTE: '0',
        ...(dataDir ? { DATA_DIR: dataDir } : {}),
        // The run's frozen copy of the client (buildSnapshot.ts), not dist/client that a rebuild may replace.
        ...(options.clientDir ? { CLIENT_DIR: options.clientDir } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  )
  if (options.logFile) child.stderr?.pipe(createWriteStream(options.logFile, { flags: 'a' }))
  else child.stderr?.resume()
  const inspectorUrl = options.inspect ? inspectorAddress(child) : Promise.resolve(null)
  const { port, setupUrl } = await listeningPort(child)
  const url = `http://127.0.0.1:${port}`
  const cookie = kind === 'yardstick' ? await benchSession(url, setupUrl) : null
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  return {
    kind,
    label: SERVER_LABEL[kind],
    url,
    syncUrl: syncUrlWithSession(`ws://127.0.0.1:${port}/sync`, cookie),
    cookie,
    pid: child.pid!,
    dataDir,
    inspectorUrl: await inspectorUrl,
    createDocs: (count, prefix = 'bench') =>
      kind === 'yardstick'
        ? createProjects(url, cookie!, count, prefix)
        : Promise.resolve(referenceNames(count, prefix)),
    sample: () => sampleProcess(child.pid!),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
      await exited
      clearTimeout(timer)
    },
  }
}

function listeningPort(child: ChildProcess): Promise<{ port: number; setupUrl: string | null }> {
  return new Promise((done, fail) => {
    let output = ''
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 30_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        child.stdout?.removeAllListeners('data')
        child.stdout?.resume()
        done({ port: Number(match[1]), setupUrl: /(http:\/\/\S+\/setup#\S+)/.exec(output)?.[1] ?? null })
      }
    })
    child.once('exit', (code) => fail(new Error(`server exited (${code}) before listening:\n${output}`)))
  })
}

function inspectorAddress(child: ChildProcess): Promise<string> {
  return new Promise((done, fail) => {
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk
      const match = /Debugger listening on (ws:\/\/\S+)/.exec(output)
      if (match) {
        child.stderr?.off('data', onData)
        done(match[1]!)
      }
    }
    child.stderr?.on('data', onData)
    child.once('exit', () => fail(new Error(`no inspector address:\n${output}`)))
  })
}

let nameCounter = 0
function referenceNames(count: number, prefix: string): string[] {
  const run = (nameCounter++).toString(36)
  return Array.from({ length: count }, (_, i) => `${prefix}-${run}-${i}`)
}

async function createProjects(url: string, cookie: string, count: number, prefix: string): Promise<string[]> {
  const ids: string[] = new Array(count)
  let next = 0
  const createOne = async (): Promise<void> => {
    while (next < count) {
      const index = next++
      const response = await fetch(`${url}/api/projects`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ name: `${prefix} ${index}` }),
      })
      if (response.status !== 201)
        throw new Error(`POST /api/projects: ${response.status} ${await response.text()}`)
      ids[index] = ((await response.json()) as { id: string }).id
    }
  }
  await Promise.all(Array.from({ length: Math.min(8, count) }, createOne))
  return ids
}
