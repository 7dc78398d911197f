/**
 * The TipTap extension that highlights commented text: each open thread's Yjs anchor is resolved against the
 * draft and mapped to ProseMirror positions through the Yjs binding, and drawn as an inline decoration
 * (the active thread stronger). Clicking highlighted text opens its thread. Also turns the editor's
 * selection into a text anchor for a new thread.
 */
import { Extension } from '@tiptap/core'
import { type EditorState, Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type { Editor } from '@tiptap/react'
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import {
  createAnchorResolver,
  createTextAnchor,
  decodeAnchorPosition,
  type TextAnchor,
} from '../../shared/ydoc/commentAnchors'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { redrawOnDocUpdate } from '../editor/redrawOnDocUpdate'

export interface HighlightedThread {
  id: string
  anchor: TextAnchor
  resolved: boolean
}

/** What the highlights read; the React side replaces `threads` and `activeId` and then calls refresh. */
export interface HighlightSource {
  threads: HighlightedThread[]
  activeId: string | null
  onActivate(threadId: string): void
}

export const commentHighlightsKey = new PluginKey<DecorationSet>('commentHighlights')

interface Binding {
  mapping: Map<unknown, unknown>
}

function bindingOf(state: EditorState): Binding | null {
  return (ySyncPluginKey.getState(state) as { binding?: Binding } | undefined)?.binding ?? null
}

function build(state: EditorState, draft: Y.Doc, source: HighlightSource): DecorationSet {
  const binding = bindingOf(state)
  if (!binding) return DecorationSet.empty
  const fragment = guidelineFragment(draft)
  const resolve = createAnchorResolver(draft)
  const decorations: Decoration[] = []
  for (const thread of source.threads) {
    const active = thread.id === source.activeId
    if (thread.resolved && !active) continue
    if (resolve(thread.anchor).state !== 'attached') continue
    const start = decodeAnchorPosition(thread.anchor.start)
    const end = decodeAnchorPosition(thread.anchor.end)
    if (!start || !end) continue
    // biome-ignore lint/suspicious/noExplicitAny: the binding's mapping type is internal to y-tiptap
    const mapping = binding.mapping as any
    const from = relativePositionToAbsolutePosition(draft, fragment, start, mapping)
    const to = relativePositionToAbsolutePosition(draft, fragment, end, mapping)
    if (from === null || to === null || from >= to || to > state.doc.content.size) continue
    decorations.push(
      Decoration.inline(
        from,
        to,
        {
          class: `comment-anchor${active ? ' comment-anchor--active' : ''}`,
          'data-thread-id': thread.id,
        },
        { threadId: thread.id },
      ),
    )
  }
  return DecorationSet.create(state.doc, decorations)
}

export function commentHighlights(draft: Y.Doc, source: HighlightSource) {
  return Extension.create({
    name: 'commentHighlights',
    addProseMirrorPlugins() {
      return [
        new Plugin<DecorationSet>({
          key: commentHighlightsKey,
          state: {
            init: (_config, state) => build(state, draft, source),
            apply(tr, old, _oldState, newState) {
              if (tr.getMeta(commentHighlightsKey)) return build(newState, draft, source)
              return tr.docChanged ? old.map(tr.mapping, tr.doc) : old
            },
          },
          props: {
            decorations: (state) => commentHighlightsKey.getState(state),
            handleClick(view, pos) {
              const found = commentHighlightsKey.getState(view.state)?.find(pos, pos) ?? []
              const hit = found.find((d) => typeof d.spec.threadId === 'string')
              if (hit) source.onActivate(hit.spec.threadId as string)
              return false
            },
          },
          view: redrawOnDocUpdate(draft, commentHighlightsKey),
        }),
      ]
    },
  })
}

/** Redraws the highlights (after threads or the active thread changed). */
export function refreshCommentHighlights(editor: Editor): void {
  if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, true))
}

/** A text anchor for the editor's current selection (null when nothing is selected). */
export function anchorFromSelection(editor: Editor, draft: Y.Doc): TextAnchor | null {
  const { from, to, empty } = editor.state.selection
  const binding = bindingOf(editor.state)
  if (empty || !binding) return null
  const quote = editor.state.doc.textBetween(from, to, ' ', ' ').trim()
  if (!quote) return null
  const fragment = guidelineFragment(draft)
  // biome-ignore lint/suspicious/noExplicitAny: the binding's mapping type is internal to y-tiptap
  const mapping = binding.mapping as any
  const toY = (pos: number) => {
    const rel = absolutePositionToRelativePosition(pos, fragment, mapping) as Y.RelativePosition
    return Y.createAbsolutePositionFromRelativePosition(rel, draft)
  }
  const start = toY(from)
  const end = toY(to)
  if (!start || !end) return null
  return createTextAnchor(
    { type: start.type, index: start.index },
    { type: end.type, index: end.index },
    quote,
  )
}
