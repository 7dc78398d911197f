/**
 * Size of the production client: the JS files index.html loads up front (module script and modulepreload
 * links), raw and gzip-compressed (level 9), plus the size of any other built file a page ends up loading.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export interface FileSize {
  file: string
  bytes: number
  gzipBytes: number
}

export interface InitialBundle {
  files: FileSize[]
  bytes: number
  gzipBytes: number
}

export function fileSize(clientDir: string, urlPath: string): FileSize {
  const data = readFileSync(join(clientDir, urlPath.replace(/^\//, '')))
  return { file: urlPath, bytes: data.byteLength, gzipBytes: gzipSync(data, { level: 9 }).byteLength }
}

/** The JS referenced by index.html: `<script type="module" src>` and `<link rel="modulepreload" href>`. */
export function initialScripts(indexHtml: string): string[] {
  const found: string[] = []
  for (const tag of indexHtml.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1]
    if (tag.startsWith('<script') && attr('src')) found.push(attr('src')!)
    if (tag.startsWith('<link') && attr('rel') === 'modulepreload' && attr('href')) found.push(attr('href')!)
  }
  return found.filter((path) => path.startsWith('/'))
}

export function initialBundle(clientDir: string): InitialBundle {
  const files = initialScripts(readFileSync(join(clientDir, 'index.html'), 'utf8')).map((path) =>
    fileSize(clientDir, path),
  )
  return {
    files,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
  }
}
