/**
 * A rubric or rationale field with suggestions: "Suggest edit" for those who may suggest (a small composer
 * prefilled with the current text; on submit the smallest changed range becomes a suggestion anchored in the
 * field's text, carried past whatever a co-editor changed meanwhile, or held back when the two overlap), and the field's open suggestions under it as diffs with Accept / Reject for leads.
 */
import { type ReactNode, useState } from 'react'
import '../styles/suggestions.css'
import type * as Y from 'yjs'
import {
  type SuggestionTarget,
  type SuggestionView,
  suggestionTextFits,
} from '../../shared/schema/suggestions'
import { newYId } from '../../shared/ydoc/ids'
import { createSuggestionRange } from '../../shared/ydoc/suggestionAnchors'
import { createSuggestion } from '../../shared/ydoc/suggestionsDoc'
import { useDraftTick } from '../sync/useDraftTick'
import { fieldChange, fieldString, rebaseTyped } from './fieldText'
import { SuggestionActions } from './SuggestionActions'
import { authorColor } from './SuggestionCard'
import { OutdatedVersions, SuggestionDiff } from './SuggestionDiff'
import { type SuggestionsUi, useSuggestionsUi } from './suggestionsUiContext'
import { suggestionState } from './useSuggestionStates'

/** Whether two targets name the same text (key order aside). */
export function sameTarget(a: SuggestionTarget, b: SuggestionTarget): boolean {
  const entries = (t: SuggestionTarget) =>
    JSON.stringify(Object.entries(t).sort(([x], [y]) => x.localeCompare(y)))
  return entries(a) === entries(b)
}

interface SuggestableFieldProps {
  /** The text suggestions name (null: this field takes none). */
  target: SuggestionTarget | null
  /** Where it is, for the panel's cards ("Accuracy · description"). */
  label: string
  /** The field's text in the draft (undefined while it does not exist). */
  text: Y.Text | Y.XmlFragment | undefined
  multiline?: boolean
  children: ReactNode
}

export function SuggestableField({ target, label, text, multiline, children }: SuggestableFieldProps) {
  const ui = useSuggestionsUi()
  if (!target) return <>{children}</>
  // The wrapper is always there, so the field is never remounted (and never loses focus) when the comments
  // document opens or a suggestion arrives.
  const open = ui ? ui.suggestions.filter((s) => s.status === 'open' && sameTarget(s.target, target)) : []
  return (
    <div className="suggestable">
      {children}
      {ui && <FieldSuggestions ui={ui} open={open} />}
      {ui?.maySuggest && text && (
        <SuggestEdit ui={ui} target={target} label={label} text={text} multiline={multiline} />
      )}
    </div>
  )
}

export const CHANGED_MEANWHILE =
  'Someone changed this text while you were writing; check your wording against the new text.'

function SuggestEdit(props: {
  ui: SuggestionsUi
  target: SuggestionTarget
  label: string
  text: Y.Text | Y.XmlFragment
  multiline: boolean | undefined
}) {
  const { ui, target, label, text, multiline } = props
  const [draft, setDraft] = useState<string | null>(null)
  // The field's text when the composer opened: what the typing changes (the field may change meanwhile).
  const [base, setBase] = useState('')
  const [error, setError] = useState<string | null>(null)
  if (draft === null)
    return (
      <button
        type="button"
        className="link-button suggest-edit__open"
        data-testid="suggest-edit"
        aria-label={`Suggest an edit to ${label}`}
        onClick={() => {
          const now = fieldString(text)
          setBase(now)
          setDraft(now)
          setError(null)
        }}
      >
        ✎ Suggest edit
      </button>
    )
  const submit = () => {
    const current = fieldString(text)
    const typed = rebaseTyped(base, current, draft)
    if (typed === null) {
      // Both changed the same words: the composer stays open, now against the text as it is.
      setBase(current)
      return setError(CHANGED_MEANWHILE)
    }
    const change = fieldChange(text, typed)
    if (change === null) return setError('Change the text first — it is the same as now.')
    if (typeof change === 'string') return setError(change)
    if (!suggestionTextFits(target, change.replacement))
      return setError('The suggestion holds characters this field cannot take.')
    createSuggestion(ui.comments, {
      id: newYId(),
      author: ui.me,
      target,
      label: label.slice(0, 200),
      range: createSuggestionRange(change.text, change.from, change.to),
      original: change.original,
      replacement: change.replacement,
      at: new Date().toISOString(),
    })
    setDraft(null)
  }
  return (
    <div className="suggest-edit" data-testid="suggest-edit-composer">
      <textarea
        className="text-input suggest-edit__input"
        data-testid="suggest-edit-input"
        aria-label={`Suggested wording for ${label}`}
        value={draft}
        rows={multiline ? 3 : 1}
        // biome-ignore lint/a11y/noAutofocus: the composer opens because the user asked to write
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey || !multiline)) {
            event.preventDefault()
            submit()
          } else if (event.key === 'Escape') {
            event.preventDefault()
            setDraft(null)
          }
        }}
      />
      {error && (
        <p className="suggestion-actions__error" role="alert">
          {error}
        </p>
      )}
      <div className="composer__actions">
        <button type="button" className="button button--ghost button--small" onClick={() => setDraft(null)}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary button--small"
          data-testid="suggest-edit-submit"
          onClick={submit}
        >
          Suggest
        </button>
      </div>
    </div>
  )
}

function FieldSuggestions({ ui, open }: { ui: SuggestionsUi; open: SuggestionView[] }) {
  if (open.length === 0) return null
  return (
    <ul className="field-suggestions" data-testid="field-suggestions">
      {open.map((s) => (
        <FieldSuggestion key={s.id} ui={ui} suggestion={s} />
      ))}
    </ul>
  )
}

function FieldSuggestion({ ui, suggestion }: { ui: SuggestionsUi; suggestion: SuggestionView }) {
  useDraftTick(ui.draft)
  const state = suggestionState(ui.draft, suggestion)
  const color = authorColor(ui, suggestion)
  return (
    <li
      className="field-suggestion"
      data-testid="field-suggestion"
      data-suggestion-id={suggestion.id}
      data-outdated={state.outdated ? 'true' : 'false'}
      style={{ borderLeftColor: color }}
    >
      <span className="field-suggestion__author">{suggestion.author.name} suggests</span>
      {state.outdated ? (
        <OutdatedVersions
          original={suggestion.original}
          replacement={suggestion.replacement}
          current={state.current}
        />
      ) : (
        <SuggestionDiff suggestion={suggestion} color={color} context={state.context} />
      )}
      <SuggestionActions ui={ui} suggestion={suggestion} outdated={state.outdated} />
    </li>
  )
}
