/**
 * One media list of a media example (its media, or media A / B): each item shown with its alt text field and
 * move/remove controls, and "Add image, video or audio" by file picker or drop, with progress and Cancel per
 * upload and the server's message when an upload is refused.
 */
import { type DragEvent, useRef, useState } from 'react'
import { MAX_EXAMPLE_MEDIA } from '../../shared/schema/rubric'
import {
  addExampleMedia,
  exampleMediaItems,
  type MediaList,
  moveExampleMedia,
  removeExampleMedia,
  setExampleMediaAlt,
} from '../../shared/ydoc/exampleMediaDoc'
import { MediaView } from '../media/MediaView'
import { useDraftData } from '../rubric/draftContext'
import { writeLocal } from '../sync/localOrigin'
import { ItemControls } from './ItemControls'
import { useMediaUploads } from './useMediaUploads'

const ACCEPT = 'image/*,video/*,audio/*'
const KIND_NAMES = { image: 'image', video: 'video', audio: 'audio clip' } as const

const percent = (loaded: number, total: number) => (total > 0 ? Math.round((loaded / total) * 100) : 0)

export function MediaListEditor({
  exampleId,
  list,
  label,
}: {
  exampleId: string
  list: MediaList
  label: string
}) {
  const { doc, editable, projectId } = useDraftData()
  const items = exampleMediaItems(doc, exampleId, list)
  const picker = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  const { pending, failures, upload, dismiss } = useMediaUploads(projectId, (media) => {
    let id: string | null = null
    writeLocal(doc, () => {
      id = addExampleMedia(doc, exampleId, list, media)
    })
    return id
  })
  const room = MAX_EXAMPLE_MEDIA - items.length - pending.length
  const addFiles = (files: FileList | null) => {
    for (const file of [...(files ?? [])].slice(0, Math.max(0, room))) upload(file)
  }
  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    if (editable) addFiles(event.dataTransfer.files)
  }
  return (
    <section
      className={`ex-media${dragging ? ' is-dragging' : ''}`}
      data-testid={`media-list-${list}`}
      aria-label={label}
      onDragOver={(event) => {
        if (!editable || !event.dataTransfer.types.includes('Files')) return
        event.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <p className="field-label">{label}</p>
      {items.length === 0 && pending.length === 0 && (
        <p className="muted small">{editable ? 'No media yet: add or drop files here.' : 'No media.'}</p>
      )}
      <ol className="ex-media__list">
        {items.map((item, index) => (
          <li key={item.id} className="ex-media__item" data-testid="media-item" data-media-hash={item.hash}>
            <div className="ex-media__preview">
              <MediaView projectId={projectId} media={item} />
            </div>
            <div className="ex-media__fields">
              <label className="mini-field">
                <span>{item.kind === 'image' ? 'Alt text' : 'Description'}</span>
                <input
                  className="text-input"
                  value={item.alt ?? ''}
                  maxLength={1000}
                  disabled={!editable}
                  placeholder={`What the ${KIND_NAMES[item.kind]} shows, for screen readers and exports`}
                  data-testid="media-alt"
                  onChange={(event) =>
                    writeLocal(doc, () =>
                      setExampleMediaAlt(doc, exampleId, list, item.id, event.target.value),
                    )
                  }
                />
              </label>
              <span className="muted small">
                {item.mime}
                {item.width && item.height ? ` · ${item.width}×${item.height}` : ''}
              </span>
            </div>
            {editable && (
              <ItemControls
                name={`${KIND_NAMES[item.kind]} ${index + 1}`}
                index={index}
                count={items.length}
                onMove={(to) => writeLocal(doc, () => moveExampleMedia(doc, exampleId, list, item.id, to))}
                onRemove={() => writeLocal(doc, () => removeExampleMedia(doc, exampleId, list, item.id))}
              />
            )}
          </li>
        ))}
      </ol>
      {pending.map((upload) => (
        <div key={upload.key} className="ex-media__upload" data-testid="media-upload">
          <span className="ex-media__upload-name">{upload.name}</span>
          <progress
            max={100}
            value={percent(upload.loaded, upload.total)}
            aria-label={`Uploading ${upload.name}`}
          />
          <span className="small muted">{percent(upload.loaded, upload.total)} %</span>
          <button type="button" className="button button--ghost button--small" onClick={upload.cancel}>
            Cancel
          </button>
        </div>
      ))}
      {failures.map((failure) => (
        <div
          key={failure.key}
          className="form-error--block ex-media__error"
          role="alert"
          data-testid="media-error"
        >
          <span>
            <strong>{failure.name}</strong>: {failure.message}
          </span>
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => dismiss(failure.key)}
          >
            Dismiss
          </button>
        </div>
      ))}
      {editable && (
        <div className="item-add">
          <button
            type="button"
            className="button button--secondary button--small"
            data-testid={`media-add-${list}`}
            disabled={room <= 0}
            title={room <= 0 ? `At most ${MAX_EXAMPLE_MEDIA} items` : undefined}
            onClick={() => picker.current?.click()}
          >
            + Add image, video or audio
          </button>
          <input
            ref={picker}
            type="file"
            accept={ACCEPT}
            multiple
            hidden
            data-testid={`media-file-${list}`}
            onChange={(event) => {
              addFiles(event.target.files)
              event.target.value = ''
            }}
          />
        </div>
      )}
    </section>
  )
}
