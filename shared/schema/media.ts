/**
 * Media (images, video, audio) in guidelines and examples: what a reference to an uploaded blob holds, which
 * types are accepted (decided by the bytes, never by the name), the default size limits and the URL a blob
 * is served from. Declared once here; the upload route, the editor nodes and example content import it.
 */
import { z } from 'zod'

export const MEDIA_KINDS = ['image', 'video', 'audio'] as const
export type MediaKind = (typeof MEDIA_KINDS)[number]

/** A blob's name: the lowercase hex sha-256 of its stored bytes (after any re-encoding). */
export const MEDIA_HASH = /^[0-9a-f]{64}$/
export const MediaHash = z.string().regex(MEDIA_HASH, 'a media hash is 64 lowercase hex characters')

/**
 * Accepted types as `file-type` detects them from the first bytes, and the kind each becomes. Anything else
 * (SVG, HTML, PDF, archives, executables…) is refused with 415. Images are re-encoded (metadata dropped).
 */
export const ACCEPTED_MEDIA_TYPES: Readonly<Record<string, MediaKind>> = {
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
  'image/avif': 'image',
  'video/mp4': 'video',
  'video/webm': 'video',
  'video/quicktime': 'video',
  'audio/mpeg': 'audio',
  'audio/wav': 'audio',
  'audio/ogg': 'audio',
  'audio/mp4': 'audio',
  'audio/x-m4a': 'audio',
  'audio/flac': 'audio',
  'audio/webm': 'audio',
}

/** Default per-kind upload limits in bytes (server config: MAX_IMAGE_BYTES, MAX_VIDEO_BYTES, MAX_AUDIO_BYTES). */
export const DEFAULT_MEDIA_LIMITS: Readonly<Record<MediaKind, number>> = {
  image: 20 * 1024 * 1024,
  video: 500 * 1024 * 1024,
  audio: 100 * 1024 * 1024,
}
/** Default largest image the server decodes (MAX_IMAGE_PIXELS): bigger dimensions are refused before decoding. */
export const DEFAULT_MAX_IMAGE_PIXELS = 50_000_000

const ShortText = (max: number) => z.string().max(max)

/**
 * A reference to one uploaded blob, as stored in the draft (guideline media node attributes, example media
 * content) and in published versions. `width`/`height` are the image's or video's pixel size when known.
 */
export const MediaRef = z.object({
  hash: MediaHash,
  kind: z.enum(MEDIA_KINDS),
  mime: ShortText(100),
  /** Alternative text (images) or a description (video, audio), for screen readers and exports. */
  alt: ShortText(1000).optional(),
  width: z.number().int().min(1).max(100_000).optional(),
  height: z.number().int().min(1).max(100_000).optional(),
})
export type MediaRef = z.infer<typeof MediaRef>

/** What `POST /api/projects/:id/media` answers with 201: the reference to put in the document, and more. */
export const UploadedMedia = MediaRef.extend({
  bytes: z.number().int().min(0),
  /** The name the file had on the uploader's device (shown, never trusted). */
  name: ShortText(255),
  url: z.string(),
})
export type UploadedMedia = z.infer<typeof UploadedMedia>

/** The one URL a blob is served from; the server decides per request who may read it. */
export function mediaPath(projectId: string, hash: string): string {
  return `/api/projects/${encodeURIComponent(projectId)}/media/${hash}`
}

/** The upload endpoint (raw body, streamed; the file's name in `?name=`). */
export function mediaUploadPath(projectId: string, name: string): string {
  return `/api/projects/${encodeURIComponent(projectId)}/media?name=${encodeURIComponent(name)}`
}
