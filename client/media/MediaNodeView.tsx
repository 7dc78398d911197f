/**
 * The guideline media block in the editor: the image, video or audio player (MediaView), and for leads an
 * alt-text field (a visible "add alt text" hint while it is empty), a caption field and S/M/L/Full width
 * buttons; reviewers see the media and its caption only. Invalid attributes (a peer's bad write) show a
 * placeholder, never a source. Edits go straight into the node's attributes (and so to every co-editor).
 */
import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react'
import { DISPLAY_WIDTHS, displayWidthOf, readMediaAttrs } from '../../shared/guideline/mediaNode'
import { useDraftData } from '../rubric/draftContext'
import { MediaView } from './MediaView'
import '../styles/media.css'

const KIND_LABEL = { image: 'Image', video: 'Video', audio: 'Audio' } as const

export function MediaNodeView({ node, selected, updateAttributes }: ReactNodeViewProps) {
  const { projectId, editable } = useDraftData()
  const media = readMediaAttrs(node.attrs)
  if (!media) {
    return (
      <NodeViewWrapper className="media-block media-block--invalid" data-testid="media-block-invalid">
        <p className="media-block__invalid">This media could not be shown (its reference is not valid).</p>
      </NodeViewWrapper>
    )
  }
  const width = displayWidthOf(media)
  const missingAlt = !media.alt?.trim()
  return (
    <NodeViewWrapper
      as="figure"
      className={`media-block media-block--${media.kind}${selected ? ' media-block--selected' : ''}`}
      data-testid="media-block"
      data-media-kind={media.kind}
      data-media-hash={media.hash}
    >
      <div
        className="media-block__frame"
        style={{ width: `${media.kind === 'audio' ? 100 : width}%` }}
        data-drag-handle=""
      >
        <MediaView projectId={projectId} media={media} />
      </div>
      {editable ? (
        <div className="media-block__fields" contentEditable={false}>
          <label className="media-block__field">
            <span>{media.kind === 'image' ? 'Alt text' : 'Description'}</span>
            <input
              type="text"
              data-testid="media-alt"
              maxLength={1000}
              value={media.alt ?? ''}
              placeholder={`Describe the ${KIND_LABEL[media.kind].toLowerCase()} for people who cannot see it`}
              onChange={(event) => updateAttributes({ alt: event.target.value || null })}
            />
          </label>
          {missingAlt && (
            <p className="media-block__hint" data-testid="media-alt-hint" role="note">
              {media.kind === 'image' ? 'Add alt text' : 'Add a description'}: screen readers and exports use
              it.
            </p>
          )}
          <label className="media-block__field">
            <span>Caption</span>
            <input
              type="text"
              data-testid="media-caption"
              maxLength={2000}
              value={media.caption ?? ''}
              placeholder="Optional caption shown under it"
              onChange={(event) => updateAttributes({ caption: event.target.value || null })}
            />
          </label>
          {media.kind !== 'audio' && (
            <fieldset className="media-block__sizes" aria-label="Display width">
              {DISPLAY_WIDTHS.map((size) => (
                <button
                  key={size.label}
                  type="button"
                  className={`button button--ghost media-block__size${width === size.percent ? ' is-active' : ''}`}
                  data-testid={`media-size-${size.label}`}
                  aria-pressed={width === size.percent}
                  title={`${size.title} (${size.percent} % of the text width)`}
                  onClick={() => updateAttributes({ displayWidth: size.percent })}
                >
                  {size.label}
                </button>
              ))}
            </fieldset>
          )}
        </div>
      ) : (
        media.caption && (
          <figcaption className="media-block__caption" data-testid="media-caption-text">
            {media.caption}
          </figcaption>
        )
      )}
    </NodeViewWrapper>
  )
}
