/**
 * Find (Ctrl+F) and Find and replace (Ctrl+H) in the guideline, across its text and the example fields in
 * it: a bar under the toolbar with the match count ("3 of 12"), previous / next (Enter, Shift+Enter), and —
 * for people who may edit — Replace and Replace all. Escape closes it and returns to the text.
 */
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { replaceMatches } from './replaceMatches'
import { SHORTCUTS, shortcutLabel } from './shortcuts'
import { useFind } from './useFind'
import '../styles/findReplace.css'

export type FindMode = 'find' | 'replace'

interface FindReplaceBarProps {
  root: HTMLElement | null
  doc: Y.Doc
  mode: FindMode
  editable: boolean
  /** Bumped each time Ctrl+F / Ctrl+H is pressed again, to focus and select the query. */
  focusRequest: number
  onModeChange: (mode: FindMode) => void
  onClose: () => void
}

export function FindReplaceBar(props: FindReplaceBarProps) {
  const { root, doc, mode, editable, focusRequest, onModeChange, onClose } = props
  const [query, setQuery] = useState(() => window.getSelection()?.toString().slice(0, 200) ?? '')
  const [replacement, setReplacement] = useState('')
  const [said, setSaid] = useState<string | null>(null)
  const find = useFind(root, doc, query, true)
  const input = useRef<HTMLInputElement>(null)
  const id = useId()
  const replacing = mode === 'replace' && editable

  // biome-ignore lint/correctness/useExhaustiveDependencies: each request focuses the field again
  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [focusRequest])

  // Escape closes the bar from anywhere in it — and from nowhere in particular (a button that was pressed
  // may have become disabled and dropped the focus to the page).
  const bar = useRef<HTMLElement>(null)
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return
      const target = event.target as Node | null
      if (target !== document.body && !(target && bar.current?.contains(target))) return
      event.preventDefault()
      onClose()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])

  const onFindKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      if (event.shiftKey) find.previous()
      else find.next()
    }
  }
  const replace = (all: boolean) => {
    const targets = all ? find.matches : find.matches.slice(find.current, find.current + 1)
    const count = replaceMatches(targets, replacement)
    setSaid(count === 0 ? 'Nothing replaced.' : `Replaced ${count} ${count === 1 ? 'match' : 'matches'}.`)
    find.refresh()
  }

  const count = find.matches.length
  const status = !query ? '' : count === 0 ? 'No matches' : `${find.current + 1} of ${count}`
  return (
    <search ref={bar} className="find-bar" data-testid="find-bar" aria-label="Find in the guideline">
      <div className="find-bar__row">
        <label className="visually-hidden" htmlFor={`${id}-find`}>
          Find
        </label>
        <input
          ref={input}
          id={`${id}-find`}
          className="text-input find-bar__input"
          data-testid="find-input"
          placeholder="Find in the guideline and examples"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value)
            setSaid(null)
          }}
          onKeyDown={onFindKey}
        />
        <output className="find-bar__count muted" data-testid="find-count" aria-live="polite">
          {status}
        </output>
        <button
          type="button"
          className="button button--ghost find-bar__step"
          aria-label="Previous match (Shift+Enter)"
          title="Previous match (Shift+Enter)"
          disabled={count === 0}
          onClick={find.previous}
        >
          ↑
        </button>
        <button
          type="button"
          className="button button--ghost find-bar__step"
          data-testid="find-next"
          aria-label="Next match (Enter)"
          title="Next match (Enter)"
          disabled={count === 0}
          onClick={find.next}
        >
          ↓
        </button>
        {editable && mode === 'find' && (
          <button
            type="button"
            className="button button--ghost"
            data-testid="find-show-replace"
            title={`Find and replace (${shortcutLabel(SHORTCUTS.replace.keys)})`}
            onClick={() => onModeChange('replace')}
          >
            Replace…
          </button>
        )}
        <button
          type="button"
          className="button button--ghost"
          data-testid="find-close"
          aria-label="Close find (Escape)"
          title="Close (Escape)"
          onClick={onClose}
        >
          ✕
        </button>
      </div>
      {replacing && (
        <div className="find-bar__row">
          <label className="visually-hidden" htmlFor={`${id}-replace`}>
            Replace with
          </label>
          <input
            id={`${id}-replace`}
            className="text-input find-bar__input"
            data-testid="replace-input"
            placeholder="Replace with"
            value={replacement}
            onChange={(event) => setReplacement(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault()
                replace(false)
              }
            }}
          />
          <button
            type="button"
            className="button button--secondary"
            data-testid="replace-one"
            disabled={count === 0}
            onClick={() => replace(false)}
          >
            Replace
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="replace-all"
            disabled={count === 0}
            onClick={() => replace(true)}
          >
            Replace all
          </button>
          {said && (
            <span className="muted" role="status" data-testid="replace-status">
              {said}
            </span>
          )}
        </div>
      )}
    </search>
  )
}
