/**
 * What the bytes of an upload are, in words a person understands, and whether its name agrees: the file
 * extensions each accepted type may carry, and a description of refused content (SVG, HTML, PDF, archives…)
 * for the 415 message. The type itself always comes from the bytes (`file-type`), never from the name.
 */
import type { FileTypeResult } from 'file-type'
import { ACCEPTED_MEDIA_TYPES, type MediaKind } from '../../shared/schema/media'

/** File extensions a file of each accepted type may be named with (lowercase, without the dot). */
const EXTENSIONS_OF_TYPE: Readonly<Record<string, readonly string[]>> = {
  'image/png': ['png', 'apng'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif', 'pjpeg', 'pjp'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/avif': ['avif'],
  'video/mp4': ['mp4', 'm4v', 'mp4v'],
  'video/webm': ['webm'],
  'video/quicktime': ['mov', 'qt'],
  'audio/mpeg': ['mp3', 'mpga'],
  'audio/wav': ['wav', 'wave'],
  'audio/ogg': ['ogg', 'oga', 'opus'],
  'audio/mp4': ['m4a', 'mp4', 'aac'],
  'audio/x-m4a': ['m4a', 'mp4'],
  'audio/flac': ['flac'],
  'audio/webm': ['webm', 'weba'],
}

/** Extensions of things we refuse, so that e.g. a PNG named `page.html` is caught as a mismatch too. */
const OTHER_KNOWN_EXTENSIONS = new Set([
  ...['html', 'htm', 'xhtml', 'svg', 'svgz', 'xml', 'js', 'mjs', 'css', 'json', 'txt', 'md', 'csv'],
  ...['pdf', 'zip', 'gz', 'tgz', 'rar', '7z', 'tar', 'exe', 'dll', 'sh', 'bat', 'jar', 'wasm', 'swf'],
  ...['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'rtf', 'psd', 'tif', 'tiff', 'bmp', 'ico', 'heic'],
  ...['avi', 'mkv', 'ogv', 'flv', 'wmv', 'mpg', 'mpeg', 'aiff', 'aif', 'wma', 'mid', 'midi'],
])

const KNOWN_EXTENSIONS = new Set([...Object.values(EXTENSIONS_OF_TYPE).flat(), ...OTHER_KNOWN_EXTENSIONS])

const KIND_WORDS: Record<MediaKind, string> = { image: 'image', video: 'video', audio: 'audio file' }

/** The extension a name claims, if it looks like one we know (so "Shot at 10.30.15" claims nothing). */
export function claimedExtension(name: string): string | null {
  const match = /\.([A-Za-z0-9]{1,5})$/.exec(name.trim())
  const ext = match?.[1]?.toLowerCase()
  return ext && KNOWN_EXTENSIONS.has(ext) ? ext : null
}

/** Whether `ext` is a name a file of `mime` may carry. */
export function extensionFits(mime: string, ext: string): boolean {
  return EXTENSIONS_OF_TYPE[mime]?.includes(ext) ?? false
}

/** "a PNG image (image/png)", "an MP4 video (video/mp4)" — for messages. */
export function describeAccepted(type: FileTypeResult): string {
  const kind = ACCEPTED_MEDIA_TYPES[type.mime]
  const word = kind ? KIND_WORDS[kind] : 'file'
  const label = type.ext.toUpperCase()
  return `${/^[AEFHILMNORSX]/.test(label) ? 'an' : 'a'} ${label} ${word} (${type.mime})`
}

/**
 * What refused bytes are: the detected type when `file-type` knows it (PDF, ZIP…), otherwise a look at the
 * start of the text (HTML, SVG, XML) or "unrecognised data".
 */
export function describeRefused(type: FileTypeResult | undefined, head: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(head.subarray(0, 2048))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase()
  if (/<svg[\s>]/.test(text)) return 'an SVG image (SVG can carry scripts and is not accepted)'
  if (/^<!doctype html|<html[\s>]|<(head|body|script|iframe)[\s>]/.test(text)) return 'an HTML document'
  if (type) return `${/^[aeiou]/i.test(type.ext) ? 'an' : 'a'} ${type.ext.toUpperCase()} file (${type.mime})`
  if (text.startsWith('<?xml') || text.startsWith('<')) return 'an XML or markup document'
  if (head.length > 0 && !head.subarray(0, 512).includes(0)) return 'text'
  return head.length === 0 ? 'empty' : 'unrecognised data'
}
