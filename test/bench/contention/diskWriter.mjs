// A background writer that keeps the disk busy the way another database or a build does: 8 MiB written and
// fsynced, again and again, into one file in the directory given (truncated every 128 MiB).
import { closeSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'

const CHUNK = Buffer.alloc(8 << 20, 7)
const file = openSync(join(process.argv[2], 'disk-writer.bin'), 'w')
let written = 0
process.on('SIGTERM', () => {
  closeSync(file)
  process.exit(0)
})
for (;;) {
  if (written >= 128 << 20) {
    ftruncateSync(file, 0)
    written = 0
  }
  writeSync(file, CHUNK, 0, CHUNK.length, written)
  fsyncSync(file)
  written += CHUNK.length
  // Let SIGTERM in between chunks.
  await new Promise((resolve) => setImmediate(resolve))
}
