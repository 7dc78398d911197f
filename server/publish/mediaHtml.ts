/**
 * A guideline media node as published HTML: a <figure> with an <img alt>, a <video controls> or an
 * <audio controls> whose src is derived from the project and the hash (never a stored URL), and a
 * <figcaption>. Invalid attributes give a plain "unavailable" figure. Every text is escaped.
 */
import { displayWidthOf, readMediaAttrs } from '../../shared/guideline/mediaNode'
import { mediaPath } from '../../shared/schema/media'
import { escapeHtml } from './text'

const KIND_LABEL = { image: 'Image', video: 'Video', audio: 'Audio' } as const

export function mediaHtml(attrs: Record<string, unknown>, projectId: string): string {
  const media = readMediaAttrs(attrs)
  if (!media)
    return '<figure class="guideline-media guideline-media--invalid"><p>Media unavailable</p></figure>'
  const src = escapeHtml(mediaPath(projectId, media.hash))
  const alt = escapeHtml(media.alt ?? '')
  const label = escapeHtml(media.alt || KIND_LABEL[media.kind])
  // The fallback text is what the Markdown export's link says, so both exports carry the same text.
  const fallback = escapeHtml(`${KIND_LABEL[media.kind]}${media.alt ? `: ${media.alt}` : ''}`)
  const size = `${media.width ? ` width="${media.width}"` : ''}${media.height ? ` height="${media.height}"` : ''}`
  const body =
    media.kind === 'image'
      ? `<img src="${src}" alt="${alt}"${size} loading="lazy">`
      : media.kind === 'video'
        ? `<video src="${src}" controls preload="metadata" aria-label="${label}"${size}>${fallback}</video>`
        : `<audio src="${src}" controls preload="metadata" aria-label="${label}">${fallback}</audio>`
  const caption = media.caption ? `<figcaption>${escapeHtml(media.caption)}</figcaption>` : ''
  return `<figure class="guideline-media guideline-media--${media.kind} media-w-${displayWidthOf(media)}">${body}${caption}</figure>`
}
