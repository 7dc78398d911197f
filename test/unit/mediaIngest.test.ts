/**
 * The upload ingest on its own (no server): type from the bytes, names that lie, size and pixel limits,
 * metadata stripped from images, video and audio kept byte for byte, and no temp file left behind on any
 * refusal or when the body breaks off.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiFailure } from '../../server/failure'
import { chunksOf, ingestMedia, type MediaLimits, removeStaleUploads } from '../../server/media/ingest'
import { DEFAULT_MAX_IMAGE_PIXELS, DEFAULT_MEDIA_LIMITS } from '../../shared/schema/media'

const FIXTURES = join(import.meta.dirname, '../fixtures/media')
const LIMITS: MediaLimits = { maxBytes: DEFAULT_MEDIA_LIMITS, maxImagePixels: DEFAULT_MAX_IMAGE_PIXELS }

let tmpDir: string
beforeEach(async () => {
  tmpDir = await mkdtemp(join(tmpdir(), 'ingest-'))
})
afterEach(async () => {
  await rm(tmpDir, { recursive: true, force: true })
})

/** A body delivered in chunks; `failAfter` makes it break off like a client that goes away. */
function bodyOf(bytes: Uint8Array, options: { chunk?: number; failAfter?: number } = {}) {
  const chunk = options.chunk ?? 16 * 1024
  let offset = 0
  const stats = { pulled: 0 }
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (options.failAfter !== undefined && offset >= options.failAfter) {
          controller.error(new Error('aborted'))
          return
        }
        if (offset >= bytes.length) {
          controller.close()
          return
        }
        const part = bytes.subarray(offset, offset + chunk)
        offset += part.length
        stats.pulled = offset
        controller.enqueue(part)
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, stats }
}

function ingest(
  bytes: Uint8Array,
  name: string,
  extra: { limits?: MediaLimits; declared?: number | null } = {},
) {
  return ingestMedia({
    body: chunksOf(bodyOf(bytes).stream),
    name,
    declaredBytes: extra.declared === undefined ? bytes.length : extra.declared,
    tmpDir,
    limits: extra.limits ?? LIMITS,
  })
}

async function refusal(promise: Promise<unknown>): Promise<ApiFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiFailure)
  return error as ApiFailure
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const png = (width = 40, height = 30) =>
  sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer()

async function expectNoTempFiles() {
  expect(await readdir(tmpDir)).toEqual([])
}

describe('accepted media', () => {
  it('stores a PNG re-encoded, hashed by its stored bytes, with its size', async () => {
    const media = await ingest(await png(), 'diagram.png')
    expect(media).toMatchObject({ kind: 'image', mime: 'image/png', width: 40, height: 30 })
    const stored = await readFile(media.path)
    expect(media.hash).toBe(sha256(stored))
    expect(media.bytes).toBe(stored.length)
    await media.discard()
    await expectNoTempFiles()
  })

  it.each([
    ['clip.webm', 'video', 'video/webm'],
    ['clip.mp4', 'video', 'video/mp4'],
    ['tone.ogg', 'audio', 'audio/ogg'],
  ])('stores %s exactly as sent', async (file, kind, mime) => {
    const bytes = await readFile(join(FIXTURES, file))
    const media = await ingest(bytes, file)
    expect(media).toMatchObject({ kind, mime, bytes: bytes.length, hash: sha256(bytes) })
    expect(Buffer.compare(await readFile(media.path), bytes)).toBe(0)
    await media.discard()
  })

  it('accepts pasted files without a name, and names whose last dot is not an extension', async () => {
    for (const name of ['', 'Screen Shot 2026-12-04 at 10.30.15']) {
      const media = await ingest(await png(), name)
      expect(media.mime).toBe('image/png')
      await media.discard()
    }
  })
})

describe('refused types and names', () => {
  it('refuses a PNG named .mp4, saying what the bytes are', async () => {
    const failure = await refusal(ingest(await png(), 'clip.mp4'))
    expect(failure.status).toBe(415)
    expect(failure.message).toMatch(/“clip\.mp4” is a PNG image \(image\/png\).*\.mp4/)
    await expectNoTempFiles()
  })

  it('refuses a video named .png and a PNG named .html', async () => {
    const webm = await readFile(join(FIXTURES, 'clip.webm'))
    expect((await refusal(ingest(webm, 'photo.png'))).message).toMatch(/WEBM video/)
    expect((await refusal(ingest(await png(), 'page.html'))).status).toBe(415)
  })

  it.each([
    ['HTML named .png', '<!DOCTYPE html><html><script>alert(1)</script></html>', 'x.png', /HTML document/],
    ['SVG', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'logo.svg', /SVG image/],
    ['SVG with an XML prolog', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', '', /SVG/],
    ['text', 'just some notes', 'notes', /is text/],
  ])('refuses %s', async (_, text, name, message) => {
    const failure = await refusal(ingest(Buffer.from(text), name))
    expect(failure.status).toBe(415)
    expect(failure.message).toMatch(message)
    await expectNoTempFiles()
  })

  it('refuses a PDF and a zip by their detected type', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1')
    expect((await refusal(ingest(pdf, 'doc.pdf'))).message).toMatch(/PDF file \(application\/pdf\)/)
    const zip = Buffer.from('504b0304140000000800', 'hex')
    expect((await refusal(ingest(Buffer.concat([zip, Buffer.alloc(100)]), 'a.zip'))).status).toBe(415)
  })

  it('refuses an empty body', async () => {
    expect((await refusal(ingest(Buffer.alloc(0), 'x.png'))).status).toBe(400)
  })
})

describe('limits', () => {
  it('stops reading at the per-kind limit and answers 413 with the kind', async () => {
    const bytes = await readFile(join(FIXTURES, 'clip.webm'))
    const limits = { ...LIMITS, maxBytes: { ...LIMITS.maxBytes, video: 20 * 1024 } }
    const failure = await refusal(ingest(bytes, 'clip.webm', { limits, declared: null }))
    expect(failure.status).toBe(413)
    expect(failure.message).toBe('Videos may be at most 20 KB')
    await expectNoTempFiles()
  })

  it('refuses a declared Content-Length above the limit before reading on', async () => {
    const bytes = await readFile(join(FIXTURES, 'clip.webm'))
    const body = bodyOf(Buffer.concat([bytes, Buffer.alloc(4 * 1024 * 1024)]))
    const failure = await refusal(
      ingestMedia({
        body: chunksOf(body.stream),
        name: 'clip.webm',
        declaredBytes: 600 * 1024 * 1024,
        tmpDir,
        limits: LIMITS,
      }),
    )
    expect(failure.status).toBe(413)
    expect(failure.message).toBe('Videos may be at most 500 MB')
    expect(body.stats.pulled).toBeLessThanOrEqual(64 * 1024 + 16 * 1024)
    // Larger than any kind may be: not a byte read.
    const huge = bodyOf(bytes)
    const early = await refusal(
      ingestMedia({
        body: chunksOf(huge.stream),
        name: '',
        declaredBytes: 2 * 1024 ** 3,
        tmpDir,
        limits: LIMITS,
      }),
    )
    expect(early.message).toBe('Videos may be at most 500 MB')
    expect(huge.stats.pulled).toBe(0)
    await expectNoTempFiles()
  })

  it('refuses an image whose dimensions exceed the pixel limit, before decoding it', async () => {
    const big = await png(5000, 4000) // 20 megapixels in a few kB
    const limits = { ...LIMITS, maxImagePixels: 10_000_000 }
    const failure = await refusal(ingest(big, 'bomb.png', { limits }))
    expect(failure.status).toBe(413)
    expect(failure.message).toBe('the image is 5000×4000 pixels; images may be at most 10 megapixels')
    await expectNoTempFiles()
  })

  it('counts the frames of an animation together against the pixel limit (a small file of many frames)', async () => {
    const frame = (background: string) =>
      sharp({ create: { width: 100, height: 100, channels: 3, background } })
        .png()
        .toBuffer()
    const frames = await Promise.all(Array.from({ length: 12 }, (_, i) => frame(i % 2 ? 'red' : 'blue')))
    const gif = await sharp(frames, { join: { animated: true } })
      .gif()
      .toBuffer()
    const limits = { ...LIMITS, maxImagePixels: 100_000 } // one frame is 10,000 pixels; twelve are 120,000
    const failure = await refusal(ingest(gif, 'many-frames.gif', { limits }))
    expect(failure.status).toBe(413)
    expect(failure.message).toBe(
      'the animation has 12 frames of 100×100 pixels (120000 pixels in all); animations may be at most 100000 pixels over all their frames',
    )
    await expectNoTempFiles()
  })

  it('leaves no temp file when the body breaks off halfway', async () => {
    const bytes = await readFile(join(FIXTURES, 'clip.mp4'))
    const body = bodyOf(bytes, { failAfter: Math.floor(bytes.length / 2) })
    const failure = await refusal(
      ingestMedia({
        body: chunksOf(body.stream),
        name: 'clip.mp4',
        declaredBytes: null,
        tmpDir,
        limits: LIMITS,
      }),
    )
    expect(failure.status).toBe(400)
    expect(failure.message).toBe('the upload was cut off before its end')
    await expectNoTempFiles()
  })
})

describe('image re-encoding', () => {
  it('drops EXIF (with GPS) and applies the orientation', async () => {
    const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: 'red' } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'PhoneMaker', Model: 'Phone 9' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '48/1 51/1 30/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '2/1 21/1 0/1',
        },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer()
    const before = await sharp(jpeg).metadata()
    expect(before.exif?.toString('latin1')).toContain('PhoneMaker')
    expect(before.orientation).toBe(6)

    const media = await ingest(jpeg, 'IMG_0001.JPG')
    const stored = await readFile(media.path)
    const after = await sharp(stored).metadata()
    expect(after.format).toBe('jpeg')
    expect(after.exif).toBeUndefined()
    expect(after.xmp).toBeUndefined()
    expect(after.orientation).toBeUndefined()
    expect(stored.toString('latin1')).not.toContain('PhoneMaker')
    // Rotated a quarter turn: portrait now, and the reference says so.
    expect([after.width, after.height]).toEqual([20, 40])
    expect(media).toMatchObject({ width: 20, height: 40, mime: 'image/jpeg' })
    expect(media.hash).toBe(sha256(stored))
    expect(media.hash).not.toBe(sha256(jpeg))
    await media.discard()
  })

  it('keeps every frame of an animated GIF', async () => {
    const frame = (background: string) =>
      sharp({ create: { width: 8, height: 6, channels: 3, background } })
        .png()
        .toBuffer()
    const gif = await sharp([await frame('red'), await frame('blue'), await frame('green')], {
      join: { animated: true },
    })
      .gif()
      .toBuffer()
    const media = await ingest(gif, 'spinner.gif')
    const after = await sharp(await readFile(media.path), { animated: true }).metadata()
    expect(after).toMatchObject({ format: 'gif', pages: 3, pageHeight: 6 })
    expect(media).toMatchObject({ width: 8, height: 6 })
    await media.discard()
  })
})

describe('temp files of a crashed run', () => {
  it('removes upload files older than the cut-off at start-up, and nothing else', async () => {
    const old = '0b1c2d3e-0000-4000-8000-000000000001.part'
    const fresh = '0b1c2d3e-0000-4000-8000-000000000002.part'
    const other = 'notes.txt'
    for (const name of [old, fresh, other]) await writeFile(join(tmpDir, name), 'x')
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000)
    await utimes(join(tmpDir, old), twoHoursAgo, twoHoursAgo)
    await utimes(join(tmpDir, other), twoHoursAgo, twoHoursAgo)
    expect(await removeStaleUploads(tmpDir, 60 * 60 * 1000)).toBe(1)
    expect((await readdir(tmpDir)).sort()).toEqual([fresh, other].sort())
    expect(await removeStaleUploads(join(tmpDir, 'missing'), 0)).toBe(0)
  })
})
