/**
 * One clock for every bench process on this machine: `performance.timeOrigin + performance.now()` (sub-ms),
 * corrected by an offset the coordinator measures per worker over IPC (see workerPool.ts), so a timestamp
 * taken by a sender in one process can be subtracted from an arrival time taken in another.
 */
let offsetMs = 0

/** This process's own high-resolution wall clock, in ms. */
export function localNow(): number {
  return performance.timeOrigin + performance.now()
}

/** The coordinator's clock, in ms (equal to `localNow()` in the coordinator itself). */
export function benchNow(): number {
  return localNow() + offsetMs
}

export function setClockOffset(ms: number): void {
  offsetMs = ms
}
