/**
 * Reads Yardstick's per-stage write-path timings (server/sync/syncStages.ts): signals the server, which
 * writes its histograms to the file named by SYNC_STAGE_METRICS and starts afresh, and waits for that dump.
 */
import { existsSync, readFileSync } from 'node:fs'
import type { SyncStageDump } from '../../server/sync/syncStages'
import type { BenchServer } from './servers'

function lastSeq(file: string): number {
  if (!existsSync(file)) return 0
  return (JSON.parse(readFileSync(file, 'utf8')) as SyncStageDump).seq
}

/** The timings since the previous call (the first call's are from the server's start). */
export async function takeStages(
  server: BenchServer,
  file: string,
  timeoutMs = 5000,
): Promise<SyncStageDump> {
  const before = lastSeq(file)
  process.kill(server.pid, 'SIGUSR2')
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    if (lastSeq(file) > before) return JSON.parse(readFileSync(file, 'utf8')) as SyncStageDump
  }
  throw new Error(`no stage timings from Yardstick (pid ${server.pid}) in ${file} after ${timeoutMs} ms`)
}
