/**
 * The guideline editor's Suggesting mode (TipTap extensions): while it is on, typing, Backspace, Delete, cut
 * and pasting plain text leave the draft alone and write your own suggestion into the comments document instead
 * (suggestingEdits.ts), and every other local change of the document is refused — only changes arriving
 * through the Yjs binding (peers, undo of the binding) pass. In both modes it draws the open suggestions
 * (suggestingDecorations.ts) and activates one when clicked.
 */
import { Extension, type Extensions } from '@tiptap/core'
import { type EditorState, Plugin, PluginKey, TextSelection } from '@tiptap/pm/state'
import type { DecorationSet, EditorView } from '@tiptap/pm/view'
import type { Editor } from '@tiptap/react'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import type { Person } from '../../shared/schema/comments'
import { redrawOnDocUpdate } from '../editor/redrawOnDocUpdate'
import { buildSuggestionDecorations, positionOf, SUGGESTION_ID_ATTR, spotAt } from './suggestingDecorations'
import { type SuggestAction, suggestEdit } from './suggestingEdits'

export type EditorMode = 'editing' | 'suggesting'

/** What the extension reads; the React side keeps it current and calls refreshSuggestions after a change. */
export interface SuggestingSource {
  mode: EditorMode
  /** The comments document (null until it is open: then nothing can be suggested). */
  comments: Y.Doc | null
  me: Person
  activeId: string | null
  onActivate(suggestionId: string): void
  /** A short sentence for the person typing (an edit that cannot be suggested). */
  onNotice(message: string): void
}

export const suggestingKey = new PluginKey<DecorationSet>('suggesting')

const UNAVAILABLE_NOTICE = 'Suggestions are not available until the comments are loaded'
const NEW_PARAGRAPH_NOTICE = 'Suggest within one paragraph at a time: new paragraphs cannot be suggested'

/** The section heading above `pos`, for the suggestion's label. */
function labelAt(state: EditorState, pos: number): string {
  let heading: string | null = null
  state.doc.forEach((node, offset) => {
    if (offset <= pos && node.type.name === 'heading') heading = node.textContent.trim()
  })
  return heading ? `Guideline · ${heading}`.slice(0, 200) : 'Guideline'
}

/**
 * Takes in a selection change the browser has made but not yet reported (a click or Home just before this key:
 * `selectionchange` arrives asynchronously), so the edit lands where the caret is on screen.
 */
function syncSelectionFromDOM(view: EditorView): void {
  ;(view as unknown as { domObserver?: { flush?(): void } }).domObserver?.flush?.()
}

function suggest(
  view: EditorView,
  draft: Y.Doc,
  source: SuggestingSource,
  action: SuggestAction,
  range = view.state.selection,
): void {
  if (!source.comments) {
    source.onNotice(UNAVAILABLE_NOTICE)
    return
  }
  const { state } = view
  const from = spotAt(state, draft, range.from)
  const to = range.empty ? from : spotAt(state, draft, range.to)
  let outcome: ReturnType<typeof suggestEdit>
  try {
    outcome = suggestEdit(
      {
        draft,
        comments: source.comments,
        me: source.me,
        label: labelAt(state, range.from),
        now: new Date().toISOString(),
      },
      from,
      to,
      action,
    )
  } catch (error) {
    source.onNotice(error instanceof Error ? error.message : String(error))
    return
  }
  if ('notice' in outcome) {
    source.onNotice(outcome.notice)
    return
  }
  const tr = view.state.tr.setMeta(suggestingKey, true)
  const caret = outcome.caret && positionOf(view.state, draft, outcome.caret)
  if (caret !== null && caret !== undefined) tr.setSelection(TextSelection.create(tr.doc, caret))
  view.dispatch(tr.scrollIntoView())
}

/** Whether a transaction came from the Yjs binding (a peer's change, or the draft changing underneath). */
function fromYjs(tr: { getMeta(key: PluginKey): unknown }): boolean {
  return tr.getMeta(ySyncPluginKey) !== undefined
}

/** The open suggestions drawn in the text (after the Yjs binding, whose mapping they are resolved through). */
function suggestionDecorations(draft: Y.Doc, source: SuggestingSource) {
  return Extension.create({
    name: 'suggestionDecorations',
    addProseMirrorPlugins() {
      return [
        new Plugin<DecorationSet>({
          key: suggestingKey,
          state: {
            init: (_config, state) =>
              buildSuggestionDecorations(state, draft, source.comments, source.activeId),
            apply(tr, old, _oldState, newState) {
              if (tr.getMeta(suggestingKey)) {
                return buildSuggestionDecorations(newState, draft, source.comments, source.activeId)
              }
              return tr.docChanged ? old.map(tr.mapping, tr.doc) : old
            },
          },
          props: {
            decorations: (state) => suggestingKey.getState(state),
            handleDOMEvents: {
              // A plain click (not the end of a drag or a double-click selecting text: redrawing the
              // suggestion then would lose that selection).
              click(view, event) {
                if (!view.state.selection.empty || event.detail > 1) return false
                const target = event.target instanceof Element ? event.target : null
                const id = target?.closest(`[${SUGGESTION_ID_ATTR}]`)?.getAttribute(SUGGESTION_ID_ATTR)
                if (id) source.onActivate(id)
                return false
              },
            },
          },
          view: redrawOnDocUpdate(draft, suggestingKey),
        }),
      ]
    },
  })
}

/** Suggesting mode's input handling, before the keymaps, the slash menu and the paste handlers. */
function suggestingInput(draft: Y.Doc, source: SuggestingSource) {
  const suggesting = () => source.mode === 'suggesting'
  return Extension.create({
    name: 'suggestingInput',
    priority: 1000,
    addProseMirrorPlugins() {
      return [
        new Plugin({
          key: new PluginKey('suggestingInput'),
          filterTransaction: (tr) => !suggesting() || !tr.docChanged || fromYjs(tr),
          props: {
            handleTextInput(view, from, to, text) {
              if (!suggesting()) return false
              const { doc } = view.state
              suggest(view, draft, source, { kind: 'insert', text }, TextSelection.create(doc, from, to))
              return true
            },
            handleKeyDown(view, event) {
              if (!suggesting() || event.isComposing) return false
              const mod = event.ctrlKey || event.metaKey
              if (event.key === 'Backspace' || event.key === 'Delete') {
                syncSelectionFromDOM(view)
                const direction = event.key === 'Backspace' ? 'backward' : 'forward'
                suggest(view, draft, source, { kind: 'delete', direction })
                return true
              }
              if (event.key === 'Enter' && !mod) {
                source.onNotice(NEW_PARAGRAPH_NOTICE)
                return true
              }
              // Undo and redo would change the draft itself (the lead's earlier edits): not while suggesting.
              if (mod && !event.altKey && /^[zy]$/i.test(event.key)) return true
              return false
            },
            handleDOMEvents: {
              // Before the media and clean-up paste handlers: only plain text becomes a suggestion.
              paste(view, event) {
                if (!suggesting()) return false
                event.preventDefault()
                const text = (event.clipboardData?.getData('text/plain') ?? '').replace(/\r?\n$/, '')
                if (text) suggest(view, draft, source, { kind: 'insert', text })
                return true
              },
              // ProseMirror copies the text and its deletion is refused; the cut text is suggested for deletion
              // right after that copy (which needs the selection this suggestion then collapses), in a microtask:
              // no click, key or peer's update can come first. (A timer could run after the next click and
              // move the caret from where the person had just selected, so their paste landed at the cut.)
              cut(view) {
                if (!suggesting() || view.state.selection.empty) return false
                const range = view.state.selection
                queueMicrotask(() => {
                  if (!view.isDestroyed)
                    suggest(view, draft, source, { kind: 'delete', direction: 'backward' }, range)
                })
                return false
              },
              drop(_view, event) {
                if (!suggesting()) return false
                event.preventDefault()
                return true
              },
              // Typing inside a text is left to the browser by ProseMirror: take it over before the DOM changes.
              beforeinput(view, event) {
                if (!suggesting()) return false
                const input = event as InputEvent
                if (input.inputType === 'insertCompositionText') return false
                event.preventDefault()
                if (input.inputType === 'insertText' || input.inputType === 'insertReplacementText') {
                  syncSelectionFromDOM(view)
                  const text = input.data ?? input.dataTransfer?.getData('text/plain') ?? ''
                  if (text) suggest(view, draft, source, { kind: 'insert', text })
                }
                return true
              },
            },
          },
        }),
      ]
    },
  })
}

/** The extensions of Suggesting mode and of the suggestions drawn in the text (both modes). */
export function suggestingMode(draft: Y.Doc, source: SuggestingSource): Extensions {
  return [suggestingInput(draft, source), suggestionDecorations(draft, source)]
}

/** Redraws the suggestions (after the comments document, the mode or the active suggestion changed). */
export function refreshSuggestions(editor: Editor): void {
  if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(suggestingKey, true))
}
