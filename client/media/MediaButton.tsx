/** The toolbar's "Media" button: a file picker for images, video and audio (several at once). */
import { useRef } from 'react'

export const MEDIA_ACCEPT = 'image/*,video/*,audio/*'

export function MediaButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null)
  return (
    <>
      <button
        type="button"
        className="toolbar__button"
        data-testid="toolbar-media"
        aria-label="Insert an image, video or audio file"
        title="Insert an image, video or audio file (or paste or drop it into the text)"
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => input.current?.click()}
      >
        + Media
      </button>
      <input
        ref={input}
        type="file"
        accept={MEDIA_ACCEPT}
        multiple
        hidden
        data-testid="toolbar-media-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])]
          event.target.value = ''
          if (files.length > 0) onFiles(files)
        }}
      />
    </>
  )
}
