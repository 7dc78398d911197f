/**
 * The suggestions tab of the side panel: open or decided suggestions as cards, narrowed to one person or one
 * guideline section, and for owners and leads "Accept all" / "Reject all" of what is shown (through the batch
 * route; accepted ones are applied together, so one undo takes them back).
 */
import { useState } from 'react'
import '../styles/suggestions.css'
import type { SuggestionDecision } from '../../shared/schema/suggestions'
import { decideMany } from './decide'
import { SuggestionCard } from './SuggestionCard'
import { useSuggestingUi } from './suggestingContext'
import { type SuggestionsUi, useSuggestionsUi } from './suggestionsUiContext'
import { useSuggestionStates } from './useSuggestionStates'

type Filter = 'open' | 'decided'

export function SuggestionsPanel() {
  const ui = useSuggestionsUi()
  return ui ? <SuggestionList ui={ui} /> : null
}

function SuggestionList({ ui }: { ui: SuggestionsUi }) {
  const [filter, setFilter] = useState<Filter>('open')
  const [person, setPerson] = useState('')
  const [section, setSection] = useState('')
  // The open card is the suggestion highlighted in the guideline (clicked there or here), when there is one.
  const suggesting = useSuggestingUi()
  const [localActive, setLocalActive] = useState<string | null>(null)
  const activeId = suggesting ? suggesting.activeSuggestionId : localActive
  const setActiveId = (id: string | null) =>
    suggesting ? suggesting.activateSuggestion(id) : setLocalActive(id)
  const [busy, setBusy] = useState(false)
  const [messages, setMessages] = useState<string[]>([])
  const states = useSuggestionStates(ui.draft, ui.suggestions)

  const inFilter = ui.suggestions.filter((s) => (filter === 'open') === (s.status === 'open'))
  const authors = [...new Map(inFilter.map((s) => [s.author.id, s.author.name])).entries()]
  const sections = [
    ...new Map(
      inFilter.flatMap((s) => {
        const ref = states.get(s.id)?.section
        return ref ? [[ref.key, ref.title] as const] : []
      }),
    ).entries(),
  ]
  const shown = inFilter.filter(
    (s) => (!person || s.author.id === person) && (!section || states.get(s.id)?.section?.key === section),
  )
  const count = (f: Filter) => ui.suggestions.filter((s) => (f === 'open') === (s.status === 'open')).length
  const narrowed = person !== '' || section !== ''
  const acceptable = shown.filter((s) => !states.get(s.id)?.outdated)

  const decideShown = async (decision: SuggestionDecision) => {
    setBusy(true)
    setMessages([])
    const outcome = await decideMany(ui, decision === 'accept' ? acceptable : shown, decision)
    setBusy(false)
    setMessages(outcome.messages)
  }

  return (
    <section
      className="comments-panel suggestions-panel"
      data-testid="suggestions-panel"
      aria-label="Suggestions"
    >
      <div className="comments-panel__filters" role="tablist" aria-label="Show suggestions">
        {(['open', 'decided'] as const).map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={filter === id}
            data-testid={`suggestions-filter-${id}`}
            className={`filter-chip${filter === id ? ' filter-chip--active' : ''}`}
            onClick={() => {
              setFilter(id)
              setActiveId(null)
            }}
          >
            {id === 'open' ? 'Open' : 'Decided'} <span className="filter-chip__count">{count(id)}</span>
          </button>
        ))}
      </div>
      {(authors.length > 1 || sections.length > 0 || narrowed) && (
        <div className="suggestions-panel__narrow">
          <label className="mini-field">
            <span>Person</span>
            <select
              className="text-input"
              data-testid="suggestions-person"
              value={person}
              onChange={(event) => setPerson(event.target.value)}
            >
              <option value="">Everyone</option>
              {authors.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className="mini-field">
            <span>Section</span>
            <select
              className="text-input"
              data-testid="suggestions-section"
              value={section}
              onChange={(event) => setSection(event.target.value)}
            >
              <option value="">All sections</option>
              {sections.map(([key, title]) => (
                <option key={key} value={key}>
                  {title}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {ui.mayDecide && filter === 'open' && narrowed && shown.length > 0 && (
        <div className="suggestions-panel__batch">
          <button
            type="button"
            className="button button--small button--primary"
            data-testid="suggestions-accept-all"
            disabled={busy || acceptable.length === 0}
            onClick={() => void decideShown('accept')}
          >
            ✓ Accept all {acceptable.length}
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            data-testid="suggestions-reject-all"
            disabled={busy}
            onClick={() => void decideShown('reject')}
          >
            ✗ Reject all {shown.length}
          </button>
        </div>
      )}
      {messages.length > 0 && (
        <ul className="suggestions-panel__messages" role="alert" data-testid="suggestions-messages">
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {shown.length === 0 ? (
        <p className="comments-panel__empty" data-testid="suggestions-empty">
          {filter === 'open'
            ? ui.maySuggest
              ? 'No open suggestions. Press “Suggest edit” under a rubric text or rationale to propose wording.'
              : 'No open suggestions.'
            : 'No decided suggestions yet.'}
        </p>
      ) : (
        shown.map((s) => (
          <SuggestionCard
            key={s.id}
            ui={ui}
            suggestion={s}
            state={states.get(s.id)}
            active={activeId === s.id}
            onActivate={() => setActiveId(s.id)}
          />
        ))
      )}
    </section>
  )
}
