/**
 * One imported file's bytes to (unsanitised) HTML, by kind: Word through mammoth, Markdown through markdown-it,
 * HTML decoded as UTF-8. Used by the import worker; pure enough for the unit tests to call it in Node.
 */
import type { ImportKind } from '../../shared/import/importFile'
import { markdownToHtml } from '../../shared/import/markdownToHtml'
import { docxToHtml } from './docxToHtml'

export interface ConvertedHtml {
  html: string
  skippedImages: number
}

export class ImportError extends Error {}

export async function convertToHtml(kind: ImportKind, bytes: ArrayBuffer): Promise<ConvertedHtml> {
  if (kind === 'docx') {
    try {
      return await docxToHtml(bytes)
    } catch {
      throw new ImportError(
        'The Word file could not be read: it is damaged or incomplete. Open it in Word, save it again as .docx and retry.',
      )
    }
  }
  const text = new TextDecoder('utf-8').decode(bytes)
  return { html: kind === 'markdown' ? markdownToHtml(text) : text, skippedImages: 0 }
}
