/** The toolbar's "Media" button: a file picker for images, video and audio (several at once). */
import type { RefObject } from 'react'
import { SHORTCUTS } from '../editor/shortcuts'
import { ToolbarButton } from '../editor/ToolbarButton'

export const MEDIA_ACCEPT = 'image/*,video/*,audio/*'

interface MediaButtonProps {
  /** The hidden file input (the toolbar's shortcut opens it too). */
  input: RefObject<HTMLInputElement | null>
  onFiles: (files: File[]) => void
}

export function MediaButton({ input, onFiles }: MediaButtonProps) {
  return (
    <>
      <ToolbarButton
        label={SHORTCUTS.media.label}
        testId="toolbar-media"
        shortcut={SHORTCUTS.media.keys}
        toggle={false}
        onClick={() => input.current?.click()}
      >
        + Media
      </ToolbarButton>
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
