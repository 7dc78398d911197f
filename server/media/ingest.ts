/**
 * Takes an upload's raw body and turns it into a file ready for the blob store, without ever holding the whole
 * body in memory: the first bytes decide the type (`file-type`; only ACCEPTED_MEDIA_TYPES), the name must not
 * claim another type, the per-kind size limit is enforced from Content-Length before reading on and again
 * while streaming to a temp file under DATA_DIR/uploads (hashing with sha-256 and counting as it goes).
 * Images are then re-encoded (metadata dropped) and the stored hash is that of the re-encoded bytes; video and
 * audio are stored exactly as sent. On any failure, a refusal or the client going away, no temp file remains.
 */
import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { type FileTypeResult, fileTypeFromBuffer } from 'file-type'
import { ACCEPTED_MEDIA_TYPES, type MediaKind } from '../../shared/schema/media'
import type { MediaConfig } from '../config'
import { ApiFailure } from '../failure'
import { claimedExtension, describeAccepted, describeRefused, extensionFits } from './mediaTypes'
import { reencodeImage } from './reencodeImage'

/** The per-kind byte limits and the largest image decoded (width × height of one frame). */
export type MediaLimits = Pick<MediaConfig, 'maxBytes' | 'maxImagePixels'>

export interface IngestRequest {
  /** The raw request body. Read only as far as needed; never cancelled (cancelling would drop the socket). */
  body: ReadableStream<Uint8Array> | null
  /** The name the file had on the uploader's device ('' when pasted). */
  name: string
  /** Content-Length, when the client declared one. */
  declaredBytes: number | null
  /** Directory for temp files (created when missing). */
  tmpDir: string
  limits: MediaLimits
}

export interface IngestedMedia {
  /** The temp file holding the final bytes; the caller stores it and then calls `discard()`. */
  path: string
  hash: string
  bytes: number
  kind: MediaKind
  mime: string
  width?: number
  height?: number
  /** Removes the temp file (safe to call more than once). */
  discard(): Promise<void>
}

/** Enough for `file-type` to tell every accepted container apart (it looks at most a few KiB in). */
const HEAD_BYTES = 64 * 1024

const KIND_PLURAL: Record<MediaKind, string> = { image: 'Images', video: 'Videos', audio: 'Audio files' }

export function limitMessage(kind: MediaKind, limit: number): string {
  const mb = limit / (1024 * 1024)
  const size = mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.ceil(limit / 1024)} KB`
  return `${KIND_PLURAL[kind]} may be at most ${size}`
}

function tooLarge(kind: MediaKind, limit: number): ApiFailure {
  return new ApiFailure(413, 'media_too_large', limitMessage(kind, limit), { kind, limit })
}

export async function ingestMedia(request: IngestRequest): Promise<IngestedMedia> {
  const { limits, declaredBytes } = request
  if (!request.body) throw new ApiFailure(400, 'empty_upload', 'the upload has no body')
  // Larger than any kind may be: refused before reading a byte.
  const [largestKind, largest] = largestLimit(limits)
  if (declaredBytes !== null && declaredBytes > largest) throw tooLarge(largestKind, largest)
  const reader = request.body.getReader()
  try {
    const head = await readHead(reader, HEAD_BYTES)
    if (head.first.length === 0) throw new ApiFailure(400, 'empty_upload', 'the upload is empty')
    const type = await fileTypeFromBuffer(head.first)
    const kind = type && ACCEPTED_MEDIA_TYPES[type.mime]
    if (!type || !kind) {
      throw new ApiFailure(
        415,
        'unsupported_media_type',
        `${nameOr(request.name)} is ${describeRefused(type, head.first)}; only images (PNG, JPEG, GIF, WebP, AVIF), video (MP4, WebM, MOV) and audio (MP3, WAV, Ogg, M4A, FLAC, WebM) are accepted`,
        { detected: type?.mime ?? null },
      )
    }
    checkName(request.name, type)
    const limit = limits.maxBytes[kind]
    if (declaredBytes !== null && declaredBytes > limit) throw tooLarge(kind, limit)
    return await streamToFile(request, reader, head, type.mime, kind, limit)
  } finally {
    reader.releaseLock()
  }
}

function largestLimit(limits: MediaLimits): [MediaKind, number] {
  const entries = Object.entries(limits.maxBytes) as [MediaKind, number][]
  return entries.reduce((a, b) => (b[1] > a[1] ? b : a))
}

function nameOr(name: string): string {
  return name ? `“${name}”` : 'the file'
}

function checkName(name: string, type: FileTypeResult): void {
  const ext = claimedExtension(name)
  if (ext && !extensionFits(type.mime, ext)) {
    throw new ApiFailure(
      415,
      'name_mismatch',
      `${nameOr(name)} is ${describeAccepted(type)}, not what its name says (.${ext}); rename it to .${type.ext}`,
      { detected: type.mime },
    )
  }
}

interface Head {
  /** The first bytes (up to the head size, fewer when the body is shorter). */
  first: Uint8Array
  /** Whether the body ended within them. */
  done: boolean
}

async function readHead(reader: ReadableStreamDefaultReader<Uint8Array>, size: number): Promise<Head> {
  const chunks: Uint8Array[] = []
  let length = 0
  while (length < size) {
    const { value, done } = await reader.read()
    if (done) return { first: Buffer.concat(chunks), done: true }
    chunks.push(value)
    length += value.byteLength
  }
  return { first: Buffer.concat(chunks), done: false }
}

async function streamToFile(
  request: IngestRequest,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  head: Head,
  mime: string,
  kind: MediaKind,
  limit: number,
): Promise<IngestedMedia> {
  await mkdir(request.tmpDir, { recursive: true })
  const id = randomUUID()
  const rawPath = join(request.tmpDir, `${id}.part`)
  const finalPath = join(request.tmpDir, `${id}.img`)
  const discard = async () => {
    await Promise.all([rm(rawPath, { force: true }), rm(finalPath, { force: true })])
  }
  try {
    const hasher = createHash('sha256')
    let bytes = 0
    async function* body(): AsyncGenerator<Uint8Array> {
      let chunk: Uint8Array | undefined = head.first
      let done = head.done
      while (chunk) {
        bytes += chunk.byteLength
        if (bytes > limit) throw tooLarge(kind, limit)
        hasher.update(chunk)
        yield chunk
        if (done) return
        const next = await reader.read()
        chunk = next.value
        done = next.done
      }
    }
    await pipeline(body(), createWriteStream(rawPath, { flags: 'wx' }))
    if (kind !== 'image') {
      return { path: rawPath, hash: hasher.digest('hex'), bytes, kind, mime, discard }
    }
    const size = await reencodeImage(rawPath, finalPath, mime, request.limits.maxImagePixels)
    await rm(rawPath, { force: true })
    const stored = await hashFile(finalPath)
    return { path: finalPath, ...stored, kind, mime, ...size, discard }
  } catch (error) {
    await discard()
    throw error
  }
}

async function hashFile(path: string): Promise<{ hash: string; bytes: number }> {
  const hasher = createHash('sha256')
  let bytes = 0
  for await (const chunk of createReadStream(path)) {
    hasher.update(chunk as Buffer)
    bytes += (chunk as Buffer).byteLength
  }
  return { hash: hasher.digest('hex'), bytes }
}

/** Removes temp files an earlier process left behind (a crash mid-upload), older than `olderThanMs`. */
export async function removeStaleUploads(tmpDir: string, olderThanMs: number): Promise<number> {
  let removed = 0
  const names = await readdir(tmpDir).catch(() => [] as string[])
  for (const name of names) {
    if (!/^[0-9a-f-]{36}\.(part|img)$/.test(name)) continue
    const path = join(tmpDir, name)
    const info = await stat(path).catch(() => null)
    if (info && Date.now() - info.mtimeMs > olderThanMs) {
      await rm(path, { force: true })
      removed++
    }
  }
  return removed
}
