/**
 * Word (.docx) to HTML with mammoth: Word's heading styles (and Title) become h1–h3, lists and tables stay
 * lists and tables. Images are not embedded (a guideline's media go through the upload route); how many were
 * skipped is returned so the person can be told. Runs in the import worker; the tests call it directly.
 */
import mammoth from 'mammoth'

export interface DocxHtml {
  html: string
  skippedImages: number
}

const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"]

export async function docxToHtml(bytes: ArrayBuffer): Promise<DocxHtml> {
  let skippedImages = 0
  const input = { arrayBuffer: bytes, buffer: bytes } as unknown as Parameters<
    typeof mammoth.convertToHtml
  >[0]
  const result = await mammoth.convertToHtml(input, {
    styleMap: STYLE_MAP,
    convertImage: mammoth.images.imgElement(async () => {
      skippedImages++
      return { src: '' }
    }),
  })
  return { html: result.value, skippedImages }
}
