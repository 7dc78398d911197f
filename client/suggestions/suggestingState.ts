/**
 * The Suggesting-mode state of one open guideline editor: the chosen mode (reviewers are always suggesting),
 * the active suggestion and the latest notice, kept in the source the editor extension reads — with the
 * editor redrawn when any of them or the comments document changes — and the Ctrl+Alt+Shift+X / Z switch.
 */
import type { Editor } from '@tiptap/react'
import { useEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import type { Person } from '../../shared/schema/comments'
import { matchesShortcut, SHORTCUTS } from '../editor/shortcuts'
import type { SuggestingUi } from './suggestingContext'
import { type EditorMode, refreshSuggestions, type SuggestingSource } from './suggestingMode'

const NOTICE_MS = 5000

/** A stable source for the editor's extension list, starting in the mode a person of this role starts in. */
export function useSuggestingSource(me: Person, canEdit: boolean): SuggestingSource {
  const ref = useRef<SuggestingSource | null>(null)
  if (!ref.current) {
    ref.current = {
      mode: canEdit ? 'editing' : 'suggesting',
      comments: null,
      me,
      activeId: null,
      onActivate: () => {},
      onNotice: () => {},
    }
  }
  return ref.current
}

export function useSuggestingState(options: {
  editor: Editor
  source: SuggestingSource
  canEdit: boolean
  comments: Y.Doc | null
  me: Person
  /** Called when a suggestion is clicked in the text (e.g. to show the panel listing it). */
  onActivated?(id: string): void
}): SuggestingUi {
  const { editor, source, canEdit, comments, me } = options
  const [chosen, setChosen] = useState<EditorMode>(source.mode)
  const [activeId, setActiveId] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const onActivated = useRef(options.onActivated)
  onActivated.current = options.onActivated
  const mode: EditorMode = canEdit ? chosen : 'suggesting'

  source.me = me
  source.onNotice = setNotice
  source.onActivate = (id) => {
    setActiveId(id)
    onActivated.current?.(id)
  }

  useEffect(() => {
    source.mode = mode
    source.comments = comments
    source.activeId = activeId
    refreshSuggestions(editor)
  }, [editor, source, mode, comments, activeId])

  // Redraw when suggestions change (mine, a peer's, or a decision).
  useEffect(() => {
    if (!comments) return
    let timer: ReturnType<typeof setTimeout> | null = null
    const onUpdate = () => {
      if (timer === null) {
        timer = setTimeout(() => {
          timer = null
          refreshSuggestions(editor)
        }, 0)
      }
    }
    comments.on('update', onUpdate)
    return () => {
      if (timer !== null) clearTimeout(timer)
      comments.off('update', onUpdate)
    }
  }, [editor, comments])

  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(() => setNotice(null), NOTICE_MS)
    return () => clearTimeout(timer)
  }, [notice])

  useEffect(() => {
    if (!canEdit) return
    const onKeyDown = (event: KeyboardEvent) => {
      const next = matchesShortcut(event, SHORTCUTS.suggesting.keys)
        ? 'suggesting'
        : matchesShortcut(event, SHORTCUTS.editing.keys)
          ? 'editing'
          : null
      if (!next) return
      event.preventDefault()
      setChosen(next)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [canEdit])

  return useMemo(
    () => ({
      mode,
      canEdit,
      setMode: setChosen,
      activeSuggestionId: activeId,
      activateSuggestion: setActiveId,
      notice,
    }),
    [mode, canEdit, activeId, notice],
  )
}
