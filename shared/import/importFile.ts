/**
 * Which files a guideline can be imported from (.docx, .md, .html), the size limit, and the checks made on the
 * bytes before any conversion — each failure is one sentence for the person who chose the file.
 */

/** 25 MB: a 200-page Word guideline with its styles is a few MB; images are not imported (see docs). */
export const IMPORT_MAX_BYTES = 25 * 1024 * 1024

export const IMPORT_KINDS = { docx: 'docx', markdown: 'markdown', html: 'html' } as const
export type ImportKind = (typeof IMPORT_KINDS)[keyof typeof IMPORT_KINDS]

/** For the file picker's `accept`. */
export const IMPORT_ACCEPT = '.docx,.md,.markdown,.html,.htm'

export type ImportCheck = { ok: true; kind: ImportKind } | { ok: false; message: string }

export function importKind(fileName: string): ImportKind | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase()
  if (extension === 'docx') return 'docx'
  if (extension === 'md' || extension === 'markdown') return 'markdown'
  if (extension === 'html' || extension === 'htm') return 'html'
  return null
}

/** The file name without folders and extension, as a section title. */
export function importTitle(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  return base.replace(/\.[^.]+$/, '').trim() || 'Imported document'
}

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE = [0xd0, 0xcf, 0x11, 0xe0]

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte)
}

function megabytes(size: number): string {
  return `${Math.round(size / (1024 * 1024))} MB`
}

/** Text files must be UTF-8 without NUL bytes (a binary file renamed .md is not). */
function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

export function checkImportFile(fileName: string, bytes: Uint8Array): ImportCheck {
  const kind = importKind(fileName)
  if (!kind)
    return { ok: false, message: 'Only Word (.docx), Markdown (.md) and HTML (.html) files can be imported.' }
  if (bytes.length === 0) return { ok: false, message: `“${fileName}” is empty.` }
  if (bytes.length > IMPORT_MAX_BYTES)
    return {
      ok: false,
      message: `“${fileName}” is ${megabytes(bytes.length)}; files up to ${megabytes(IMPORT_MAX_BYTES)} can be imported. Remove large images from it or split it.`,
    }
  if (kind === 'docx') {
    if (startsWith(bytes, OLE))
      return {
        ok: false,
        message: `“${fileName}” is an old Word (.doc) file. Open it in Word or Google Docs and save it as .docx, then import that.`,
      }
    if (!startsWith(bytes, ZIP))
      return {
        ok: false,
        message: `“${fileName}” is not a Word document: a .docx file is a zip archive and this is not one.`,
      }
    return { ok: true, kind }
  }
  if (!isText(bytes))
    return {
      ok: false,
      message: `“${fileName}” is not a text file: it contains binary data, not ${kind === 'markdown' ? 'Markdown' : 'HTML'}.`,
    }
  return { ok: true, kind }
}
