/**
 * Writing a comment: a plain-text box that suggests project members after `@` (Enter or a click inserts the
 * name), sends on Ctrl+Enter or the button, and reports who the text mentions.
 */
import { useRef, useState } from 'react'
import { MAX_COMMENT_LENGTH, type Person } from '../../shared/schema/comments'
import { findMentions, matchingPeople, mentionQuery } from './mentions'

interface ComposerProps {
  people: Person[]
  me: Person
  submitLabel: string
  placeholder: string
  initial?: string
  autoFocus?: boolean
  testId: string
  onSubmit(body: string, mentions: string[]): void
  onCancel?: () => void
}

export function CommentComposer(props: ComposerProps) {
  const { people, me, submitLabel, placeholder, initial = '', autoFocus, testId, onSubmit, onCancel } = props
  const [text, setText] = useState(initial)
  const [caret, setCaret] = useState(initial.length)
  const [highlight, setHighlight] = useState(0)
  const ref = useRef<HTMLTextAreaElement>(null)
  const query = mentionQuery(text, caret)
  const suggestions = query ? matchingPeople(people, query.query, me.id) : []

  const insertMention = (person: Person) => {
    if (!query) return
    const next = `${text.slice(0, query.start)}@${person.name} ${text.slice(caret)}`
    const at = query.start + person.name.length + 2
    setText(next)
    setCaret(at)
    setHighlight(0)
    requestAnimationFrame(() => {
      ref.current?.focus()
      ref.current?.setSelectionRange(at, at)
    })
  }

  const submit = () => {
    const body = text.trim()
    if (!body) return
    onSubmit(body, findMentions(body, people))
    setText('')
    setCaret(0)
  }

  return (
    <div className="composer">
      <textarea
        ref={ref}
        className="composer__input"
        data-testid={testId}
        value={text}
        placeholder={placeholder}
        maxLength={MAX_COMMENT_LENGTH}
        rows={2}
        // biome-ignore lint/a11y/noAutofocus: the composer opens because the user asked to write
        autoFocus={autoFocus}
        aria-label={placeholder}
        onChange={(event) => {
          setText(event.target.value)
          setCaret(event.target.selectionStart)
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onKeyDown={(event) => {
          if (suggestions.length > 0 && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
            event.preventDefault()
            const step = event.key === 'ArrowDown' ? 1 : -1
            setHighlight((h) => (h + step + suggestions.length) % suggestions.length)
          } else if (suggestions.length > 0 && (event.key === 'Enter' || event.key === 'Tab')) {
            event.preventDefault()
            insertMention(suggestions[highlight] ?? suggestions[0]!)
          } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault()
            submit()
          } else if (event.key === 'Escape' && onCancel) {
            event.preventDefault()
            onCancel()
          }
        }}
      />
      {suggestions.length > 0 && (
        <ul className="composer__mentions" aria-label="Mention someone">
          {suggestions.map((person, i) => (
            <li key={person.id}>
              <button
                type="button"
                className={`composer__mention${i === highlight ? ' composer__mention--active' : ''}`}
                aria-current={i === highlight}
                onMouseDown={(event) => {
                  event.preventDefault()
                  insertMention(person)
                }}
              >
                @{person.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="composer__actions">
        {onCancel && (
          <button type="button" className="button button--ghost button--small" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button
          type="button"
          className="button button--primary button--small"
          data-testid={`${testId}-submit`}
          disabled={!text.trim()}
          onClick={submit}
        >
          {submitLabel}
        </button>
      </div>
    </div>
  )
}
