/**
 * Every process the bench starts (servers, client workers) is registered here, so that none outlives the
 * run: whatever is still alive when the coordinator exits is killed, by its own pid only.
 */
import type { ChildProcess } from 'node:child_process'

const alive = new Set<ChildProcess>()

export function track(child: ChildProcess): ChildProcess {
  alive.add(child)
  child.once('exit', () => alive.delete(child))
  return child
}

/** Pids of the bench's own processes that are still running. */
export function trackedPids(): number[] {
  return [...alive].flatMap((child) => (child.pid === undefined ? [] : [child.pid]))
}

export function killTracked(): void {
  for (const child of alive) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
  alive.clear()
}

process.once('exit', killTracked)
