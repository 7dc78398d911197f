/**
 * What a rich field cannot keep from pasted HTML: images and other media (uploaded media belong in a media
 * example's media list), and markup beyond the field's schema (scripts, styles, frames, forms). `stripUnkept`
 * removes them and says what went, so the field can tell the person instead of dropping content silently.
 */
const MEDIA = new Set(['img', 'picture', 'svg', 'video', 'audio', 'canvas'])
const RAW = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'select',
  'textarea',
])

export interface Stripped {
  html: string
  images: number
  /** Other elements dropped, by tag name. */
  other: Record<string, number>
}

export function stripUnkept(html: string): Stripped {
  const parsed = new DOMParser().parseFromString(html, 'text/html')
  let images = 0
  const other: Record<string, number> = {}
  for (const element of [...parsed.body.querySelectorAll('*')]) {
    const tag = element.tagName.toLowerCase()
    if (!element.isConnected) continue
    if (MEDIA.has(tag)) {
      images++
      element.remove()
    } else if (RAW.has(tag)) {
      other[tag] = (other[tag] ?? 0) + 1
      element.remove()
    }
  }
  return { html: parsed.body.innerHTML, images, other }
}

/** "Pasted without 2 images and a script element." or null when nothing was dropped. */
export function describeStripped({ images, other }: Pick<Stripped, 'images' | 'other'>): string | null {
  const parts: string[] = []
  if (images > 0) parts.push(images === 1 ? '1 image' : `${images} images`)
  for (const [tag, count] of Object.entries(other))
    parts.push(count === 1 ? `a ${tag} element` : `${count} ${tag} elements`)
  if (parts.length === 0) return null
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
  return `Pasted without ${list}: example texts keep text, lists, code, tables and links${images > 0 ? '; images go in a media example’s media list' : ''}.`
}
