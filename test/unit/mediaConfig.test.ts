/** The media settings: documented defaults, the environment read, and bad values refused at startup. */
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config'
import { DEFAULT_MAX_IMAGE_PIXELS, DEFAULT_MEDIA_LIMITS } from '../../shared/schema/media'

describe('media settings', () => {
  it('has the documented defaults (docs/operations.md)', () => {
    expect(loadConfig({}).media).toEqual({
      blobStore: 'fs',
      maxBytes: DEFAULT_MEDIA_LIMITS,
      maxImagePixels: DEFAULT_MAX_IMAGE_PIXELS,
      gcGraceMs: 24 * 60 * 60 * 1000,
      gcIntervalMs: 60 * 60 * 1000,
    })
    expect(DEFAULT_MEDIA_LIMITS).toEqual({ image: 20 << 20, video: 500 << 20, audio: 100 << 20 })
  })

  it('reads the environment, 0 turning collection off', () => {
    const media = loadConfig({
      BLOB_STORE: 'sql',
      MAX_IMAGE_BYTES: '1000',
      MAX_VIDEO_BYTES: '2000',
      MAX_AUDIO_BYTES: '3000',
      MAX_IMAGE_PIXELS: '4000',
      MEDIA_GC_GRACE_MS: '600000',
      MEDIA_GC_INTERVAL_MS: '0',
    }).media
    expect(media).toEqual({
      blobStore: 'sql',
      maxBytes: { image: 1000, video: 2000, audio: 3000 },
      maxImagePixels: 4000,
      gcGraceMs: 600_000,
      gcIntervalMs: 0,
    })
    expect(loadConfig({ MEDIA_GC_INTERVAL_MS: '5000' }).media.gcIntervalMs).toBe(5000)
  })

  it('refuses bad values with a message naming the variable', () => {
    expect(() => loadConfig({ BLOB_STORE: 's3' })).toThrow('BLOB_STORE must be one of fs, sql, got "s3"')
    expect(() => loadConfig({ MAX_VIDEO_BYTES: '500MB' })).toThrow(
      'MAX_VIDEO_BYTES must be a non-negative integer, got "500MB"',
    )
    expect(() => loadConfig({ MAX_IMAGE_BYTES: '0' })).toThrow('MAX_IMAGE_BYTES must be at least 1, got "0"')
    expect(() => loadConfig({ MAX_AUDIO_BYTES: '-5' })).toThrow('MAX_AUDIO_BYTES must be a non-negative')
    expect(() => loadConfig({ MAX_IMAGE_PIXELS: '1e400' })).toThrow('MAX_IMAGE_PIXELS')
    expect(() => loadConfig({ MAX_VIDEO_BYTES: '1e30' })).toThrow('MAX_VIDEO_BYTES')
    expect(() => loadConfig({ MEDIA_GC_GRACE_MS: '1.5' })).toThrow('MEDIA_GC_GRACE_MS')
    expect(() => loadConfig({ MEDIA_GC_GRACE_MS: '0' })).toThrow(
      'MEDIA_GC_GRACE_MS must be at least 600000, got "0"',
    )
    expect(() => loadConfig({ MEDIA_GC_INTERVAL_MS: '10' })).toThrow(
      'MEDIA_GC_INTERVAL_MS must be 0 (off) or at least 1000, got "10"',
    )
  })
})
