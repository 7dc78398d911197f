// The media reference: a plain Node http server doing the least an upload and a download can do — POST streams
// the body to a file while hashing it (sha-256, as Yardstick does) and renames it to its hash; GET serves a
// stored file with an ETag and answers If-None-Match with 304. No auth, no database, no type checks, no fsync.
import { createHash, randomUUID } from 'node:crypto'
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'

const host = process.env.HOST || '127.0.0.1'
const port = Number(process.env.PORT || 0)
const dir = mkdtempSync(join(tmpdir(), 'media-reference-'))
mkdirSync(join(dir, 'files'))

const server = http.createServer(async (request, response) => {
  try {
    if (request.method === 'POST') {
      const temp = join(dir, `${randomUUID()}.part`)
      const hasher = createHash('sha256')
      request.on('data', (chunk) => hasher.update(chunk))
      await pipeline(request, createWriteStream(temp))
      const hash = hasher.digest('hex')
      renameSync(temp, join(dir, 'files', hash))
      response.writeHead(201, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ hash, url: `/files/${hash}` }))
      return
    }
    const hash = /^\/files\/([0-9a-f]{64})$/.exec(request.url ?? '')?.[1]
    if (!hash) {
      response.writeHead(404).end()
      return
    }
    const path = join(dir, 'files', hash)
    const size = statSync(path).size
    const etag = `"${hash}"`
    const headers = { etag, 'cache-control': 'private, max-age=31536000, immutable' }
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers).end()
      return
    }
    response.writeHead(200, { ...headers, 'content-type': 'image/png', 'content-length': size })
    await pipeline(createReadStream(path), response)
  } catch (error) {
    if (!response.headersSent) response.writeHead(500)
    response.end(String(error))
  }
})

server.listen(port, host, () => {
  process.stdout.write(`media reference listening on http://${host}:${server.address().port}\n`)
})
for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () => {
    rmSync(dir, { recursive: true, force: true })
    process.exit(0)
  })
