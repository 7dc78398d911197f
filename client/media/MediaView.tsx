/**
 * Shows one uploaded blob read-only: an image, or a native video/audio player that loads only its metadata
 * until played. Used by the guideline's media node, example content and the calibration runner.
 */
import { type MediaRef, mediaPath } from '../../shared/schema/media'

export interface MediaViewProps {
  projectId: string
  media: MediaRef
  className?: string
}

export function MediaView({ projectId, media, className }: MediaViewProps) {
  const src = mediaPath(projectId, media.hash)
  const label = media.alt ?? ''
  const common = {
    className: `media-view media-view--${media.kind} ${className ?? ''}`.trim(),
    'data-media-hash': media.hash,
  }
  if (media.kind === 'image') {
    return (
      <img
        {...common}
        src={src}
        alt={label}
        loading="lazy"
        {...(media.width ? { width: media.width } : {})}
        {...(media.height ? { height: media.height } : {})}
      />
    )
  }
  if (media.kind === 'video') {
    return <video {...common} src={src} controls preload="metadata" aria-label={label || 'Video'} />
  }
  return <audio {...common} src={src} controls preload="metadata" aria-label={label || 'Audio'} />
}
