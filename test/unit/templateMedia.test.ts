/**
 * The image-generation template's bundled images: the committed PNGs are exactly the bundled bytes, each
 * hashes to the name the template uses, decodes to the size its reference states, and carries no metadata;
 * every media item of every template is bundled (so seeding cannot fail on a missing image).
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { templateMedia } from '../../server/seed/templateMedia'
import { TEMPLATE_MEDIA_BYTES } from '../../server/seed/templateMediaData'
import { IMAGE_GENERATION_MEDIA } from '../../shared/templates/imageGenerationMedia'
import { PROJECT_TEMPLATES } from '../../shared/templates/index'

const root = join(import.meta.dirname, '../..')

describe('template media', () => {
  it('bundles the committed PNGs byte for byte, each named by its sha-256', async () => {
    for (const [name, ref] of Object.entries(IMAGE_GENERATION_MEDIA)) {
      const file = readFileSync(join(root, `server/seed/templateMedia/${name}.png`))
      expect(createHash('sha256').update(file).digest('hex'), name).toBe(ref.hash)
      expect(Buffer.from(TEMPLATE_MEDIA_BYTES[ref.hash]!.base64, 'base64').equals(file), name).toBe(true)
      const meta = await sharp(file).metadata()
      expect([meta.format, meta.width, meta.height], name).toEqual(['png', ref.width, ref.height])
      expect([meta.exif, meta.icc, meta.xmp], name).toEqual([undefined, undefined, undefined])
    }
  })

  it('bundles every media item every template references', () => {
    const referenced = PROJECT_TEMPLATES.flatMap((t) => [...templateMedia(t).keys()])
    expect(referenced.length).toBeGreaterThanOrEqual(3)
    for (const hash of referenced) expect(TEMPLATE_MEDIA_BYTES[hash], hash).toBeDefined()
  })
})
