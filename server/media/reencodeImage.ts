/**
 * Re-encodes an uploaded image with sharp so that what we store and serve is pixels we produced: EXIF
 * orientation applied, every metadata block (EXIF with GPS, XMP, IPTC, comments) dropped, same format,
 * animation frames kept. The dimensions are read from the header first, and images above the pixel limit are
 * refused before anything is decoded (a small file can declare a gigantic canvas, or a million frames): the
 * frames of an animation count together, since libvips decodes each at the full canvas size.
 */
import sharp from 'sharp'
import { ApiFailure } from '../failure'

export interface ReencodedImage {
  width: number
  height: number
}

type OutputFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif'
const FORMAT_OF_MIME: Readonly<Record<string, OutputFormat>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
}

/** Reads the header only: width, height (of one frame) and frame count, refusing above `maxPixels` in all. */
export async function checkImageSize(
  path: string,
  maxPixels: number,
): Promise<{ width: number; height: number; pages: number }> {
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>
  try {
    meta = await sharp(path, { animated: true, limitInputPixels: false }).metadata()
  } catch {
    throw new ApiFailure(415, 'unreadable_image', 'the image could not be read (is the file damaged?)')
  }
  const width = meta.width ?? 0
  const pages = meta.pages ?? 1
  const height = meta.pageHeight ?? Math.floor((meta.height ?? 0) / pages)
  if (!width || !height) throw new ApiFailure(415, 'unreadable_image', 'the image has no size')
  if (width * height > maxPixels) {
    throw new ApiFailure(
      413,
      'image_too_large',
      `the image is ${width}×${height} pixels; images may be at most ${formatPixels(maxPixels)}`,
    )
  }
  if (width * height * pages > maxPixels) {
    throw new ApiFailure(
      413,
      'image_too_large',
      `the animation has ${pages} frames of ${width}×${height} pixels (${formatPixels(width * height * pages)} in all); animations may be at most ${formatPixels(maxPixels)} over all their frames`,
    )
  }
  return { width, height, pages }
}

/** Writes the re-encoded image to `outPath`. `mime` is what `file-type` detected in the bytes. */
export async function reencodeImage(
  inPath: string,
  outPath: string,
  mime: string,
  maxPixels: number,
): Promise<ReencodedImage> {
  const format = FORMAT_OF_MIME[mime]
  if (!format) throw new ApiFailure(415, 'unsupported_media_type', `${mime} images are not accepted`)
  const { width, height, pages } = await checkImageSize(inPath, maxPixels)
  // limitInputPixels counts every frame of an animation, as the check above does.
  let image = sharp(inPath, { animated: true, limitInputPixels: maxPixels, failOn: 'error' })
  // EXIF orientation only exists on still images (JPEG, WebP, AVIF); rotating needs a single frame.
  if (pages === 1) image = image.rotate()
  switch (format) {
    case 'jpeg':
      image = image.jpeg({ quality: 90, mozjpeg: true })
      break
    case 'webp':
      image = image.webp({ quality: 90 })
      break
    case 'avif':
      image = image.avif({ quality: 70 })
      break
    case 'png':
      image = image.png({ compressionLevel: 9 })
      break
    case 'gif':
      image = image.gif()
      break
  }
  try {
    await image.toFile(outPath)
  } catch (error) {
    throw new ApiFailure(
      415,
      'unreadable_image',
      `the image could not be decoded: ${(error as Error).message}`,
    )
  }
  // Orientation 5–8 swaps the sides.
  const rotated = pages === 1 && (await sharp(outPath).metadata())
  return rotated ? { width: rotated.width ?? width, height: rotated.height ?? height } : { width, height }
}

function formatPixels(pixels: number): string {
  return pixels >= 1_000_000 ? `${Math.round(pixels / 100_000) / 10} megapixels` : `${pixels} pixels`
}
