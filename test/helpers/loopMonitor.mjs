/**
 * Preloaded into a spawned server (`NODE_OPTIONS=--import …/loopMonitor.mjs`): measures how long the event
 * loop was held, and writes the figures to LOOP_MONITOR_FILE ten times a second. A tick every 10 ms records
 * the wall time and the process CPU time since the previous tick; a gap in which the process burned more
 * than its tick of CPU is the loop being held by our code, whereas a long wall gap with little CPU is the
 * machine's other work (two shared cores) and says nothing about the server.
 */
import { writeFileSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'

const file = process.env.LOOP_MONITOR_FILE
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 10 })
  histogram.enable()
  let lastWall = performance.now()
  let lastCpu = process.cpuUsage()
  let worstCpuMs = 0
  let worstWallMs = 0
  const tick = setInterval(() => {
    const wall = performance.now()
    const cpu = process.cpuUsage(lastCpu)
    worstWallMs = Math.max(worstWallMs, wall - lastWall)
    worstCpuMs = Math.max(worstCpuMs, (cpu.user + cpu.system) / 1000)
    lastWall = wall
    lastCpu = process.cpuUsage()
  }, 10)
  tick.unref()
  // SIGUSR2 starts a new measurement (e.g. after the password hashing of a test's setup).
  process.on('SIGUSR2', () => {
    worstCpuMs = 0
    worstWallMs = 0
    histogram.reset()
  })
  const write = setInterval(() => {
    const figures = {
      worstCpuMs,
      worstWallMs,
      delayMaxMs: histogram.max / 1e6,
      delayP99Ms: histogram.percentile(99) / 1e6,
      at: Date.now(),
    }
    writeFileSync(file, JSON.stringify(figures))
  }, 100)
  write.unref()
}
