/**
 * Uploads started in the guideline editor (paste, drop, the toolbar's file picker): each shows a placeholder
 * at its insert position — a ProseMirror widget decoration, local to this editor and never synced to peers —
 * with the file's name, a progress bar and a Cancel button. The position is kept as a Yjs relative position,
 * so it follows concurrent edits by co-editors as well as local typing. On success the media node is inserted
 * there (and so synced); on failure the placeholder goes and the server's message is posted as a notice.
 */
import { Extension } from '@tiptap/core'
import { type EditorState, Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view'
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { MEDIA_NODE } from '../../shared/guideline/mediaNode'
import type { UploadedMedia } from '../../shared/schema/media'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { ApiRequestError } from '../api/http'
import type { MediaNoticeBoard } from './mediaNotices'
import { uploadMedia } from './uploadMedia'

export interface MediaUploadHost {
  projectId: string
  draft: Y.Doc
  notices: MediaNoticeBoard
}

interface Pending {
  id: string
  pos: number
  rel: Y.RelativePosition | null
  element: HTMLElement
}

type Action = { add: Pending } | { remove: string } | { refresh: true }

export const mediaUploadsKey = new PluginKey<Pending[]>('mediaUploads')

// biome-ignore lint/suspicious/noExplicitAny: the binding's mapping type is internal to y-tiptap
type Binding = { mapping: any }
const bindingOf = (state: EditorState): Binding | null =>
  (ySyncPluginKey.getState(state) as { binding?: Binding } | undefined)?.binding ?? null

/** Where a block may go for a position in text: before its textblock at the start, else after it. */
function blockBoundary(state: EditorState, pos: number): number {
  const $pos = state.doc.resolve(Math.max(0, Math.min(pos, state.doc.content.size)))
  if (!$pos.parent.isTextblock || $pos.depth === 0) return $pos.pos
  return $pos.parentOffset === 0 ? $pos.before() : $pos.after()
}

function placeholder(name: string, onCancel: () => void): HTMLElement {
  const element = document.createElement('div')
  element.className = 'media-upload'
  element.contentEditable = 'false'
  element.dataset.testid = 'media-upload'
  const label = document.createElement('span')
  label.className = 'media-upload__name'
  label.textContent = `Uploading ${name}…`
  const progress = document.createElement('progress')
  progress.className = 'media-upload__progress'
  progress.dataset.testid = 'media-upload-progress'
  progress.max = 1
  progress.value = 0
  progress.setAttribute('aria-label', `Upload of ${name}`)
  const cancel = document.createElement('button')
  cancel.type = 'button'
  cancel.className = 'button button--ghost media-upload__cancel'
  cancel.dataset.testid = 'media-upload-cancel'
  cancel.textContent = 'Cancel'
  cancel.addEventListener('click', onCancel)
  element.append(label, progress, cancel)
  return element
}

function decorations(state: EditorState): DecorationSet {
  const pending = mediaUploadsKey.getState(state) ?? []
  return DecorationSet.create(
    state.doc,
    pending.map((p) =>
      Decoration.widget(Math.min(p.pos, state.doc.content.size), () => p.element, {
        key: p.id,
        side: -1,
        stopEvent: () => true,
        ignoreSelection: true,
      }),
    ),
  )
}

function apply(tr: Transaction, pending: Pending[], state: EditorState, draft: Y.Doc): Pending[] {
  const action = tr.getMeta(mediaUploadsKey) as Action | undefined
  let next = tr.docChanged ? pending.map((p) => ({ ...p, pos: tr.mapping.map(p.pos, -1) })) : pending
  if (action && 'add' in action) next = [...next, action.add]
  if (action && 'remove' in action) next = next.filter((p) => p.id !== action.remove)
  // After a peer's change (the sync plugin replaces the whole document) or once local edits reached the
  // draft, the relative positions are the truth.
  const remote = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin
  if ((remote || (action && 'refresh' in action)) && next.length > 0) {
    const binding = bindingOf(state)
    if (binding)
      next = next.map((p) => {
        if (!p.rel) return p
        const pos = relativePositionToAbsolutePosition(
          draft,
          guidelineFragment(draft),
          p.rel,
          binding.mapping,
        )
        return pos === null ? p : { ...p, pos }
      })
  }
  return next
}

export function mediaUploads(host: MediaUploadHost) {
  return Extension.create({
    name: 'mediaUploads',
    addProseMirrorPlugins() {
      return [
        new Plugin<Pending[]>({
          key: mediaUploadsKey,
          state: {
            init: () => [],
            apply: (tr, pending, _old, state) => apply(tr, pending, state, host.draft),
          },
          props: { decorations },
          view(view) {
            let timer: ReturnType<typeof setTimeout> | null = null
            const onUpdate = () => {
              if (timer !== null || (mediaUploadsKey.getState(view.state) ?? []).length === 0) return
              timer = setTimeout(() => {
                timer = null
                if (!view.isDestroyed)
                  view.dispatch(view.state.tr.setMeta(mediaUploadsKey, { refresh: true }))
              }, 0)
            }
            host.draft.on('update', onUpdate)
            return {
              destroy() {
                if (timer !== null) clearTimeout(timer)
                host.draft.off('update', onUpdate)
              },
            }
          },
        }),
      ]
    },
  })
}

let counter = 0

/** Uploads each file and inserts it as a media block at `pos` (in order); returns at once. */
export function uploadFilesAt(view: EditorView, host: MediaUploadHost, files: File[], pos: number): void {
  const at = blockBoundary(view.state, pos)
  for (const file of files) {
    const id = `upload-${++counter}`
    const controller = new AbortController()
    const element = placeholder(file.name || 'pasted file', () => controller.abort())
    const binding = bindingOf(view.state)
    const rel = binding
      ? absolutePositionToRelativePosition(at, guidelineFragment(host.draft), binding.mapping)
      : null
    view.dispatch(
      view.state.tr.setMeta(mediaUploadsKey, { add: { id, pos: at, rel, element } } satisfies Action),
    )
    const progress = element.querySelector('progress')!
    uploadMedia(host.projectId, file, {
      signal: controller.signal,
      onProgress: ({ loaded, total }) => {
        progress.value = total > 0 ? loaded / total : 0
      },
    }).then(
      (media) => finish(view, id, media),
      (error: unknown) => {
        finish(view, id, null)
        if (error instanceof ApiRequestError && error.code === 'aborted') return
        const message = error instanceof Error ? error.message : 'The upload failed.'
        host.notices.post(`${file.name || 'The file'} was not added: ${message}`)
      },
    )
  }
}

/** Removes the placeholder and, on success, inserts the media node where it stood (one transaction). */
function finish(view: EditorView, id: string, media: UploadedMedia | null): void {
  if (view.isDestroyed) return
  const pending = (mediaUploadsKey.getState(view.state) ?? []).find((p) => p.id === id)
  const tr = view.state.tr.setMeta(mediaUploadsKey, { remove: id } satisfies Action)
  if (pending && media && view.editable) {
    const type = view.state.schema.nodes[MEDIA_NODE]!
    const attrs = {
      hash: media.hash,
      kind: media.kind,
      mime: media.mime,
      alt: media.alt ?? null,
      width: media.width ?? null,
      height: media.height ?? null,
    }
    const atEnd = pending.pos >= tr.doc.content.size
    tr.replaceRangeWith(pending.pos, pending.pos, type.create(attrs))
    // A block at the very end gets a paragraph after it, so there is somewhere to type below it.
    if (atEnd && tr.doc.lastChild?.type === type)
      tr.insert(tr.doc.content.size, view.state.schema.nodes.paragraph!.create())
  }
  view.dispatch(tr)
}
