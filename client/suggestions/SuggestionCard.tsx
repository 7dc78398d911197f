/**
 * One suggestion as a card in the side panel: who suggested it and where, the change as a diff in their
 * colour (or, when the text changed underneath, both versions), its discussion with a reply box, and the
 * decision buttons. A decided one collapses to "Accepted by …" / "Rejected by …" (or "Withdrawn"). Opening it
 * marks the mentions of me in its replies as seen.
 */
import { useEffect, useRef } from 'react'
import type { SuggestionView } from '../../shared/schema/suggestions'
import { markMentionsSeen } from '../../shared/ydoc/commentsDoc'
import { newYId } from '../../shared/ydoc/ids'
import { addSuggestionReply } from '../../shared/ydoc/suggestionsDoc'
import { CommentBody } from '../comments/CommentBody'
import { CommentComposer } from '../comments/CommentComposer'
import { useCommentsUi } from '../comments/commentsContext'
import { Avatar } from '../ui/Avatar'
import { formatFullTime, formatRelativeTime } from '../ui/formatTime'
import { SuggestionActions } from './SuggestionActions'
import { OutdatedVersions, SuggestionDiff } from './SuggestionDiff'
import type { SuggestionsUi } from './suggestionsUiContext'
import type { SuggestionState } from './useSuggestionStates'

const GREY = '#6b6f76'

export function authorColor(ui: SuggestionsUi, suggestion: SuggestionView): string {
  return suggestion.author.color || ui.people.find((p) => p.id === suggestion.author.id)?.color || GREY
}

/** "Accepted by Lee Lead 2 min ago", or null while open. */
export function decisionNote(suggestion: SuggestionView): string | null {
  if (suggestion.status === 'open') return null
  if (suggestion.status === 'withdrawn') return `Withdrawn by ${suggestion.author.name}`
  const verb = suggestion.status === 'accepted' ? 'Accepted' : 'Rejected'
  const when = suggestion.decidedAt ? ` ${formatRelativeTime(suggestion.decidedAt)}` : ''
  return `${verb} by ${suggestion.decidedBy?.name ?? 'a lead'}${when}`
}

interface CardProps {
  ui: SuggestionsUi
  suggestion: SuggestionView
  state: SuggestionState | undefined
  active: boolean
  onActivate(): void
}

export function SuggestionCard({ ui, suggestion, state, active, onActivate }: CardProps) {
  const color = authorColor(ui, suggestion)
  const note = decisionNote(suggestion)
  const outdated = state?.outdated === true
  // A guideline suggestion says the section it sits in now (its label names the heading it was made under).
  const section = state?.section?.title
  const where =
    suggestion.target.kind === 'guideline' && section ? `Guideline · ${section}` : suggestion.label
  // A suggestion clicked in the guideline opens its card here, in view.
  const card = useRef<HTMLElement>(null)
  useEffect(() => {
    if (active) card.current?.scrollIntoView({ block: 'nearest' })
  }, [active])
  // An open card's replies count as read: the mentions of me in them are no longer unseen.
  const unseen = useCommentsUi()?.unseen
  useEffect(() => {
    if (!active || !unseen) return
    const ids = suggestion.comments.filter((c) => unseen.has(c.id)).map((c) => c.id)
    if (ids.length > 0) markMentionsSeen(ui.comments, ui.me.id, ids)
  }, [active, unseen, suggestion.comments, ui.comments, ui.me.id])
  return (
    // biome-ignore lint/a11y/useSemanticElements: the card holds buttons of its own, so it cannot be one
    <article
      ref={card}
      className={`thread suggestion-card${active ? ' thread--active' : ''}${note ? ' suggestion-card--decided' : ''}`}
      data-testid="suggestion-card"
      data-suggestion-id={suggestion.id}
      data-status={suggestion.status}
      data-outdated={outdated ? 'true' : 'false'}
      role="group"
      aria-label={`Suggestion by ${suggestion.author.name} on ${where}`}
      onClick={() => !active && onActivate()}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && event.target === event.currentTarget) onActivate()
      }}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the card can be opened from the keyboard
      tabIndex={0}
    >
      <header className="suggestion-card__head">
        <Avatar name={suggestion.author.name} color={color} size="small" />
        <span className="comment__author">{suggestion.author.name}</span>
        <time
          className="comment__time"
          dateTime={suggestion.createdAt}
          title={formatFullTime(suggestion.createdAt)}
        >
          {formatRelativeTime(suggestion.createdAt)}
        </time>
      </header>
      <p className="suggestion-card__where" data-testid="suggestion-where">
        {where}
      </p>
      {note ? (
        <>
          <p className="suggestion-card__decision" data-testid="suggestion-decision">
            {note}
          </p>
          {/* What was decided, whatever its author typed into it a moment later. */}
          <SuggestionDiff
            suggestion={suggestion.decided ? { ...suggestion, ...suggestion.decided } : suggestion}
            color={color}
          />
        </>
      ) : outdated ? (
        <OutdatedVersions
          original={suggestion.original}
          replacement={suggestion.replacement}
          current={state?.current ?? null}
        />
      ) : (
        <SuggestionDiff suggestion={suggestion} color={color} context={state?.context} />
      )}
      {(active || !note) && suggestion.comments.length > 0 && (
        <ol className="thread__comments">
          {(active ? suggestion.comments : suggestion.comments.slice(-1)).map((comment) => (
            <li key={comment.id} className="comment" data-testid="suggestion-comment">
              <div className="comment__head">
                <span className="comment__author">{comment.author.name}</span>
                <time className="comment__time" dateTime={comment.createdAt}>
                  {formatRelativeTime(comment.createdAt)}
                </time>
              </div>
              {comment.deleted ? (
                <p className="comment__body comment__body--deleted">Comment deleted</p>
              ) : (
                <CommentBody
                  body={comment.body}
                  mentioned={ui.people.filter((p) => comment.mentions.includes(p.id))}
                />
              )}
            </li>
          ))}
        </ol>
      )}
      {!active && !note && suggestion.comments.length > 1 && (
        <p className="thread__more">{suggestion.comments.length} comments</p>
      )}
      <SuggestionActions ui={ui} suggestion={suggestion} outdated={outdated} />
      {active && suggestion.status === 'open' && (
        <CommentComposer
          people={ui.people}
          me={ui.me}
          submitLabel="Reply"
          placeholder="Discuss this suggestion… (@ to mention)"
          testId="suggestion-reply-input"
          onSubmit={(body, mentions) =>
            addSuggestionReply(ui.comments, suggestion.id, {
              id: newYId(),
              author: ui.me,
              body,
              mentions,
              at: new Date().toISOString(),
            })
          }
        />
      )}
    </article>
  )
}
