/**
 * Media routes: `POST /:id/media?name=` streams an upload (owners and leads; the body is the raw file, its
 * type decided by the bytes, see media/ingest.ts) into the blob store and the project's media catalogue and
 * answers 201 with UploadedMedia; `GET /:id/media/:hash` serves a blob to whoever may read it
 * (media/mediaAccess.ts) with its type, nosniff, an immutable private cache entry keyed by the hash, 304s and
 * single byte ranges (so video seeks).
 */
import { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import type { Context } from 'hono'
import { Hono } from 'hono'
import { can, roleWithArticle } from '../../shared/auth/permissions'
import { ACCEPTED_MEDIA_TYPES, MEDIA_HASH, mediaPath, type UploadedMedia } from '../../shared/schema/media'
import { requireUser } from '../auth/access'
import { decideRange } from '../media/byteRange'
import { type BodyChunks, chunksOf, ingestMedia } from '../media/ingest'
import { assertMayReadMedia, mediaReader } from '../media/mediaAccess'
import { storeProjectMedia } from '../media/storeProjectMedia'
import type { AppEnv, RouteDeps } from './env'
import { ApiFailure, methodNotAllowed } from './errors'

/** A blob's bytes never change (its name is their hash); readers who lose access keep what they saw. */
export const MEDIA_CACHE_CONTROL = 'private, max-age=31536000, immutable'
const MAX_NAME_LENGTH = 255

const notFound = () => new ApiFailure(404, 'not_found', 'media not found')

function declaredLength(c: Context<AppEnv>): number | null {
  const raw = c.req.header('content-length')
  if (raw === undefined) return null
  if (!/^\d{1,16}$/.test(raw))
    throw new ApiFailure(400, 'bad_length', 'Content-Length must be a number of bytes')
  return Number(raw)
}

/**
 * The body's chunks: straight from Node's request when served by @hono/node-server (about twice as fast as
 * through its web stream), else from the web stream (`app.request()` in tests).
 */
function requestBody(c: Context<AppEnv>): BodyChunks | null {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming
  if (incoming instanceof IncomingMessage) return incoming.iterator({ destroyOnReturn: false })
  return c.req.raw.body ? chunksOf(c.req.raw.body) : null
}

/** `inline; filename="…"; filename*=UTF-8''…` with a plain-ASCII fallback (the name is the uploader's). */
function disposition(type: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

export function mediaRoutes({ store, blobs, media, uploadDir }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.post('/:id/media', async (c) => {
    // Whatever is refused before the body is read to its end, the connection is not reused for another request.
    c.header('Connection', 'close')
    const projectId = c.req.param('id')
    const auth = requireUser(c)
    const role = await store.getRole(projectId, auth.user.id)
    if (!role) throw new ApiFailure(404, 'not_found', 'project not found')
    if (!can(role, 'draft.write'))
      throw new ApiFailure(
        403,
        'forbidden',
        `${roleWithArticle(role)} cannot upload media; owners and leads can`,
      )
    const name = c.req.query('name') ?? ''
    if (name.length > MAX_NAME_LENGTH)
      throw new ApiFailure(400, 'bad_name', `file names may be at most ${MAX_NAME_LENGTH} characters`)
    const ingested = await ingestMedia({
      body: requestBody(c),
      name,
      declaredBytes: declaredLength(c),
      tmpDir: uploadDir,
      limits: media,
    })
    try {
      await storeProjectMedia({ store, blobs }, ingested, { projectId, name, uploadedBy: auth.user.id })
    } finally {
      await ingested.discard()
    }
    c.header('Connection', undefined)
    const body: UploadedMedia = {
      hash: ingested.hash,
      kind: ingested.kind,
      mime: ingested.mime,
      ...(ingested.width ? { width: ingested.width, height: ingested.height } : {}),
      bytes: ingested.bytes,
      name,
      url: mediaPath(projectId, ingested.hash),
    }
    return c.json(body, 201)
  })

  app.get('/:id/media/:hash', async (c) => {
    const projectId = c.req.param('id')
    const hash = c.req.param('hash')
    const reader = await mediaReader(c, store, projectId)
    if (!MEDIA_HASH.test(hash)) throw notFound()
    await assertMayReadMedia(store, projectId, hash, reader)
    const size = await blobs.size(hash)
    if (size === null) throw notFound()
    const { mime, name } = await describeBlob(projectId, hash)
    const etag = `"${hash}"`
    c.header('ETag', etag)
    c.header('Cache-Control', MEDIA_CACHE_CONTROL)
    c.header('Accept-Ranges', 'bytes')
    c.header('X-Content-Type-Options', 'nosniff')
    const ifNoneMatch = c.req.header('if-none-match')
    if (
      ifNoneMatch &&
      (ifNoneMatch.trim() === '*' ||
        ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
    )
      return c.body(null, 304)
    c.header('Content-Type', mime)
    c.header('Content-Disposition', disposition(ACCEPTED_MEDIA_TYPES[mime] ? 'inline' : 'attachment', name))
    const ifRange = c.req.header('if-range')
    const decision =
      ifRange && ifRange !== etag ? { kind: 'whole' as const } : decideRange(c.req.header('range'), size)
    if (decision.kind === 'unsatisfiable') {
      c.header('Content-Range', `bytes */${size}`)
      throw new ApiFailure(
        416,
        'range_not_satisfiable',
        `the range is outside the ${size} bytes of this media`,
      )
    }
    const range = decision.kind === 'partial' ? decision.range : undefined
    const stream = c.req.method === 'HEAD' ? null : await blobs.read(hash, range)
    if (c.req.method !== 'HEAD' && !stream) throw notFound()
    c.header('Content-Length', String(range ? range.end - range.start + 1 : size))
    if (range) c.header('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
    const status = range ? 206 : 200
    if (!stream) return c.body(null, status)
    return c.body(Readable.toWeb(stream) as ReadableStream<Uint8Array>, status)
  })

  /** The type and a file name for downloads, from the catalogue (access needs its row: media/mediaAccess.ts). */
  async function describeBlob(projectId: string, hash: string): Promise<{ mime: string; name: string }> {
    const record = await store.getMedia(projectId, hash)
    if (!record) throw notFound()
    const mime = ACCEPTED_MEDIA_TYPES[record.mime] ? record.mime : 'application/octet-stream'
    return { mime, name: record.name || hash.slice(0, 16) }
  }

  app.all('/:id/media', methodNotAllowed(['POST']))
  app.all('/:id/media/:hash', methodNotAllowed(['GET']))
  return app
}
