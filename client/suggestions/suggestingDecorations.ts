/**
 * Draws every open guideline suggestion inside the editor: the replaced or deleted text struck through and
 * the suggested text as an underlined widget right after it, both in the author's colour and titled
 * "Suggested by NAME". Each is resolved against the draft and mapped to ProseMirror positions through the
 * Yjs binding; outdated ones are left to the suggestions panel. Also converts between the two position kinds.
 */
import type { EditorState } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import type { Person } from '../../shared/schema/comments'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { resolveSuggestion } from '../../shared/ydoc/suggestionAnchors'
import { readSuggestions } from '../../shared/ydoc/suggestionsDoc'
import type { TextSpot } from './suggestingEdits'

/** The attribute carrying a suggestion's id on its struck text and its inserted text. */
export const SUGGESTION_ID_ATTR = 'data-suggestion-id'

const FALLBACK_COLOR = '#7c3aed'

// biome-ignore lint/suspicious/noExplicitAny: the binding's mapping type is internal to y-tiptap
type Mapping = any

function mappingOf(state: EditorState): Mapping | null {
  return (
    (ySyncPluginKey.getState(state) as { binding?: { mapping: Mapping } } | undefined)?.binding?.mapping ??
    null
  )
}

/** The guideline text and index at a ProseMirror position (null outside text, e.g. in an empty paragraph). */
export function spotAt(state: EditorState, draft: Y.Doc, pos: number): TextSpot | null {
  const mapping = mappingOf(state)
  if (!mapping) return null
  const rel = absolutePositionToRelativePosition(pos, guidelineFragment(draft), mapping) as Y.RelativePosition
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, draft)
  return abs && abs.type instanceof Y.XmlText ? { text: abs.type, index: abs.index } : null
}

/** The ProseMirror position of a place in a guideline text (null when the editor does not show it). */
export function positionOf(state: EditorState, draft: Y.Doc, spot: TextSpot): number | null {
  const mapping = mappingOf(state)
  if (!mapping) return null
  const rel = Y.createRelativePositionFromTypeIndex(spot.text, spot.index)
  const pos = relativePositionToAbsolutePosition(draft, guidelineFragment(draft), rel, mapping)
  return pos === null || pos > state.doc.content.size ? null : pos
}

/** An author's colour as CSS, only when it is a plain hex colour (anyone may have written it). */
function colorOf(author: Person): string {
  return author.color && /^#[0-9a-fA-F]{3,8}$/.test(author.color) ? author.color : FALLBACK_COLOR
}

function attributesOf(id: string, author: Person, kind: 'delete' | 'insert', active: boolean) {
  return {
    class: `suggestion-${kind}${active ? ' suggestion--active' : ''}`,
    style: `--suggestion-color: ${colorOf(author)}`,
    title: `Suggested by ${author.name}`,
    [SUGGESTION_ID_ATTR]: id,
  }
}

function insertedText(id: string, author: Person, text: string, active: boolean): () => HTMLElement {
  return () => {
    const span = document.createElement('span')
    for (const [name, value] of Object.entries(attributesOf(id, author, 'insert', active))) {
      span.setAttribute(name, value)
    }
    span.textContent = text
    return span
  }
}

export function buildSuggestionDecorations(
  state: EditorState,
  draft: Y.Doc,
  comments: Y.Doc | null,
  activeId: string | null,
): DecorationSet {
  if (!comments || !mappingOf(state)) return DecorationSet.empty
  const decorations: Decoration[] = []
  for (const s of readSuggestions(comments)) {
    if (s.status !== 'open' || s.target.kind !== 'guideline') continue
    const resolved = resolveSuggestion(draft, s)
    if (resolved.state !== 'current' || !(resolved.text instanceof Y.XmlText)) continue
    const from = positionOf(state, draft, { text: resolved.text, index: resolved.from })
    const to = positionOf(state, draft, { text: resolved.text, index: resolved.to })
    if (from === null || to === null || to < from) continue
    const active = s.id === activeId
    if (to > from) {
      decorations.push(
        Decoration.inline(from, to, attributesOf(s.id, s.author, 'delete', active), { suggestionId: s.id }),
      )
    }
    if (s.replacement) {
      // Before the caret at that position (side -1), so your typing continues after your own inserted text.
      decorations.push(
        Decoration.widget(to, insertedText(s.id, s.author, s.replacement, active), {
          side: -1,
          key: `${s.id}:${active ? 'a' : ''}:${s.author.color ?? ''}:${s.replacement}`,
          suggestionId: s.id,
          ignoreSelection: true,
        }),
      )
    }
  }
  return DecorationSet.create(state.doc, decorations)
}
