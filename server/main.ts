/** Composition root: read the configuration, start the server, stop it cleanly on SIGTERM/SIGINT. */
import { loadConfig } from './config'
import { log } from './log'
import { startServer } from './server'

const config = loadConfig()
const server = await startServer(config)
if (server.setupUrl) {
  process.stdout.write(
    `\nNo account exists yet. Open this one-time link to create the owner account:\n  ${server.setupUrl}\n\n`,
  )
}
// Tests and scripts read this line to find the port (after the setup link, so both have arrived).
process.stdout.write(`Yardstick listening on ${server.url}\n`)
log.info('data directory', { dataDir: config.dataDir })

let signalled = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (signalled) return
    signalled = true
    log.info('shutting down', { signal })
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    server.stop().then(
      () => process.exit(0),
      (error) => {
        log.error('shutdown failed', { error })
        process.exit(1)
      },
    )
  })
}
