/** What every scenario receives: options, sizes, a progress log, and server start-up with per-run logs. */
import { join } from 'node:path'
import type { BuildSnapshot } from './buildSnapshot'
import type { BenchOptions, Sizes } from './config'
import { type BenchServer, type ServerKind, type ServerOptions, startServer } from './servers'
import { waitForQuietMachine } from './sides'

export interface BenchContext {
  options: BenchOptions
  sizes: Sizes
  /** Directory of this run's artefacts (server logs, CPU profiles). */
  runDir: string
  /** The Yardstick build this run measures. */
  build: BuildSnapshot
  log(message: string): void
  /** Before a timed measurement: waits (within the run's budget) until other processes leave the machine quiet. */
  waitForQuiet(): Promise<void>
  /** Total time spent waiting for quiet, ms. */
  quietWaitedMs(): number
  /** Starts a server; with `--profile`, it writes a CPU profile into runDir/profiles/<tag>-<kind>. */
  startServer(kind: ServerKind, tag: string, options?: Partial<ServerOptions>): Promise<BenchServer>
}

export function createContext(
  options: BenchOptions,
  sizes: Sizes,
  runDir: string,
  build: BuildSnapshot,
): BenchContext {
  const started = performance.now()
  let waited = 0
  return {
    options,
    sizes,
    runDir,
    build,
    log(message) {
      process.stderr.write(
        `[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}\n`,
      )
    },
    async waitForQuiet() {
      const allowed = Math.min(sizes.quietWaitMs, sizes.quietBudgetMs - waited)
      const before = performance.now()
      await waitForQuietMachine(allowed)
      waited += performance.now() - before
    },
    quietWaitedMs: () => waited,
    startServer(kind, tag, serverOptions = {}) {
      const profileDir = options.profile ? join(runDir, 'profiles', `${tag}-${kind}`) : undefined
      return startServer(kind, {
        yardstickEntry: build.entry,
        clientDir: build.clientDir,
        logFile: join(runDir, `${kind}.log`),
        ...(profileDir ? { profileDir } : {}),
        ...serverOptions,
      })
    },
  }
}
