/**
 * The media of a media example, read-only: each image, video or audio clip through MediaView with its alt
 * text as a caption and, for images, a link to the full-size file. Used by ContentView wherever example
 * content renders (versions, the calibration runner, feedback).
 */
import { mediaPath } from '../../shared/schema/media'
import type { ExampleMedia } from '../../shared/schema/rubric'
import { MediaView } from '../media/MediaView'

export function MediaGallery({ projectId, items }: { projectId: string | undefined; items: ExampleMedia[] }) {
  if (items.length === 0) return <div className="content-text muted">(no media)</div>
  return (
    <ul className="media-gallery" data-testid="media-gallery">
      {items.map((item) => (
        <li key={item.id} className="media-gallery__item" data-testid="media-gallery-item">
          <figure>
            {projectId ? (
              <MediaView projectId={projectId} media={item} />
            ) : (
              <div className="content-text muted">({item.kind})</div>
            )}
            {(item.alt || (projectId && item.kind === 'image')) && (
              <figcaption className="media-gallery__caption">
                {item.alt}
                {projectId && item.kind === 'image' && (
                  <>
                    {item.alt ? ' · ' : ''}
                    <a href={mediaPath(projectId, item.hash)} target="_blank" rel="noreferrer">
                      Full size
                    </a>
                  </>
                )}
              </figcaption>
            )}
          </figure>
        </li>
      ))}
    </ul>
  )
}
