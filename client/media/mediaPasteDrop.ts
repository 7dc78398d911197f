/**
 * Media into the guideline by paste and drop: files (clipboard images, dropped images/videos/recordings) are
 * uploaded and inserted where they were pasted or dropped (mediaUploads.ts). Pasted or dropped HTML never
 * embeds a foreign URL: its <img>, <picture>, <video>, <audio> and <source> elements are removed before
 * parsing and a notice says how many images were not copied.
 */
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { type MediaUploadHost, uploadFilesAt } from './mediaUploads'

const FOREIGN_MEDIA = 'img, picture, video, audio, source, object, embed, iframe'

/** Files a paste or drop carries that could be media (the server decides the type from the bytes). */
function mediaFiles(data: DataTransfer | null): File[] {
  return [...(data?.files ?? [])].filter(
    (file) => /^(image|video|audio)\//.test(file.type) || file.type === '',
  )
}

/** The pasted HTML without media elements, and how many there were. */
export function withoutForeignMedia(html: string): { html: string; removed: number } {
  const parsed = new DOMParser().parseFromString(html, 'text/html')
  const found = [...parsed.body.querySelectorAll(FOREIGN_MEDIA)]
  let removed = 0
  for (const element of found) {
    if (!element.isConnected) continue
    if (element.matches('img, video, audio, picture')) removed++
    element.remove()
  }
  return { html: removed > 0 || found.length > 0 ? parsed.body.innerHTML : html, removed }
}

export function mediaPasteDrop(host: MediaUploadHost) {
  return Extension.create({
    name: 'mediaPasteDrop',
    addProseMirrorPlugins() {
      return [
        new Plugin({
          key: new PluginKey('mediaPasteDrop'),
          props: {
            transformPastedHTML(html) {
              const { html: kept, removed } = withoutForeignMedia(html)
              if (removed > 0)
                host.notices.post(
                  `${removed === 1 ? 'An image' : `${removed} images`} in the pasted content ${
                    removed === 1 ? 'was' : 'were'
                  } not copied: ${removed === 1 ? 'it links' : 'they link'} to another site. Save ${
                    removed === 1 ? 'it' : 'them'
                  } and paste or drop the file instead.`,
                )
              return kept
            },
            handleDOMEvents: {
              paste(view: EditorView, event: ClipboardEvent) {
                const files = mediaFiles(event.clipboardData)
                if (files.length === 0) return false
                event.preventDefault()
                if (view.editable) uploadFilesAt(view, host, files, view.state.selection.from)
                return true
              },
              drop(view: EditorView, event: DragEvent) {
                const files = mediaFiles(event.dataTransfer)
                if (files.length === 0) return false
                event.preventDefault()
                if (!view.editable) return true
                const at = view.posAtCoords({ left: event.clientX, top: event.clientY })
                uploadFilesAt(view, host, files, at?.pos ?? view.state.selection.from)
                return true
              },
            },
          },
        }),
      ]
    },
  })
}
